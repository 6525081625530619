"""Models as deck sources: import paths, model files, and ``:model:``/``model=`` in docs pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from nnviz_core.errors import OptionError
from nnviz_core.slides import build_deck, plan, write_deck

pytestmark = [pytest.mark.torch, pytest.mark.keras]

PROTOTXT = Path(__file__).parent / "models" / "net.prototxt"
RST = """Models
======

.. nnviz::
   :model: nnviz_testmodels.keras_nets:build_classifier
   :model-args: {"classes": 3}
   :caption: From a directive

.. nnviz::
   :model: net.prototxt
"""
MARKDOWN = """# Models

```nnviz model="nnviz_testmodels.torch_nets:MLP" input_shape="1,8" caption="From a fence"
```
"""


def _titles(path: Path) -> list[str]:
    deck = Presentation(str(path))
    return [slide.shapes.title.text for slide in deck.slides if slide.shapes.title is not None]


def test_import_paths_and_model_files_become_slides(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    deck = write_deck(
        ["nnviz_testmodels.torch_nets:MLP", PROTOTXT],
        target,
        options={"input_shape": "1,8"},
    )
    assert (deck.diagrams, deck.slides) == (2, 2)
    assert _titles(target) == ["MLP", "TinyCaffe"]


def test_model_directives_and_fences_in_docs_become_slides(tmp_path: Path) -> None:
    sphinx = tmp_path / "sphinx"
    sphinx.mkdir()
    (sphinx / "conf.py").write_text('extensions = ["sphinx_nnviz"]\n', encoding="utf-8")
    (sphinx / "index.rst").write_text(RST, encoding="utf-8")
    (sphinx / "net.prototxt").write_text(PROTOTXT.read_text(encoding="utf-8"), encoding="utf-8")
    mkdocs = tmp_path / "site"
    (mkdocs / "docs").mkdir(parents=True)
    (mkdocs / "mkdocs.yml").write_text("site_name: s\nplugins: [nnviz]\n", encoding="utf-8")
    (mkdocs / "docs" / "index.md").write_text(MARKDOWN, encoding="utf-8")
    assert [item.shown for item in plan([sphinx, mkdocs])] == [
        f"{sphinx}/index.rst:4",
        f"{sphinx}/index.rst:9",
        f"{mkdocs}/docs/index.md:3",
    ]
    target = tmp_path / "deck.pptx"
    write_deck([sphinx, mkdocs], target)
    assert _titles(target) == ["From a directive", "TinyCaffe", "From a fence"]


def test_deck_wide_source_options_go_where_they_apply() -> None:
    deck = build_deck(["examples/mlp.yaml", PROTOTXT, "nnviz_testmodels.torch_nets:MLP"],
                      options={"input_shape": "1,8", "legend": False})  # fmt: skip
    assert (deck.diagrams, deck.slides) == (3, 3)
    with pytest.raises(OptionError, match=r"^input_shape: '1,a' is not a shape; write positive"):
        build_deck(["nnviz_testmodels.torch_nets:MLP"], options={"input_shape": "1,a"})
