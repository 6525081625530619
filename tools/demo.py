"""Render every example in every style that applies and every format (``make demo``).

Writes ``build/demo/<example>/<style>.<format>`` and an ``index.html`` gallery, then prints where
they are. A style that does not apply to an example (say, ``fcnn`` on a network without a dense
layer) is listed with the reason instead of failing the run; any other error fails it.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
import time
from pathlib import Path

import nnviz_core
from nnviz_core import registry
from nnviz_core.errors import NnvizError

FORMATS = ("svg", "png", "pdf", "dot", "pptx")


def formats_for(style: str) -> list[str]:
    available = set(registry.names("nnviz.backends"))
    return [fmt for fmt in FORMATS if fmt in available and (fmt != "dot" or style == "graph")]


def network_styles() -> list[str]:
    """The styles that draw a network (training curves read logs, not these specs)."""
    return [
        style
        for style in registry.names("nnviz.styles")
        if not callable(getattr(registry.style(style), "read", None))
    ]


def render_example(spec: Path, out: Path) -> list[tuple[str, str]]:
    """Render one spec in every style; returns (style, svg file or skip reason) pairs."""
    results = []
    for style in network_styles():
        try:
            diagram = nnviz_core.render(spec, style=style)
        except NnvizError as error:
            results.append((style, f"skipped: {error}"))
            continue
        for fmt in formats_for(style):
            diagram.save(out / spec.stem / f"{style}.{fmt}")
        results.append((style, f"{spec.stem}/{style}.svg"))
    return results


def write_index(out: Path, gallery: dict[str, list[tuple[str, str]]]) -> Path:
    rows = []
    for example, results in gallery.items():
        rows.append(f"<h2>{html.escape(example)}</h2><div class='row'>")
        for style, result in results:
            if result.startswith("skipped"):
                body = f"<p class='skip'>{html.escape(result)}</p>"
            else:
                body = f"<img src='{html.escape(result)}' alt='{html.escape(example)} ({style})'>"
            rows.append(f"<figure><figcaption>{style}</figcaption>{body}</figure>")
        rows.append("</div>")
    page = (
        "<!doctype html><meta charset='utf-8'><title>nnviz demo</title>"
        "<style>body{font-family:sans-serif;margin:2em}figure{display:inline-block;"
        "vertical-align:top;margin:1em;max-width:45%}img{max-width:100%}"
        ".skip{color:#888}</style><h1>nnviz demo</h1>" + "".join(rows)
    )
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def build_mkdocs_site(examples: Path, out: Path) -> Path:
    """The example Material site (every example in every style, light and dark), strict."""
    site = out / "mkdocs-site"
    config = examples / "mkdocs-site" / "mkdocs.yml"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)]
    quiet = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([*command, "-d", str(site.resolve())], check=True, env=quiet)
    return site / "index.html"


def main(examples: str = "examples", target: str = "build/demo") -> int:
    out = Path(target)
    gallery = {}
    started = time.perf_counter()
    for spec in sorted(Path(examples).glob("*.yaml")):
        gallery[spec.stem] = render_example(spec, out)
        for style, result in gallery[spec.stem]:
            print(f"  {spec.stem:<14} {style:<6} {result}")
    index = write_index(out, gallery)
    elapsed = time.perf_counter() - started
    print(f"rendered {len(gallery)} examples in {elapsed:.1f} s into {out.resolve()}/")
    site = build_mkdocs_site(Path(examples), out)
    print(f"open {index.resolve()} to see them all, and {site.resolve()} for the MkDocs site")
    print(f"edit one live, diagram beside the spec: .venv/bin/nnviz serve {examples}/resnet18.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
