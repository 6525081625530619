"""Generate one gallery page per example spec (``examples/*.yaml``), showing it in every style.

The pages are made at build time, so a new example or a new style appears without editing the
site. Each page draws the spec with ``file=`` (so ``mkdocs serve`` watches it), one content tab
per registered style, and shows the YAML it came from. A style that cannot draw a network (the
fcnn style needs dense layers) gets a note with its reason instead of a fence, so the site still
builds with ``--strict``.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

import nnviz_core
from nnviz_core.errors import NnvizError
from nnviz_core.hosting import network_styles

EXAMPLES = Path(__file__).resolve().parents[2]
#: The built-in looks first, in the order the docs introduce them; plug-in styles after.
PREFERRED = ("graph", "block", "lenet", "fcnn")


def _title(spec: Path) -> str:
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    return str(data.get("name", spec.stem)) if isinstance(data, dict) else spec.stem


def _indented(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def page(spec: Path, docs_dir: Path, styles: tuple[str, ...]) -> str:
    """The Markdown of one gallery page."""
    title = _title(spec)
    relative = Path(os.path.relpath(spec, docs_dir)).as_posix()
    parts = [f"# {title}\n", f"Drawn from `examples/{spec.name}` in each style.\n"]
    for style in styles:
        parts.append(f'=== "{style}"\n')
        reason = _unsuited(spec, style)
        if reason:
            parts.append(_indented(f'!!! info "Not drawn in the {style} style"\n\n    {reason}'))
            continue
        fence = f'```nnviz file="{relative}" style="{style}" caption="{title}, {style} style"\n```'
        parts.append(_indented(fence) + "\n")
    source = spec.read_text(encoding="utf-8").rstrip("\n")
    parts.append('=== "YAML"\n')
    parts.append(_indented(f"```yaml\n{source}\n```") + "\n")
    return "\n".join(parts)


def _unsuited(spec: Path, style: str) -> str:
    """Why ``style`` cannot draw ``spec``, or an empty string when it can."""
    try:
        nnviz_core.render(spec, style)
    except NnvizError as error:
        return error.message
    return ""


def index(specs: list[Path]) -> str:
    lines = ["# Gallery\n", "Every example network, in every style. Pick a network:\n"]
    lines += [f"- [{_title(spec)}]({spec.stem}.md)" for spec in specs]
    return "\n".join(lines) + "\n"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    specs = sorted(EXAMPLES.glob("*.yaml"))
    available = network_styles()  # the styles that draw networks, not training logs
    styles = tuple(name for name in PREFERRED if name in available)
    styles += tuple(name for name in available if name not in PREFERRED)
    docs_dir = Path(config.docs_dir)
    files.append(File.generated(config, "gallery/index.md", content=index(specs)))
    for spec in specs:
        content = page(spec, docs_dir, styles)
        files.append(File.generated(config, f"gallery/{spec.stem}.md", content=content))
    return files
