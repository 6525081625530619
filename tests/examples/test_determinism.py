"""Same input, same bytes: every example in every style and format, from two separate processes
with different hash seeds (so set and dict ordering cannot leak into the output)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

RENDER_ALL = """
import sys
from pathlib import Path
import nnviz_core
from nnviz_core.errors import OptionError
out = Path(sys.argv[1])
for spec in sorted(Path("examples").glob("*.yaml")):
    for style in ("graph", "block", "lenet", "fcnn"):
        try:
            diagram = nnviz_core.render(spec, style=style)
        except OptionError:
            assert style == "fcnn"  # no dense layer to draw as neurons
            continue
        formats = ["svg", "png", "pdf", "pptx", "tex", "tikz"]
        formats += ["dot"] if style == "graph" else []
        for fmt in formats:
            diagram.save(out / f"{spec.stem}-{style}.{fmt}")
log = "epoch,loss,val_loss,acc,val_acc\\n0,1.0,1.1,0.5,0.4\\n1,0.7,0.8,0.7,0.6\\n"
curves = nnviz_core.plot_history(log, mark_best="val_loss")
for fmt in ("svg", "png", "pdf", "pptx", "tikz"):  # the deck embeds chart workbooks
    curves.save(out / f"history.{fmt}")
"""


def render_all(target: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-c", RENDER_ALL, str(target)], cwd=ROOT, env=env, check=True, timeout=600
    )
    return {path.name: path.read_bytes() for path in sorted(target.iterdir())}


def test_every_example_style_and_format_is_byte_identical_across_processes(tmp_path):
    first = render_all(tmp_path / "first", "1")
    second = render_all(tmp_path / "second", "2")
    examples = len(list((ROOT / "examples").glob("*.yaml")))
    assert len(first) >= examples * 3 * 6  # graph, block and lenet always apply
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
