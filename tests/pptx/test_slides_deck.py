"""``nnviz slides``: decks from spec files and whole Sphinx or MkDocs trees, in reading order."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx_checks import kind, open_deck, walk_shapes

from nnviz_core.errors import OptionError, SourceError, UnknownNameError
from nnviz_core.slides import build_deck, plan, write_deck

MLP = "name: {name}\ninput: [8]\nlayers:\n  - dense: 4\n  - dense: 2\n"


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _indent(text: str, by: str = "   ") -> str:
    return "\n".join(by + line if line else line for line in text.split("\n"))


@pytest.fixture
def sphinx_docs(tmp_path: Path) -> Path:
    return _write(
        tmp_path / "docs",
        {
            "conf.py": 'project = "demo"\nroot_doc = "index"\nextensions = ["sphinx_nnviz"]\n',
            "index.rst": (
                "Demo\n====\n\n.. toctree::\n   :maxdepth: 2\n\n"
                "   usage\n   Models <models/lenet>\n"
            ),
            "usage.rst": (
                "Usage\n=====\n\n.. nnviz:: specs/first.yaml\n   :caption: First net\n\n"
                "Text between.\n\n.. nnviz::\n   :style: block\n   :align: center\n\n"
                + _indent(MLP.format(name="Inline net"))
            ),
            "specs/first.yaml": MLP.format(name="First"),
            "models/lenet.md": (
                "# Models\n\n```{nnviz}\n:caption: MyST net\n\n" + MLP.format(name="Myst") + "```\n"
            ),
            "orphan.rst": "Orphan\n======\n\n.. nnviz::\n\n" + _indent(MLP.format(name="Orphan")),
        },
    )


def _titles(data: bytes) -> list[str]:
    return [slide.shapes.title.text for slide in open_deck(data).slides]


def _notes(data: bytes) -> list[str]:
    return [s.notes_slide.notes_text_frame.text for s in open_deck(data).slides]


def test_sphinx_tree_in_toctree_order_with_captions_and_notes(sphinx_docs: Path) -> None:
    deck = build_deck([str(sphinx_docs)])
    assert deck.diagrams == deck.slides == 4
    assert _titles(deck.data) == ["First net", "Inline net", "MyST net", "Orphan"]
    notes = _notes(deck.data)
    assert notes[0] == f"From {sphinx_docs}/usage.rst:4, drawn in the graph style."
    assert notes[1] == f"From {sphinx_docs}/usage.rst:9, drawn in the block style."
    assert notes[2].startswith(f"From {sphinx_docs}/models/lenet.md:3,")


def test_one_slide_per_requested_style(sphinx_docs: Path) -> None:
    deck = build_deck([str(sphinx_docs / "specs" / "first.yaml")], styles=["graph", "block"])
    assert _titles(deck.data) == ["First (graph)", "First (block)"]


def test_mkdocs_tree_in_nav_order(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "mkdocs.yml": (
                "site_name: demo\nnav:\n  - Home: index.md\n  - Guide:\n    - guide/b.md\n"
                "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
                "        - name: nnviz\n          class: nnviz\n"
                "          format: !!python/name:mkdocs_nnviz.fence_format\n"
            ),
            "docs/guide/b.md": '```nnviz caption="Second"\n' + MLP.format(name="B") + "```\n",
            "docs/index.md": (
                '# Home\n\n```nnviz style="block" caption="First"\n'
                + MLP.format(name="A")
                + "```\n"
            ),
            "docs/a_unlisted.md": "```nnviz\n" + MLP.format(name="Unlisted") + "```\n",
        },
    )
    deck = build_deck([str(tmp_path / "docs")])
    assert _titles(deck.data) == ["First", "Second", "Unlisted"]
    assert _notes(deck.data)[0] == f"From {tmp_path / 'docs'}/index.md:3, drawn in the block style."


def test_spec_error_points_at_the_page_line(sphinx_docs: Path) -> None:
    page = sphinx_docs / "usage.rst"
    page.write_text(page.read_text().replace("dense: 2", "dense2: 2"), encoding="utf-8")
    with pytest.raises(UnknownNameError) as caught:
        build_deck([str(sphinx_docs)])
    assert str(caught.value).startswith(f"{sphinx_docs}/usage.rst:17:8: unknown op 'dense2'")


def test_docs_without_diagrams_say_what_was_looked_for(tmp_path: Path) -> None:
    _write(tmp_path, {"index.md": "# Nothing here\n"})
    with pytest.raises(SourceError, match=r"no nnviz diagrams found in 1 pages; expected"):
        plan([str(tmp_path)])


def test_unknown_deck_option_lists_the_known_ones(sphinx_docs: Path) -> None:
    with pytest.raises(OptionError, match=r"unknown option 'colour' for slides; known: .*theme"):
        build_deck([str(sphinx_docs)], options={"colour": "red"})


def test_template_master_and_its_size_are_used(tmp_path: Path, sphinx_docs: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    template = Presentation()
    template.slide_width, template.slide_height = Inches(11), Inches(8.5)
    template.slides.add_slide(template.slide_layouts[0]).shapes.title.text = "Old slide"
    template.save(str(tmp_path / "brand.pptx"))
    out = tmp_path / "deck.pptx"
    write_deck([str(sphinx_docs / "specs" / "first.yaml")], out, template=tmp_path / "brand.pptx")
    prs = open_deck(out.read_bytes())
    assert (prs.slide_width, prs.slide_height) == (Inches(11), Inches(8.5))
    assert [slide.shapes.title.text for slide in prs.slides] == ["First"]
    assert prs.slides[0].slide_layout.name == "Title Only"
    for shape in walk_shapes(prs.slides[0].shapes):
        assert shape.top + shape.height <= prs.slide_height and kind(shape) != "picture"


def test_missing_template_is_a_clear_error(sphinx_docs: Path) -> None:
    with pytest.raises(SourceError, match=r"template 'nope.pptx': expected an existing .pptx"):
        build_deck([str(sphinx_docs)], template="nope.pptx")


def test_missing_source_says_what_a_source_is() -> None:
    with pytest.raises(
        SourceError, match=r"^nope\.yaml: no such file or directory; a slides source"
    ):
        plan(["nope.yaml"])


def test_same_sources_same_bytes(sphinx_docs: Path) -> None:
    first = build_deck([str(sphinx_docs)], styles=["graph", "lenet"], options={"theme": "dark"})
    again = build_deck([str(sphinx_docs)], styles=["graph", "lenet"], options={"theme": "dark"})
    assert first.data == again.data and first.slides == 8


def test_directives_shown_as_code_are_not_slides(tmp_path: Path) -> None:
    shown = "Write::\n\n   .. nnviz::\n\n" + _indent(MLP.format(name="Shown"), "      ")
    code = "\n.. code-block:: rst\n\n   .. nnviz::\n\n" + _indent(MLP.format(name="Code"), "      ")
    real = "\n.. nnviz::\n\n" + _indent(MLP.format(name="Real"))
    myst = "````markdown\n```{nnviz}\n" + MLP.format(name="Fenced") + "```\n````\n"
    _write(
        tmp_path,
        {
            "a.rst": shown + code + real,
            "b.md": myst + "```{nnviz}\n" + MLP.format(name="Md") + "```\n",
        },
    )
    names = [item.source.text.split("\n")[0] for item in plan([str(tmp_path)])]
    assert names == ["name: Real", "name: Md"]


def test_the_projects_own_docs_become_a_deck(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = Path(__file__).parents[2] / "docs"
    monkeypatch.syspath_prepend(str(docs / "models"))  # as docs/conf.py does (digits_cnn)
    deck = build_deck([str(docs)])
    prs = open_deck(deck.data)
    # The hand-written pages hold at least three diagrams; the gallery pages, generated by a
    # docs build, add more when present, so the count is a floor, not an exact number.
    assert deck.diagrams >= 3 and len(prs.slides) == deck.slides >= deck.diagrams
    notes = _notes(deck.data)
    assert notes[0].startswith(f"From {docs}/index.rst:")  # the root document comes first
    assert all(slide.shapes.title.text for slide in prs.slides)


def test_a_long_spec_gets_the_same_first_view_as_on_a_page(tmp_path: Path) -> None:
    """Slides lay out through the one pipeline: ``detail: auto`` folds the 80-fold repeat."""
    spec = tmp_path / "long.yaml"
    spec.write_text("input: [8]\nlayers:\n  - {dense: 8, repeat: 80}\n  - dense: 2\n")

    def texts(deck: bytes) -> list[str]:
        shapes = [s for slide in open_deck(deck).slides for s in walk_shapes(slide.shapes)]
        return [shape.text_frame.text for shape in shapes if kind(shape) == "textbox"]

    folded = texts(build_deck([str(spec)]).data)
    full = texts(build_deck([str(spec)], options={"detail": "full"}).data)
    # card titles, plus the legend's entry
    assert full.count("Dense") == 81 + 1
    assert folded.count("Dense") == 2 + 1 and "dense ×80" in folded
