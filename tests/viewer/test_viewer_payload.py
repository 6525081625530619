"""What a page carries for the viewer, without a browser: the layers' details as an inert JSON
island, the finer levels of detail, the assets the hosts write, and the pages that load them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from sites import ROOT

import nnviz_core
from nnviz_core.hosting import DiagramCache, Drawn, Host, Request
from nnviz_core.viewer import SCRIPT, notebook_html, payload, script, stylesheet
from nnviz_core.viewer.details import details, island
from nnviz_core.viewer.levels import MAX_LEVELS, MAX_OPENED, finer_options, levels, one_opened

RESNET = ROOT / "examples" / "resnet18.yaml"
TRICKY = """name: Tricky
input: [4]
layers:
  - dense: {units: 3, name: "a</script><b>", note: "x & y <i>\\u2028"}
"""


def _island_data(html: str) -> dict:
    found = re.search(r'<template class="nnviz-data">(.*?)</template>', html)
    assert found is not None
    return json.loads(unescape(found.group(1)))


def test_details_name_every_layer_and_group_of_the_graph() -> None:
    graph = nnviz_core.load(RESNET)
    data = details(graph)
    assert set(data["layers"]) == {node.id for node in graph.nodes}
    assert set(data["groups"]) == {group.id for group in graph.groups}
    conv = data["layers"]["conv2d_1"]
    assert conv["op"] == "Conv2D"
    assert (conv["in"], conv["out"]) == (["3×224×224"], ["64×112×112"])
    assert ["kernel", "7×7"] in conv["args"] and ["use_bias", "false"] in conv["args"]
    assert conv["p"] == 9408 and conv["t"] is True
    block = data["groups"]["basic_1"]
    assert (block["label"], block["kind"], block["count"]) == ("conv2_x", "repeat", 2)
    assert block["size"] == 14 and block["p"] == 148_480


def test_the_island_is_inert_text_no_layer_name_can_end() -> None:
    diagram = nnviz_core.render(TRICKY)
    html = island(details(diagram.graph))
    assert html.startswith('<template class="nnviz-data">') and html.endswith("</template>")
    body = html.removeprefix('<template class="nnviz-data">').removesuffix("</template>")
    assert "<" not in body and ">" not in body  # nothing in it opens or closes markup
    layer = _island_data(html)["layers"]["dense_1"]
    assert layer["n"] == "a</script><b>"
    assert layer["note"] == "x & y <i>\u2028"


def test_finer_levels_open_one_depth_at_a_time_then_unfold_repeats() -> None:
    diagram = nnviz_core.render(RESNET)
    fitted = diagram.style_options
    assert (fitted.fold_repeats, fitted.depth) == (True, 0)  # the first view, detail: auto
    steps = [(o.fold_repeats, o.depth) for o in finer_options(diagram.graph, fitted)]
    assert steps == [(True, None), (False, None)]  # its groups are one level deep
    drawn = levels(diagram, diagram.svg)
    assert len(set(drawn)) == len(drawn) and diagram.svg not in drawn
    finer = [svg.count('class="nv-layer"') for svg in [diagram.svg, *drawn[:2]]]
    assert finer == sorted(finer) and finer[0] < finer[-1]  # each level draws more layers
    assert all("<script" not in svg for svg in drawn)


def test_each_card_of_the_first_view_is_also_drawn_opened_alone() -> None:
    diagram = nnviz_core.render(RESNET)
    graph = diagram.graph
    cards = {group.id for group in graph.groups if group.parent is None}
    opened = list(one_opened(graph, diagram.style_options))
    assert len(opened) == len(cards) == 7
    order = sorted(cards, key=[g.id for g in graph.groups].index)
    for one, card in zip(opened, order, strict=True):
        assert {group.id for group in one.groups if group.parent is None} == {card}
        assert {node.id for node in one.nodes} & cards == cards - {card}  # the rest: one node
    drawn = levels(diagram, diagram.svg)
    assert len(drawn) == 2 + 7 <= MAX_LEVELS + MAX_OPENED
    alone = drawn[2:]
    assert [svg.count('class="nv-group"') >= 1 for svg in alone] == [True] * 7


def test_the_other_drawings_stop_at_the_total_size(monkeypatch: pytest.MonkeyPatch) -> None:
    import nnviz_core.viewer.levels as viewer_levels

    diagram = nnviz_core.render(RESNET)
    sizes = [len(svg) for svg in levels(diagram, diagram.svg)]
    cap = sizes[0] + sizes[1] + 1
    monkeypatch.setattr(viewer_levels, "MAX_TOTAL_BYTES", cap)
    kept = [len(svg) for svg in levels(diagram, diagram.svg)]
    assert kept[0] == sizes[0] and len(kept) < len(sizes) and sum(kept) <= cap


def test_a_small_network_carries_no_levels_and_curves_no_payload(tmp_path: Path) -> None:
    tricky = nnviz_core.render(TRICKY)
    assert levels(tricky, tricky.svg) == []
    assert '<template class="nnviz-level">' not in payload(tricky, tricky.svg)
    log = tmp_path / "log.csv"
    log.write_text("epoch,loss\n0,1.0\n1,0.5\n", encoding="utf-8")
    curves = nnviz_core.render(log, "history")
    assert payload(curves, curves.svg) == ""


def test_the_host_keeps_the_payload_in_the_cache_and_renumbers_a_repeat(tmp_path: Path) -> None:
    request = Request("graph", text=RESNET.read_text(encoding="utf-8"), name="resnet18.yaml")
    drawn = Host(cache=DiagramCache(tmp_path)).draw(request)
    assert drawn.viewer.count('<template class="nnviz-level">') >= 1
    again = DiagramCache(tmp_path).get(drawn.key)
    assert isinstance(again, Drawn) and again.viewer == drawn.viewer
    first = re.findall(r'\bid="([^"]+)"', drawn.viewer_html(1))
    second = re.findall(r'\bid="([^"]+)"', drawn.viewer_html(2))
    assert first and not set(first) & set(second)
    assert all(name.endswith("-2") for name in second)


def test_the_assets_are_one_script_and_styles_for_the_controls() -> None:
    text = script()
    assert text.startswith("/*! nnviz viewer | MIT licence")
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in text.replace("https://github.com/nnviz-docs", "")
    assert len(text.encode()) < 24_000
    for rule in (".nnviz-toolbar", ".nnviz-tip", ".nnviz-fullscreen", ":focus-visible"):
        assert rule in stylesheet()


def test_nnviz_render_writes_a_standalone_explorable_page(tmp_path: Path) -> None:
    target = tmp_path / "net.html"
    done = subprocess.run(
        [sys.executable, "-m", "nnviz_core", "render", str(RESNET), "-o", str(target)],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>ResNet-18</title>" in page
    levels = page.count('<template class="nnviz-level">')
    assert levels >= 2 and page.count("<svg") == 1 + levels  # the first view, then the others
    assert _island_data(page)["groups"]["basic_1"]["label"] == "conv2_x"
    assert script() in page and "<script src" not in page and "<link" not in page


def test_the_notebook_form_holds_the_svg_its_payload_and_the_script() -> None:
    html = nnviz_core.render(RESNET)._repr_mimebundle_()["text/html"]
    assert html.index("<svg") < html.index("nnviz-data") < html.index(script()[:40])
    assert notebook_html("<svg/>", "").count("<script>") == 1


@pytest.mark.parametrize("kind", ["sphinx", "mkdocs"])
def test_only_pages_with_diagrams_load_the_script_once(
    kind: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(f"{kind}_site")
    index = (site / "index.html").read_text(encoding="utf-8")
    plain = (site / "plain.html").read_text(encoding="utf-8")
    assert len(re.findall(rf'<script[^>]+src="[^"]*{SCRIPT}', index)) == 1
    assert SCRIPT not in plain
    assert index.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 3
    for svg in re.findall(r"<svg\b.*?</svg>", index, flags=re.S):
        assert "<script" not in svg and " on" not in re.sub(r'"[^"]*"', '""', svg)
    written = next(site.rglob(SCRIPT))
    assert written.read_text(encoding="utf-8") == script()
