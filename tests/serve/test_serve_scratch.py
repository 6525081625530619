"""``nnviz serve`` with no PATH: a new spec from a template chosen from the project's
examples, kept in the page until "save as" writes it into the served folder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from serving import ROOT, Server

pytestmark = pytest.mark.browser

RESNET = (ROOT / "examples" / "resnet18.yaml").read_text(encoding="utf-8")


@pytest.fixture
def page(scratch_server: Server, browser: Any) -> Iterator[Any]:
    """The scratch page, its first diagram drawn; the test fails on any console error."""
    errors: list[str] = []
    opened = browser.new_page(viewport={"width": 1280, "height": 800})
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(scratch_server.url)
    opened.wait_for_selector(".nnviz-figure svg.nnviz")
    yield opened
    opened.close()
    assert [e for e in errors if "409" not in e] == []  # refused saves log their 409


def _text(page: Any) -> str:
    return str(page.evaluate("window.nnvizServe.view.state.doc.toString()"))


def _files(server: Server) -> list[str]:
    return sorted(p.name for p in server.folder.iterdir())


def test_no_path_starts_from_a_template_and_saves_nothing_until_asked(
    page: Any, scratch_server: Server
) -> None:
    present = _files(scratch_server)
    assert page.inner_text(".nnviz-serve-file") == "new spec (not saved)"
    titles = page.locator(".nnviz-serve-template option").all_inner_texts()
    assert titles[0] == "LeNet-5" and {"ResNet-18", "U-Net", "VGG-16"} <= set(titles)
    assert _text(page) == (ROOT / "examples" / "lenet5.yaml").read_text(encoding="utf-8")
    assert "LeNet-5" in page.inner_html(".nnviz-figure")
    before = page.inner_html(".nnviz-figure")
    page.select_option(".nnviz-serve-template", "resnet18")
    page.wait_for_function(
        "before => document.querySelector('.nnviz-figure').innerHTML !== before", arg=before
    )
    assert "ResNet-18" in page.inner_html(".nnviz-figure")
    assert _text(page) == RESNET
    assert page.url.endswith("/?template=resnet18")
    assert page.input_value(".nnviz-serve-name") == "resnet18.yaml"
    assert _files(scratch_server) == present  # nothing written


def test_a_template_asks_before_replacing_edits(page: Any) -> None:
    page.click(".cm-content")
    page.keyboard.press("Control+End")
    page.keyboard.type("  - dense: 7\n")
    edited = _text(page)
    asked: list[str] = []

    def dismiss(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.select_option(".nnviz-serve-template", "unet")
    assert asked == ["Replace your edits with the U-Net template?"]
    assert _text(page) == edited
    assert page.input_value(".nnviz-serve-template") == "lenet5"


def test_save_as_creates_the_file_and_opens_it(page: Any, scratch_server: Server) -> None:
    page.select_option(".nnviz-serve-template", "resnet18")
    page.fill(".nnviz-serve-name", "../outside.yaml")
    page.click("text=save as")
    refusal = page.locator(".nnviz-serve-save-error")
    refusal.filter(has_text="cannot save as this").wait_for()
    assert refusal.inner_text() == (
        "../outside.yaml: cannot save as this; give a name ending in .yaml, inside the served "
        f"folder {scratch_server.folder.name}/ (no '..', not absolute)"
    )
    assert not (scratch_server.folder.parent / "outside.yaml").exists()
    page.fill(".nnviz-serve-name", "mine.yaml")
    with page.expect_navigation():
        page.click("text=save as")
    page.wait_for_selector(".nnviz-figure svg.nnviz")
    assert page.url.endswith("/?file=mine.yaml")
    assert page.inner_text(".nnviz-serve-file") == "mine.yaml"
    assert (scratch_server.folder / "mine.yaml").read_text(encoding="utf-8") == RESNET
    page.goto(scratch_server.url)
    page.wait_for_selector(".nnviz-figure svg.nnviz")
    page.fill(".nnviz-serve-name", "mine.yaml")
    page.click("text=save as")
    refusal.filter(has_text="already exists").wait_for()
    assert refusal.inner_text() == "mine.yaml already exists; choose another name"
    assert (scratch_server.folder / "mine.yaml").read_text(encoding="utf-8") == RESNET


_LEAVING = """() => { const leaving = new Event("beforeunload", {cancelable: true});
  window.dispatchEvent(leaving); return leaving.defaultPrevented; }"""


def test_leaving_an_edited_scratch_spec_asks_first(page: Any) -> None:
    assert page.evaluate(_LEAVING) is False  # the template as it is: nothing to lose
    page.click(".cm-content")
    page.keyboard.press("Control+End")
    page.keyboard.type("  - dense: 7\n")
    assert page.evaluate(_LEAVING) is True  # the browser asks before the tab is left
