"""Inline specs written back into real docs pages: only the block's lines change, with their
indentation and line endings; a page that changed on disk under the block is not written."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from serving import Server

from nnviz_core.serve.inline import write_back
from nnviz_core.serve.sources import Served

RST = """Networks
========

Some text before.

.. nnviz::
   :style: block
   :caption: A small net

   name: small
   input: [4, 4]
   layers:
     - flatten

     - dense: 3

After the diagram.

.. note::

   .. nnviz::

      input: [8]
      layers: [dense: 2]

The end.
"""

NEW = "name: small\ninput: [4, 4]\nlayers:\n  - flatten\n  - dense: 5\n  - dense: 2\n"


def _sphinx(tmp_path: Path, page: str = RST) -> Path:
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "index.rst").write_text(page, encoding="utf-8")
    return tmp_path / "index.rst"


def test_a_directive_body_is_replaced_in_place(tmp_path: Path) -> None:
    page = _sphinx(tmp_path)
    served = Served(tmp_path, None)
    opened = served.open("index.rst:6")
    assert opened is not None and not opened.readonly
    assert served.save("index.rst:6", NEW, opened.text) is None
    body = "".join(f"   {line}\n" for line in NEW.splitlines())
    assert page.read_text(encoding="utf-8") == RST.replace(
        "   name: small\n   input: [4, 4]\n   layers:\n     - flatten\n\n     - dense: 3\n", body
    )
    assert served.open("index.rst:6") == type(opened)("index.rst:6", NEW.strip("\n"), False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["conf.py", "index.rst"]  # no temporary


def test_a_nested_directive_keeps_its_deeper_indentation(tmp_path: Path) -> None:
    page = _sphinx(tmp_path)
    served = Served(tmp_path, None)
    opened = served.open("index.rst:21")
    assert opened is not None and opened.text == "input: [8]\nlayers: [dense: 2]"
    assert served.save("index.rst:21", "input: [9]\nlayers: [dense: 2]\n", opened.text) is None
    text = page.read_text(encoding="utf-8")
    assert text == RST.replace("      input: [8]\n", "      input: [9]\n")


def test_line_endings_of_the_page_are_kept(tmp_path: Path) -> None:
    page = tmp_path / "index.rst"
    _sphinx(tmp_path)
    page.write_bytes(RST.replace("\n", "\r\n").encode("utf-8"))
    served = Served(tmp_path, None)
    opened = served.open("index.rst:21")
    assert opened is not None
    assert served.save("index.rst:21", "input: [9]\nlayers: [dense: 2]", opened.text) is None
    expected = RST.replace("input: [8]", "input: [9]").replace("\n", "\r\n")
    assert page.read_bytes().decode("utf-8") == expected


def test_a_myst_fence_and_a_mkdocs_fence_in_a_list(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    myst = "# T\n\n```{nnviz}\n:style: lenet\n\ninput: [1, 8, 8]\nlayers: [flatten]\n```\n\nEnd.\n"
    (tmp_path / "page.md").write_text(myst, encoding="utf-8")
    served = Served(tmp_path, None)
    assert served.save("page.md:3", "input: [1, 9, 9]\nlayers: [flatten]", None) is not None
    assert (
        served.save("page.md:3", "input: [1, 9, 9]", "input: [1, 8, 8]\nlayers: [flatten]") is None
    )
    assert (tmp_path / "page.md").read_text(encoding="utf-8") == myst.replace(
        "input: [1, 8, 8]\nlayers: [flatten]\n", "input: [1, 9, 9]\n"
    )
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "mkdocs.yml").write_text("site_name: s\n", encoding="utf-8")
    fence = (
        '# T\n\n1. A net:\n\n    ```nnviz style="block"\n'
        "    input: [4]\n    layers: [dense: 2]\n    ```\n"
    )
    (site / "docs" / "index.md").write_text(fence, encoding="utf-8")
    docs = Served(site, None)
    opened = docs.open("docs/index.md:5")
    assert opened is not None and opened.text == "input: [4]\nlayers: [dense: 2]"
    assert docs.save("docs/index.md:5", "input: [6]\nlayers: [dense: 2]\n", opened.text) is None
    written = (site / "docs" / "index.md").read_text(encoding="utf-8")
    assert written == fence.replace("    input: [4]\n", "    input: [6]\n")


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        (
            lambda text: "New first line.\n\n" + text,  # the block moved down
            "index.rst:6: the page changed on disk and this spec is no longer there as it was",
        ),
        (
            lambda text: text.replace("dense: 3", "dense: 4"),  # edited by another editor
            "index.rst:6: the page changed on disk and this spec is no longer there as it was",
        ),
    ],
)
def test_a_page_changed_on_disk_under_the_block_is_not_written(
    tmp_path: Path, change: object, refusal: str
) -> None:
    page = _sphinx(tmp_path)
    served = Served(tmp_path, None)
    opened = served.open("index.rst:6")
    assert opened is not None
    moved = change(RST)  # type: ignore[operator]
    page.write_text(moved, encoding="utf-8")
    refused = served.save("index.rst:6", NEW, opened.text)
    assert refused is not None and refused.startswith(refusal)
    assert refused.endswith("not saved (copy your text, then open the spec again from the list)")
    assert page.read_text(encoding="utf-8") == moved


def test_text_that_would_break_out_of_its_block_is_not_written(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    myst = "```{nnviz}\ninput: [4]\nlayers: [flatten]\n```\n\nMore text.\n"
    (tmp_path / "page.md").write_text(myst, encoding="utf-8")
    served = Served(tmp_path, None)
    base = "input: [4]\nlayers: [flatten]"
    refused = served.save("page.md:1", "input: [4]\n```\nlayers: [flatten]", base)
    assert refused == (
        "page.md:1: this text would change the page around the spec (a line that ends the "
        "block or reads as a directive option); not saved"
    )
    assert served.save("page.md:1", "  \n", base) == (
        "page.md:1: an inline spec cannot be empty; delete the block in its page instead"
    )
    assert (tmp_path / "page.md").read_text(encoding="utf-8") == myst


def test_write_back_refuses_a_page_outside_the_folder(tmp_path: Path) -> None:
    assert write_back(tmp_path, "../index.rst", 6, "x", "y") == "../index.rst:6: the page is gone"


def _typed_at_end_of_spec(page: Any, text: str) -> None:
    page.click(".cm-content")
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


@pytest.mark.browser
def test_an_inline_spec_opened_from_the_list_is_edited_in_its_page(
    docs_server: Server, browser: Any
) -> None:
    page_file = docs_server.folder / "index.rst"
    page_file.write_text(RST, encoding="utf-8")
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(docs_server.url)
        with page.expect_navigation():
            page.click("li:has-text('index.rst:6') >> text=inline spec: small")
        page.wait_for_selector(".nnviz-figure svg.nnviz")
        assert page.inner_text(".nnviz-serve-file") == "index.rst:6 (inline: saved into its page)"
        assert page.get_attribute(".cm-content", "contenteditable") == "true"
        page.wait_for_selector(".nnviz-serve[data-watching=yes]")
        before = page.inner_html(".nnviz-figure")
        _typed_at_end_of_spec(page, "0")  # dense: 3 becomes dense: 30
        expected = RST.replace("     - dense: 3\n", "     - dense: 30\n")
        _on_disk(page_file, lambda text: text == expected)
        page.wait_for_function(
            "before => document.querySelector('.nnviz-figure').innerHTML !== before", arg=before
        )
        assert '"out":["30"]' in page.inner_html(".nnviz-figure")
        # Another editor inserts a paragraph above: the block moves, the page says so ...
        moved = "Intro.\n\n" + expected
        page_file.write_text(moved, encoding="utf-8")
        status = page.locator(".nnviz-serve-status")
        status.filter(has_text="no longer there").wait_for()
        # ... and an edit typed now is not written over the moved page.
        _typed_at_end_of_spec(page, "1")
        refusal = page.wait_for_selector(".nnviz-serve-save-error:has-text('not saved')")
        assert refusal.inner_text().startswith(
            "index.rst:6: the page changed on disk and this spec is no longer there as it was"
        )
        assert page_file.read_text(encoding="utf-8") == moved
        assert errors == []
    finally:
        page.close()


def _on_disk(path: Path, predicate: Callable[[str], bool]) -> str:
    deadline = time.monotonic() + 5
    text = path.read_text(encoding="utf-8")
    while not predicate(text) and time.monotonic() < deadline:
        time.sleep(0.05)
        text = path.read_text(encoding="utf-8")
    assert predicate(text), text
    return text
