"""The hosting contract: one request drawn through one cache; history is a style like the others;
settings declared once reach both hosts; a cached diagram costs no style import."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import nnviz_core
from mkdocs_nnviz.plugin import NnvizConfig
from nnviz_core import registry
from nnviz_core.errors import OptionError
from nnviz_core.hosting import (
    ALIASES,
    SETTINGS,
    DiagramCache,
    Host,
    Request,
    for_host,
    network_styles,
)
from nnviz_core.scene import Fill, Rect, Scene
from sphinx_nnviz.config import CONFIG_VALUES

SPEC = "name: Tiny\ninput: [8]\nlayers:\n  - dense: 4\n  - dense: 2\n"
LOG = "epoch,loss,val_loss\n0,1.0,1.2\n1,0.5,0.7\n2,0.25,0.5\n"


def test_history_is_a_registered_style_with_a_source_of_its_own(tmp_path: Path) -> None:
    assert "history" in registry.names("nnviz.styles")
    assert "history" not in network_styles() and "graph" in network_styles()
    log = tmp_path / "log.csv"
    log.write_text(LOG, encoding="utf-8")
    figure = nnviz_core.render(log, style="history", mark_best="val_loss", theme="dark")
    assert figure.graph is None and figure.style == "history"
    assert "Training curves of loss" in figure.scene.description
    from_dict = nnviz_core.render({"loss": [1.0, 0.5, 0.25]}, style="history")
    assert from_dict.svg.startswith("<svg") and from_dict.svg.rstrip().endswith("</svg>")
    with pytest.raises(OptionError, match="unknown option 'rankdir'"):
        nnviz_core.render(log, style="history", rankdir="LR")
    assert ALIASES == {"nnviz-history": "history"}


def test_settings_are_declared_once_for_both_hosts() -> None:
    sphinx = {value.name for value in CONFIG_VALUES}
    mkdocs = {name for name, _ in NnvizConfig._schema}
    shared = {setting.name for setting in SETTINGS if len(setting.hosts) == 2}
    assert shared <= sphinx and shared <= mkdocs
    assert "allowed_roots" in shared and sphinx == {s.name for s in for_host("sphinx")}
    assert mkdocs == {s.name for s in for_host("mkdocs")}


def test_one_request_draws_once_then_comes_from_the_cache(tmp_path: Path) -> None:
    host = Host(cache=DiagramCache(tmp_path))
    request = Request("graph", (("legend", "false"),), text=SPEC)
    first = host.draw(request)
    assert host.cache.rendered == 1 and "Tiny" in first.svg
    assert first.alt == "Tiny: neural-network diagram, 3 layers (graph style)"
    again = Host(cache=DiagramCache(tmp_path)).draw(request)
    assert again == first
    other = host.draw(Request("graph", (("legend", "true"),), text=SPEC))
    assert other.key != first.key


def test_a_cached_diagram_imports_and_types_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    request = Request("block", (("legend", "false"),), text=SPEC)
    Host(cache=DiagramCache(tmp_path)).draw(request)

    def refuse(name: str) -> None:
        raise AssertionError(f"style {name!r} was loaded for a cached diagram")

    monkeypatch.setattr(registry, "style", refuse)
    fresh = Host(cache=DiagramCache(tmp_path))
    assert "</svg>" in fresh.draw(request).svg and fresh.cache.reused == 1


def test_a_bad_option_fails_when_drawn_with_the_hosts_message() -> None:
    host = Host()
    with pytest.raises(OptionError, match=r"^option 'legend' expects bool, got 'maybe'"):
        host.draw(Request("graph", (("legend", "maybe"),), text=SPEC))
    with pytest.raises(OptionError, match=r"^unknown attribute 'colour' for style 'graph'"):
        host.draw(Request("graph", (("colour", "red"),), text=SPEC, fence=True))


def renumbered_as_before(svg: str, occurrence: int) -> str:
    """The per-page regex renumbering the hosts used before ids were found at draw time."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    names = "|".join(re.escape(name) for name in sorted(ids, key=len, reverse=True))
    suffix = f"-{occurrence}"
    svg = re.sub(rf'(?<=\bid=")(?:{names})(?=")|(?<=#)(?:{names})(?![\w-])', rf"\g<0>{suffix}", svg)

    def relabel(match: re.Match[str]) -> str:
        tokens = [token + suffix if token in ids else token for token in match.group(2).split()]
        return f'{match.group(1)}="{" ".join(tokens)}"'

    return re.sub(r'\b(aria-(?:labelledby|describedby))="([^"]*)"', relabel, svg)


def test_ids_are_found_once_and_a_repeat_is_a_join() -> None:
    drawn = Host().draw(Request("graph", (), text=SPEC))
    assert drawn.inline(1) == drawn.svg[drawn.svg.index("<svg") :]
    assert drawn.inline(3) == renumbered_as_before(drawn.svg, 3)[drawn.svg.index("<svg") :]


@pytest.mark.filterwarnings("error::nnviz_core.backends.raster.PngScaledWarning")
def test_a_png_drawn_smaller_is_a_note_of_its_file_kept_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 10×17,000 px strip at 192 dpi would be 34,000 pixels long: drawn smaller, and said so
    as a note (never a Python warning), again when a later build finds the file."""

    def layout(self: object, graph: object, options: object) -> Scene:
        return Scene(10.0, 17000.0, (Rect(0, 0, 10, 17000, fill=Fill("card")),))

    monkeypatch.setattr(type(registry.style("lenet")), "layout", layout)
    request = Request("lenet", (("fit", "none"),), text=SPEC)
    first = Host(cache=DiagramCache(tmp_path), formats=("svg", "png"))
    filed = first.file(request, first.key(request), "png")
    ((kind, text, short),) = [(n.kind, n.text, n.short) for n in filed.notes]
    assert kind == "png-scaled" and text == short
    assert text == (
        "a PNG of this 10×17000 px diagram at 192 dpi would be 34000 pixels long, more than the "
        "32767 the converter supports; drawn scaled to 0.96× (185.03 dpi) instead; write SVG or "
        "PDF to keep every detail"
    )
    svg = first.file(request, first.key(request), "svg")  # SVG keeps every detail: no remark
    assert svg.notes == () and svg.path.suffix == ".svg"

    def fail(self: object, graph: object, options: object) -> Scene:
        raise AssertionError("drawn again")

    monkeypatch.setattr(type(registry.style("lenet")), "layout", fail)
    later = Host(cache=DiagramCache(tmp_path), formats=("svg", "png"))
    assert later.file(request, later.key(request), "png") == filed  # from the cache
