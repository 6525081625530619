"""Page weight of the viewer (issue 15): what one page pays once, and what each diagram adds.

.venv/bin/python benchmarks/page_weight.py [--styles graph,block]

Rows: every spec in ``examples/``, then GPT-2 (a small configuration of the real Hugging Face
model: 272 layers, its 12 blocks folded in the first view) when torch and transformers are there.

Once per page: the script and the viewer's part of the style sheet. Per diagram: the static SVG
a page would carry anyway, and the viewer's payload after it (the layers' details as a JSON
island, the finer levels of detail as templates), raw and gzipped (what a server sends), and
the time drawing the payload adds to a build (levels are laid out by the style again).
"""

from __future__ import annotations

import argparse
import gzip
import time
import warnings
from pathlib import Path

import nnviz_core
from nnviz_core.errors import NnvizError
from nnviz_core.viewer import payload, script, stylesheet

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def _zipped(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))


def _sources() -> list[tuple[str, object]]:
    """The networks measured: the examples, and GPT-2 when its frameworks are installed."""
    found: list[tuple[str, object]] = [(p.stem, p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    try:
        import torch
        import transformers
    except ImportError:
        return found
    config = transformers.GPT2Config(
        n_embd=64, n_head=4, vocab_size=500, n_positions=64, bos_token_id=0, eos_token_id=0
    )
    model = transformers.GPT2Model(config).eval()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ops without a catalogue entry are drawn generically
        graph = nnviz_core.load(model, example_inputs=torch.zeros(1, 16, dtype=torch.long))
    return [*found, ("gpt2", graph)]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--styles", default="graph", help="comma-separated styles (graph)")
    args = parser.parse_args()
    js, css = script(), stylesheet()
    print("Once per page (KiB raw / gzip):")
    print(f"  script      {_kb(len(js.encode())):>6} / {_kb(_zipped(js)):>5}")
    print(f"  stylesheet  {_kb(len(css.encode())):>6} / {_kb(_zipped(css)):>5}")
    print()
    header = (
        f"{'example':<14}{'style':<7}{'svg':>8}{'svg.gz':>8}{'views':>7}"
        f"{'details':>9}{'in views':>9}{'extra.gz':>9}{'extra ms':>9}"
    )
    print("Per diagram (KiB; views: other drawings carried; extra: all the viewer adds):")
    print(header)
    print("-" * len(header))
    totals = [0, 0, 0, 0]
    sources = _sources()
    for style in args.styles.split(","):
        for name, source in sources:
            try:
                diagram = nnviz_core.render(source, style)
            except NnvizError as error:  # a look that cannot draw this network (fcnn: no dense)
                print(f"{name:<14}{style:<7}  not drawn: {str(error)[:50]}")
                continue
            svg = diagram.svg
            started = time.perf_counter()
            extra = payload(diagram, svg)
            spent = (time.perf_counter() - started) * 1000
            island_end = len(extra[: extra.find("</template>") + len("</template>")].encode())
            count = extra.count('<template class="nnviz-level">')
            row = (
                f"{name:<14}{style:<7}{_kb(len(svg.encode())):>8}{_kb(_zipped(svg)):>8}"
                f"{count:>7}{_kb(island_end):>9}{_kb(len(extra.encode()) - island_end):>9}"
                f"{_kb(_zipped(extra)):>9}{spent:>9.0f}"
            )
            print(row)
            totals = [
                totals[0] + len(svg.encode()),
                totals[1] + _zipped(svg),
                totals[2] + len(extra.encode()),
                totals[3] + _zipped(extra),
            ]
    print("-" * len(header))
    print(
        f"total: svg {_kb(totals[0])} KiB ({_kb(totals[1])} gzip), viewer extra "
        f"{_kb(totals[2])} KiB ({_kb(totals[3])} gzip)"
    )


if __name__ == "__main__":
    main()
