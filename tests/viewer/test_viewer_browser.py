"""The viewer in a real browser (Debian's chromium), on a Sphinx site and a MkDocs Material site.

Every test asserts what changed on screen (bounding boxes, the view box, visible layers,
``aria-expanded``), and the ``open_page`` fixture fails it if the page requested anything off
its own server or logged a console error.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from sites import RESNET, ROOT, SMALL

import nnviz_core

pytestmark = pytest.mark.browser

FIRST_LAYER = "g.nv-layer"


def view_box(viewer: Any) -> list[float]:
    return [float(n) for n in viewer.locator(".nnviz-stage > svg").get_attribute("viewBox").split()]


def button(viewer: Any, name: str) -> Any:
    return viewer.get_by_role("button", name=name, exact=True)


def active_label(page: Any) -> str:
    """How the focused element is named: its aria-label, else its class."""
    return str(
        page.evaluate(
            "() => document.activeElement.getAttribute('aria-label')"
            " || document.activeElement.getAttribute('class')"
        )
    )


def test_buttons_zoom_in_out_and_reset(site: Any, open_page: Any) -> None:
    page = open_page(site.url)
    viewer = page.locator(".nnviz-viewer").first
    card = viewer.locator(FIRST_LAYER).nth(1)
    before, home = card.bounding_box(), view_box(viewer)
    assert button(viewer, "Zoom out").get_attribute("aria-disabled") == "true"
    button(viewer, "Zoom in").click()
    zoomed = card.bounding_box()
    assert zoomed["width"] == pytest.approx(before["width"] * 1.5, rel=0.02)
    assert view_box(viewer)[2] == pytest.approx(home[2] / 1.5, rel=0.01)
    assert button(viewer, "Zoom out").get_attribute("aria-disabled") == "false"
    button(viewer, "Zoom out").click()
    assert card.bounding_box()["width"] == pytest.approx(before["width"], rel=0.01)
    button(viewer, "Zoom in").click()
    button(viewer, "Zoom in").click()
    assert card.bounding_box()["width"] > 2 * before["width"]
    button(viewer, "Reset view").click()
    assert view_box(viewer) == home
    assert card.bounding_box() == pytest.approx(before, abs=0.5)


def test_the_wheel_zooms_only_with_a_modifier_or_focus(site: Any, open_page: Any) -> None:
    page = open_page(site.url)
    viewer = page.locator(".nnviz-viewer").first
    stage = viewer.locator(".nnviz-stage")
    stage.scroll_into_view_if_needed()
    home = view_box(viewer)
    box = stage.bounding_box()
    middle = (box["x"] + box["width"] / 2, box["y"] + min(box["height"], 300) / 2)
    page.mouse.move(*middle)
    scrolled = page.evaluate("() => window.scrollY")
    page.mouse.wheel(0, 200)  # the reader scrolls past the diagram
    page.wait_for_timeout(150)
    assert view_box(viewer) == home
    assert page.evaluate("() => window.scrollY") > scrolled
    page.mouse.wheel(0, -200)
    page.wait_for_timeout(150)
    assert view_box(viewer) == home
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    assert view_box(viewer)[2] < home[2] * 0.9
    button(viewer, "Reset view").click()
    stage.focus()
    box = stage.bounding_box()  # focusing may have scrolled the page
    page.mouse.move(box["x"] + box["width"] / 2, max(box["y"], 0) + 150)
    page.mouse.wheel(0, -200)
    assert view_box(viewer)[2] < home[2] * 0.9


def test_dragging_pans_a_zoomed_view(site: Any, open_page: Any) -> None:
    page = open_page(site.url)
    viewer = page.locator(".nnviz-viewer").first
    button(viewer, "Zoom in").click()
    button(viewer, "Zoom in").click()
    card = viewer.locator(FIRST_LAYER).nth(1)
    card.scroll_into_view_if_needed()
    before = card.bounding_box()
    stage = viewer.locator(".nnviz-stage").bounding_box()
    x = stage["x"] + 20
    y = max(stage["y"], 0) + 100
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y + 40, steps=6)
    page.mouse.up()
    after = card.bounding_box()
    assert after["x"] == pytest.approx(before["x"] + 60, abs=2)
    assert after["y"] == pytest.approx(before["y"] + 40, abs=2)


def test_two_fingers_pinch_to_zoom(site: Any, open_page: Any) -> None:
    page = open_page(site.url, width=390)
    viewer = page.locator(".nnviz-viewer").first
    home = view_box(viewer)
    page.evaluate(
        """() => {
          const stage = document.querySelector('.nnviz-stage');
          const box = stage.getBoundingClientRect();
          const x = box.left + box.width / 2, y = box.top + 120;
          const send = (type, id, dx) => stage.dispatchEvent(new PointerEvent(type, {
            pointerId: id, pointerType: 'touch', isPrimary: id === 1, button: 0,
            clientX: x + dx, clientY: y, bubbles: true}));
          send('pointerdown', 1, -20); send('pointerdown', 2, 20);
          for (let step = 1; step <= 8; step += 1) {
            send('pointermove', 1, -20 - 5 * step); send('pointermove', 2, 20 + 5 * step);
          }
          send('pointerup', 1, -60); send('pointerup', 2, 60);
        }"""
    )
    assert view_box(viewer)[2] < home[2] / 2  # the fingers spread about threefold


def test_keyboard_zooms_resets_and_opens_full_screen(site: Any, open_page: Any) -> None:
    page = open_page(site.url)
    viewer = page.locator(".nnviz-viewer").first
    home = view_box(viewer)
    viewer.locator(".nnviz-stage").focus()
    page.keyboard.press("+")
    assert view_box(viewer)[2] == pytest.approx(home[2] / 1.5, rel=0.01)
    page.keyboard.press("-")
    assert view_box(viewer) == home
    page.keyboard.press("+")
    page.keyboard.press("+")
    page.keyboard.press("0")
    assert view_box(viewer) == home
    page.keyboard.press("f")
    assert "nnviz-fullscreen" in viewer.get_attribute("class")
    page.keyboard.press("Escape")
    assert "nnviz-fullscreen" not in viewer.get_attribute("class")
    page.keyboard.press("/")
    assert active_label(page) == "Find layer"


def test_a_group_opens_alone_and_closes_in_the_page(site: Any, open_page: Any) -> None:
    page = open_page(site.url)
    viewer = page.locator(".nnviz-viewer").first  # ResNet-18: its stages are cards
    cards = viewer.locator(FIRST_LAYER)
    closed = viewer.locator('[aria-expanded="false"]')
    first_view, toggles = cards.count(), closed.count()
    card = viewer.locator('[data-unit="downsample_1"]')  # conv3_1, a block
    assert card.get_attribute("role") == "button"
    assert card.get_attribute("aria-expanded") == "false"
    card.click()
    header = viewer.locator('[data-unit="downsample_1"]')
    assert header.get_attribute("aria-expanded") == "true"
    assert viewer.locator('g.nv-group[data-layer="downsample_1"]').is_visible()
    assert cards.count() > first_view  # its layers are drawn
    assert closed.count() == toggles - 1  # and only it opened
    assert "Opened conv3_1" in viewer.locator(".nnviz-count").inner_text()
    header.click()
    assert viewer.locator('[data-unit="downsample_1"]').get_attribute("aria-expanded") == "false"
    assert cards.count() == first_view
    # the keyboard does the same: Enter on the focused card
    viewer.locator('[data-unit="downsample_1"]').focus()
    page.keyboard.press("Enter")
    assert viewer.locator('[data-unit="downsample_1"]').get_attribute("aria-expanded") == "true"
    assert active_label(page) == "block conv3_1"


def test_a_folded_repeat_opens_then_unfolds_then_closes(site: Any, open_page: Any) -> None:
    page = open_page(site.url)
    viewer = page.locator(".nnviz-viewer").first
    first_view = viewer.locator(FIRST_LAYER).count()
    repeat = '[data-unit="basic_1"]'  # conv2_x ×2
    viewer.locator(repeat).click()
    assert viewer.locator(repeat).get_attribute("aria-expanded") == "true"
    assert viewer.locator('g.nv-group[data-layer="basic_1.1"]').count() == 0  # drawn once
    viewer.locator(repeat).hover()
    assert "show all 2 repeats" in viewer.locator(".nnviz-tip").inner_text()
    viewer.locator(repeat).click()
    for iteration in ("basic_1.0", "basic_1.1"):
        assert viewer.locator(f'g.nv-group[data-layer="{iteration}"]').is_visible()
    assert viewer.locator(repeat).get_attribute("aria-expanded") == "true"
    viewer.locator(repeat).click()
    assert viewer.locator(repeat).get_attribute("aria-expanded") == "false"
    assert viewer.locator(FIRST_LAYER).count() == first_view


def test_full_screen_is_an_overlay_fitting_the_diagram(site: Any, open_page: Any) -> None:
    page = open_page(site.url)
    viewer = page.locator(".nnviz-viewer").first
    button(viewer, "Full screen").click()
    assert button(viewer, "Full screen").get_attribute("aria-pressed") == "true"
    assert viewer.bounding_box() == {"x": 0, "y": 0, "width": 1280, "height": 800}
    drawing = page.evaluate(
        """() => {
          const svg = document.querySelector('.nnviz-fullscreen .nnviz-stage > svg');
          const box = svg.getBBox(), m = svg.getScreenCTM();
          return {left: m.e + box.x * m.a, top: m.f + box.y * m.d,
                  width: box.width * m.a, height: box.height * m.d};
        }"""
    )
    assert drawing["left"] >= 0 and drawing["top"] >= 0
    assert drawing["left"] + drawing["width"] <= 1280
    assert drawing["top"] + drawing["height"] <= 800
    assert drawing["height"] > 600 or drawing["width"] > 1100  # it fills the window one way
    assert page.evaluate("() => getComputedStyle(document.documentElement).overflow") == "hidden"
    page.keyboard.press("Tab")  # from the drawing to its first layer, then round to the top
    page.keyboard.press("Tab")
    assert active_label(page) == "Find layer"
    page.keyboard.press("Shift+Tab")
    assert active_label(page).startswith("Input")
    page.keyboard.press("Escape")
    assert viewer.bounding_box()["height"] != 800
    assert active_label(page) == "Full screen"
    assert button(viewer, "Full screen").get_attribute("aria-pressed") == "false"


def test_hover_and_focus_show_a_layers_details(site: Any, open_page: Any) -> None:
    page = open_page(site.url)
    viewer = page.locator(".nnviz-viewer").nth(1)  # the small network
    tip = viewer.locator(".nnviz-tip")
    assert tip.is_hidden()
    dense = viewer.locator('g.nv-layer[data-layer="dense_1"]')
    dense.scroll_into_view_if_needed()
    dense.hover()
    assert tip.is_visible()
    text = tip.inner_text()
    for shown in ("dense_1", "Dense", "shape", "units", "10", "params", "activation", "softmax"):
        assert shown in text
    assert "class scores <b>&</b>" in text  # the note as text, never as markup
    assert tip.locator("b").count() == 0
    assert dense.get_attribute("aria-describedby") == tip.get_attribute("id")
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    page.mouse.move(0, 0)
    assert tip.is_hidden()
    viewer.locator(".nnviz-stage").focus()
    page.keyboard.press("Tab")  # into the drawing: its first layer
    assert tip.is_visible()
    assert "input" in tip.inner_text().lower()
    page.keyboard.press("ArrowRight")
    assert "conv2d_1" in tip.inner_text()


def test_find_highlights_layers_and_zooms_to_them(site: Any, open_page: Any) -> None:
    page = open_page(site.url)
    viewer = page.locator(".nnviz-viewer").nth(1)
    find = viewer.get_by_role("searchbox", name="Find layer")
    home = view_box(viewer)
    find.fill("pool")
    matched = viewer.locator(".nnviz-match")
    assert matched.count() == 1
    assert matched.get_attribute("data-layer") == "maxpool2d_1"
    assert viewer.locator(".nnviz-count").inner_text() == "1 layer"
    dimmed = viewer.locator('g.nv-layer[data-layer="dense_1"]')
    page.wait_for_function(  # dimmed, after its fade
        "e => parseFloat(getComputedStyle(e).opacity) < 0.5", arg=dimmed.element_handle()
    )
    find.press("Enter")
    assert view_box(viewer)[2] < home[2]  # zoomed to it
    assert "maxpool2d_1" in viewer.locator(".nnviz-tip").inner_text()
    find.fill("no such layer")
    assert viewer.locator(".nnviz-count").inner_text() == "no match"
    assert view_box(viewer) == home
    find.fill("conv")
    find.press("Escape")
    assert find.input_value() == ""
    assert viewer.locator(".nnviz-match").count() == 0


def test_find_marks_the_card_of_a_collapsed_group_holding_a_match(
    site: Any, open_page: Any
) -> None:
    page = open_page(site.url)
    viewer = page.locator(".nnviz-viewer").first  # ResNet-18, its blocks collapsed
    viewer.get_by_role("searchbox", name="Find layer").fill("add")
    marked = viewer.locator(".nnviz-match")
    assert marked.count() >= 2
    groups = [marked.nth(i).get_attribute("data-layer") for i in range(marked.count())]
    assert all(not name.startswith("add") for name in groups)  # the cards holding them


def test_tab_goes_through_the_controls_then_the_drawing(site: Any, open_page: Any) -> None:
    page = open_page(site.url)
    viewer = page.locator(".nnviz-viewer").first
    viewer.get_by_role("searchbox", name="Find layer").focus()
    seen = []
    for _ in range(6):
        page.keyboard.press("Tab")
        seen.append(active_label(page))
    assert seen[:4] == ["Zoom out", "Zoom in", "Reset view", "Full screen"]
    assert seen[4].startswith("ResNet-18: drag to pan")  # the drawing's own stop
    assert seen[5] == "Input input"
    ring = page.evaluate("() => getComputedStyle(document.activeElement).filter")
    assert "drop-shadow" in ring  # the focused layer is marked


def test_colours_follow_the_pages_light_dark_switch(site: Any, open_page: Any) -> None:
    page = open_page(site.url)
    viewer = page.locator(".nnviz-viewer").first
    card = viewer.locator("rect.nv-f-card").first
    icon = button(viewer, "Zoom in")

    def colours() -> tuple[str, str]:
        return (
            card.evaluate("e => getComputedStyle(e).fill"),
            icon.evaluate("e => getComputedStyle(e).color"),
        )

    light = colours()
    page.evaluate(site.dark_switch)
    dark = colours()
    assert dark[0] != light[0] and dark[1] != light[1]
    viewer.locator(FIRST_LAYER).nth(1).hover()
    tip = viewer.locator(".nnviz-tip")
    background = tip.evaluate("e => getComputedStyle(e).backgroundColor")
    text = tip.evaluate("e => getComputedStyle(e).color")
    assert _lightness(background) < 0.3 < 0.7 < _lightness(text)


def _lightness(css: str) -> float:
    numbers = [float(n) for n in css[css.index("(") + 1 : -1].replace(",", " ").split()[:3]]
    return sum(numbers) / (3 * 255)


def test_diagrams_on_one_page_do_not_interfere(site: Any, open_page: Any) -> None:
    page = open_page(site.url)
    viewers = page.locator(".nnviz-viewer")
    assert viewers.count() == 3
    homes = [view_box(viewers.nth(i)) for i in range(3)]
    button(viewers.nth(2), "Zoom in").click()
    assert view_box(viewers.nth(0)) == homes[0]
    assert view_box(viewers.nth(1)) == homes[1]  # the same network, drawn again
    assert view_box(viewers.nth(2)) != homes[2]
    viewers.nth(0).locator('[aria-expanded="false"]').first.click()
    duplicated = page.evaluate(
        """() => { const seen = new Set(), twice = [];
          for (const e of document.querySelectorAll('[id]')) {
            if (seen.has(e.id)) twice.push(e.id); seen.add(e.id); }
          return twice; }"""
    )
    assert duplicated == []
    assert page.locator("script[src*='nnviz-viewer.js']").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_phone_screen_fits_the_controls_and_the_overlay(
    site: Any, open_page: Any, scheme: str
) -> None:
    page = open_page(site.url, width=390, scheme=scheme)
    for index in range(page.locator(".nnviz-viewer").count()):
        viewer = page.locator(".nnviz-viewer").nth(index)
        for part in (".nnviz-toolbar", ".nnviz-stage > svg"):
            box = viewer.locator(part).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, part
    viewer = page.locator(".nnviz-viewer").first
    button(viewer, "Full screen").click()
    assert viewer.bounding_box() == {"x": 0, "y": 0, "width": 390, "height": 800}
    layer = viewer.locator(FIRST_LAYER).nth(1)
    layer.hover()
    tip = viewer.locator(".nnviz-tip").bounding_box()
    assert tip["x"] >= 0 and tip["x"] + tip["width"] <= 390


def test_without_javascript_the_page_shows_the_static_diagrams(site: Any, open_page: Any) -> None:
    page = open_page(site.url, script=False)
    assert page.locator(".nnviz-viewer").count() == 0
    svgs = page.locator("svg.nnviz")
    assert svgs.count() == 3
    for index in range(3):
        box = svgs.nth(index).bounding_box()
        assert box["width"] > 100 and box["height"] > 100
    assert page.locator("template.nnviz-level").count() >= 1
    assert not page.locator("template.nnviz-level svg").first.is_visible()


def test_a_standalone_page_from_the_command_line(open_page: Any, tmp_path: Any) -> None:
    target = tmp_path / "net.html"
    subprocess.run(
        [sys.executable, "-m", "nnviz_core", "render", str(RESNET), "-o", str(target)],
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    page = open_page(target.as_uri(), scheme="dark")
    viewer = page.locator(".nnviz-viewer")
    assert viewer.count() == 1
    viewer.locator('[aria-expanded="false"]').first.click()
    assert viewer.locator('[aria-expanded="true"]').count() >= 1
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert _lightness(background) < 0.3  # the page follows the reader's dark scheme


def test_a_page_swapped_in_by_instant_navigation_is_explorable(
    instant_url: str, open_page: Any
) -> None:
    page = open_page(instant_url + "index.html")
    page.evaluate("() => { window.sameDocument = true; }")  # gone if a page really loads
    page.get_by_role("link", name="Plain").first.click()
    page.wait_for_url("**/plain.html")
    page.wait_for_function("() => !document.querySelector('svg.nnviz')")  # swapped out
    page.get_by_role("link", name="Diagrams").first.click()
    page.wait_for_url("**/index.html")
    page.wait_for_function("() => document.querySelectorAll('.nnviz-viewer').length === 3")
    assert page.evaluate("() => window.sameDocument") is True  # swapped in, not loaded
    viewer = page.locator(".nnviz-viewer").first
    home = view_box(viewer)
    button(viewer, "Zoom in").click()
    assert view_box(viewer)[2] < home[2]


def test_notebook_outputs_each_carry_the_script_and_work_once(
    open_page: Any, tmp_path: Any
) -> None:
    cells = [
        nnviz_core.render(source)._repr_mimebundle_()["text/html"] for source in (RESNET, SMALL)
    ]
    page_file = tmp_path / "notebook.html"
    page_file.write_text(
        "<!DOCTYPE html><html><body>"
        + "".join(f'<div class="output">{cell}</div>' for cell in cells)
        + "</body></html>",
        encoding="utf-8",
    )
    page = open_page(page_file.as_uri())
    viewers = page.locator(".nnviz-viewer")
    assert viewers.count() == 2  # the second output's script left the first viewer alone
    assert page.locator(".nnviz-viewer .nnviz-toolbar").count() == 2
    viewers.first.locator('[aria-expanded="false"]').first.click()
    assert viewers.first.locator('[aria-expanded="true"]').count() >= 1
    # a cell run later adds its output to the page: it is viewed too
    page.evaluate(
        "html => document.body.insertAdjacentHTML('beforeend', html)",
        cells[1].split("<script>")[0],
    )
    page.wait_for_function("() => document.querySelectorAll('.nnviz-viewer').length === 3")
