"""The page of ``nnviz serve`` driven in chromium: typing redraws, errors are marked where
they are, styles and options apply, edits reach the disk, disk changes reach the page, and
every export downloads."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from serving import LENET, ROOT, Server

pytestmark = pytest.mark.browser

Opener = Callable[[str], Any]


@pytest.fixture
def open_spec(server: Server, browser: Any, request: pytest.FixtureRequest) -> Iterator[Opener]:
    """``open_spec(text)``: a fresh spec file with ``text`` (named after the test), open in a
    page whose first diagram is drawn; the test fails on any console error."""
    pages: list[Any] = []
    errors: list[str] = []

    def opener(text: str) -> Any:
        name = re.sub(r"\W", "-", request.node.name) + ".yaml"
        (server.folder / name).write_text(text, encoding="utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 800}, accept_downloads=True)
        page.on(
            "console",
            lambda message: errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{server.url}?file={name}")
        page.wait_for_selector(".nnviz-figure svg.nnviz")
        page.spec_path = server.folder / name
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
    assert errors == []


def _svg(page: Any) -> str:
    return str(page.inner_html(".nnviz-figure"))


def _type_at_end(page: Any, text: str) -> None:
    page.click(".cm-content")
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def _redrawn(page: Any, before: str) -> str:
    page.wait_for_function(
        "before => document.querySelector('.nnviz-figure').innerHTML !== before", arg=before
    )
    return _svg(page)


def _on_disk(path: Path, predicate: Callable[[str], bool]) -> str:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8")
        if predicate(text):
            return text
        time.sleep(0.05)
    raise AssertionError(f"{path} never changed as expected: {text!r}")


def test_typing_redraws_the_diagram_and_saves_the_file(open_spec: Opener) -> None:
    page = open_spec(LENET)
    before = _svg(page)
    assert "7 units" not in before
    _type_at_end(page, "  - dense: 7\n")
    after = _redrawn(page, before)
    assert "7 units" in after
    saved = _on_disk(page.spec_path, lambda text: "dense: 7" in text)
    assert saved == page.evaluate("window.nnvizServe.view.state.doc.toString()")


def test_an_error_is_marked_at_its_line_and_fixing_it_redraws(open_spec: Opener) -> None:
    page = open_spec(LENET)
    before = _svg(page)
    _type_at_end(page, "  - densx: 3")
    marked = page.wait_for_selector(".cm-lintRange-error")
    assert marked.inner_text() == "densx"
    at_line = "el => window.nnvizServe.view.state.doc.lineAt(window.nnvizServe.view.posAtDOM(el))"
    line = page.evaluate(f"el => ({at_line})(el).number", marked)
    assert line == LENET.count("\n") + 1
    problem = page.inner_text(".nnviz-serve-problems")
    assert problem == f"{line}:5: unknown op 'densx' (did you mean 'dense'?)"
    assert _svg(page) == before  # the last good diagram stays
    marked.hover()
    tooltip = page.wait_for_selector(".cm-tooltip-lint")
    assert "unknown op 'densx' (did you mean 'dense'?)" in tooltip.inner_text()
    page.keyboard.press("End")
    for _ in range(4):
        page.keyboard.press("Backspace")
    page.keyboard.type("e: 3")
    page.wait_for_selector(".cm-lintRange-error", state="detached")
    assert "3 units" in _redrawn(page, before)
    assert page.inner_text(".nnviz-serve-problems") == ""


def test_switching_style_and_changing_an_option_redraw(open_spec: Opener) -> None:
    page = open_spec(LENET)
    graph = _svg(page)
    assert "params" in graph
    page.select_option(".nnviz-serve-form select[name=show_params]", "false")
    without = _redrawn(page, graph)
    assert ">params<" not in without and "Conv2D" in without
    page.select_option(".nnviz-serve-style", "lenet")
    lenet = _redrawn(page, without)
    assert "6@28×28" in lenet
    assert page.locator(".nnviz-serve-form select[name=show_params]").count() == 0


def test_a_change_on_disk_reloads_the_text_and_the_diagram(open_spec: Opener) -> None:
    page = open_spec(LENET)
    before = _svg(page)
    page.wait_for_selector(".nnviz-serve[data-watching=yes]")
    page.spec_path.write_text(LENET.replace("units: 84", "units: 85"), encoding="utf-8")
    after = _redrawn(page, before)
    assert "85 units" in after
    text = page.evaluate("window.nnvizServe.view.state.doc.toString()")
    assert "units: 85" in text


@pytest.mark.parametrize(
    ("button", "magic"),
    [("SVG", b"<svg"), ("PNG", b"\x89PNG\r\n\x1a\n"), ("PDF", b"%PDF-"), ("PPTX", b"PK\x03\x04")],
)
def test_each_export_downloads_its_format(open_spec: Opener, button: str, magic: bytes) -> None:
    page = open_spec(LENET)
    with page.expect_download() as download:
        page.click(f".nnviz-serve-bar button:text-is('{button}')")
    data = Path(download.value.path()).read_bytes()
    assert data.lstrip().startswith(magic) or (magic == b"<svg" and b"<svg" in data[:400])
    assert download.value.suggested_filename.endswith(f".{button.lower()}")


def test_the_yaml_export_is_the_editor_text_and_snippets_name_the_file(open_spec: Opener) -> None:
    page = open_spec(LENET)
    with page.expect_download() as download:
        page.click(".nnviz-serve-bar button:text-is('YAML')")
    assert Path(download.value.path()).read_text(encoding="utf-8") == LENET
    page.click("text=copy .. nnviz::")
    name = page.spec_path.name
    assert page.input_value(".nnviz-serve-snippet") == f".. nnviz:: {name}\n   :style: graph\n"
    page.click("text=copy ```nnviz")
    fence = page.input_value(".nnviz-serve-snippet")
    assert fence == f'```nnviz file="{name}" style="graph"\n```\n'


def test_a_model_opens_read_only_and_exports_to_an_editable_spec(
    server: Server, browser: Any
) -> None:
    model = ROOT / "tests/sources/resolve/models/net.prototxt"
    shutil.copy(model, server.folder / "caffe.prototxt")
    page = browser.new_page()
    try:
        page.goto(f"{server.url}?file=caffe.prototxt")
        page.wait_for_selector(".nnviz-figure svg.nnviz")
        assert page.get_attribute(".cm-content", "contenteditable") == "false"
        assert page.inner_text(".nnviz-serve-file") == "caffe.prototxt (read-only)"
        with page.expect_navigation():
            page.click("text=export to YAML")
        page.wait_for_selector(".nnviz-figure svg.nnviz")
        assert page.url.endswith("?file=caffe.yaml")
        assert page.get_attribute(".cm-content", "contenteditable") == "true"
        spec = (server.folder / "caffe.yaml").read_text(encoding="utf-8")
        assert spec == page.evaluate("window.nnvizServe.view.state.doc.toString()")
    finally:
        page.close()


def test_completion_and_hover_come_from_the_schema(open_spec: Opener) -> None:
    page = open_spec(LENET)
    _type_at_end(page, "  - conv2d: {fil")
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".cm-tooltip-autocomplete")
    labels = page.locator(".cm-tooltip-autocomplete .cm-completionLabel").all_inner_texts()
    assert labels[0] == "filters" and "kernel" not in labels  # conv2d's arguments that match
    info = page.wait_for_selector(".cm-completionInfo")
    assert info.inner_text() == "Number of output channels."
    page.keyboard.press("Escape")
    page.hover(".cm-line:has-text('avgpool2d') >> text=avgpool2d")
    doc = page.wait_for_selector(".nnviz-serve-doc")
    assert doc.inner_text().startswith("avgpool2d: ")
    assert "arguments: " in doc.inner_text()


#: A spec that takes many seconds to draw (a chain of 9,500 layers, under the graph style's limit).
SLOW = "input: [64]\nlayers:\n" + "".join(f"  - dense: {i % 50 + 1}\n" for i in range(9500))
_DRAWN_EDITS = """() => {
  window.drawnEdits = [];
  const root = document.querySelector('.nnviz-serve');
  new MutationObserver(() => window.drawnEdits.push(Number(root.dataset.edit)))
    .observe(root, {attributes: true, attributeFilter: ['data-edit']});
}"""


def _replace_text(page: Any, text: str) -> int:
    """Replace the editor's text as a paste would; the edit number it will be drawn as."""
    page.evaluate(
        """text => { const view = window.nnvizServe.view;
        view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}}); }""",
        text,
    )
    return int(page.get_attribute(".nnviz-serve", "data-edit")) + 1


def test_a_slow_render_is_stopped_by_a_newer_edit_whose_diagram_shows(open_spec: Opener) -> None:
    page = open_spec(LENET)
    page.evaluate(_DRAWN_EDITS)
    slow = _replace_text(page, SLOW)
    page.wait_for_function(
        "() => document.querySelector('.nnviz-serve-status').textContent === 'drawing…'"
    )
    time.sleep(0.5)  # the server is drawing the slow spec
    before = _svg(page)
    started = time.monotonic()
    _replace_text(page, LENET + "  - dense: 7\n")
    assert "7 units" in _redrawn(page, before)
    waited = time.monotonic() - started
    assert waited < 3, f"the newer edit waited {waited:.1f} s behind the slow render"
    time.sleep(1.0)  # a stale answer, had the slow render not been stopped, would land now
    drawn = page.evaluate("window.drawnEdits")
    assert slow not in drawn and len(drawn) == 1
    assert "7 units" in _svg(page)
    assert page.inner_text(".nnviz-serve-status").startswith("drawn in ")


def test_a_page_of_another_site_cannot_write_through_the_browser(
    server: Server, scratch_server: Server, browser: Any
) -> None:
    """A request another local site's page (here: another nnviz serve, on another port) can
    send without asking (no-cors, text/plain) reaches the server, which answers 403 and writes
    nothing."""
    page = browser.new_page()
    try:
        page.goto(f"{scratch_server.url}api/config")
        with page.expect_response(lambda response: "/api/save-as" in response.url) as answer:
            page.evaluate(
                """url => fetch(url, {method: "POST", mode: "no-cors",
                    headers: {"Content-Type": "text/plain"},
                    body: JSON.stringify({name: "pwned.yaml", text: "name: pwned\\n"})})""",
                f"{server.url}api/save-as",
            )
        assert answer.value.status == 403
        assert not (server.folder / "pwned.yaml").exists()
    finally:
        page.close()
