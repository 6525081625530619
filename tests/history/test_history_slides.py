"""`nnviz slides` picks training-history figures up: as native charts, beside the diagrams."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation

from nnviz_core.errors import SourceError
from nnviz_core.slides import build_deck

RST = """Model
=====

.. nnviz::

   name: Tiny
   input: [4]
   layers:
     - dense: 3

.. nnviz-history:: logs/history.csv
   :caption: How it trained
   :mark-best: val_loss
   :name: fig-curves

.. nnviz-history::
   :metrics: loss

   epoch,loss,val_loss
   0,1.0,1.2
   1,0.6,0.8
"""

MYST = """# Curves

```{nnviz-history} logs/history.csv
:layout: column
```
"""

MKDOCS = """# Curves

```nnviz-history file="logs/history.csv" caption="From MkDocs" smooth="0.5"
```
"""


def _slides(data: bytes) -> list[tuple[str, list[str]]]:
    """(title, names of chart shapes) per slide."""
    found = []
    for slide in Presentation(io.BytesIO(data)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title else ""
        found.append((title, [shape.name for shape in slide.shapes if shape.has_chart]))
    return found


def test_rst_page_gives_diagram_and_chart_slides(tmp_path: Path, csvlogger_file: Path) -> None:
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "history.csv").write_bytes(csvlogger_file.read_bytes())
    (tmp_path / "index.rst").write_text(RST)
    deck = build_deck([tmp_path / "index.rst"])
    assert (deck.diagrams, deck.slides) == (3, 3)
    assert _slides(deck.data) == [
        ("Tiny", []),
        ("How it trained", ["Loss chart", "Accuracy chart"]),
        ("Training curves", ["Loss chart"]),
    ]


def test_myst_and_mkdocs_pages_and_a_bare_log(tmp_path: Path, csvlogger_file: Path) -> None:
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "history.csv").write_bytes(csvlogger_file.read_bytes())
    (tmp_path / "myst.md").write_text(MYST)
    (tmp_path / "mkdocs.md").write_text(MKDOCS)
    deck = build_deck([tmp_path / "myst.md", tmp_path / "mkdocs.md", tmp_path / "logs/history.csv"])
    titles = [
        title for title, charts in _slides(deck.data) if charts == ["Loss chart", "Accuracy chart"]
    ]
    assert titles == ["Training curves", "From MkDocs", "Training curves"]


def test_inline_log_errors_point_at_the_page(tmp_path: Path) -> None:
    page = tmp_path / "bad.rst"
    page.write_text(".. nnviz-history::\n\n   epoch,loss\n   0,1.0\n   1,what\n")
    with pytest.raises(SourceError) as caught:
        build_deck([page])
    assert str(caught.value) == (
        f"{page}:5:4: column 'loss' has 'what', which is not a number; a training log holds "
        "numbers (leave the cell empty when nothing was logged)"
    )
