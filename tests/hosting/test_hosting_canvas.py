"""Hosts draw for their canvas: the site's column, a figure's display width, the printed page."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from nnviz_core import registry
from nnviz_core.errors import OptionError
from nnviz_core.hosting import DiagramCache, Host, HostSettings, Request
from nnviz_core.hosting.columns import canvas_width, display_px
from nnviz_core.scene import Scene, text

SPEC = "name: Tiny\ninput: [8]\nlayers:\n  - dense: 4\n"


def _request(display: str | None = None, **options: Any) -> Request:
    given = tuple(sorted(options.items()))
    return Request("lenet", given, text=SPEC, name="page.md", display=display)


def _width(host: Host, request: Request) -> Any:
    return dict(host.typed(request).options)["width"]


@pytest.mark.parametrize(
    ("length", "px"),
    [("400px", 400), ("400", 400), ("50%", 360), ("30em", 480), ("3in", 288), ("75pt", 100)],
)
def test_display_widths_in_css_px(length: str, px: float) -> None:
    assert display_px(length, 720) == pytest.approx(px)


def test_a_display_width_that_is_not_a_length_is_unknown() -> None:
    assert display_px("auto", 720) is None and display_px(None, 720) is None


def test_the_canvas_width_is_the_column_or_a_narrower_display() -> None:
    assert canvas_width("page", None, 720) == 720
    assert canvas_width("page", "400px", 720) == 400
    assert canvas_width("page", "1200px", 720) == 720  # the page fits a wider one in the column
    assert canvas_width("page", "20px", 720) == 200  # the narrowest layout the option allows
    assert canvas_width("paper", "50%", 720) == 300  # a share of the printed page
    assert canvas_width("paper", None, 720) is None  # the paper canvas's own width
    assert canvas_width("slide", "400px", 720) is None
    assert canvas_width("none", "400px", 720) is None


def test_the_site_width_reaches_the_style_unless_the_author_chose_one() -> None:
    host = Host(HostSettings(width=900))
    assert _width(host, _request()) == 900
    assert _width(host, _request("50%")) == 450
    assert _width(host, _request("50%", width="640")) == 640  # the style option wins
    assert _width(host, _request(fit="slide")) is None  # a slide keeps its own box
    site = Host(HostSettings(default_options={"lenet": {"width": 500}}))
    assert _width(site, _request()) == 500


def test_the_cache_key_follows_the_canvas() -> None:
    host = Host(HostSettings())
    plain = _request()
    assert host.key(plain) == host.key(_request("100%")) == host.key(_request("900px"))
    assert host.key(plain) != host.key(_request("400px"))
    assert host.key(plain) != host.key(_request(fit="paper"))
    assert host.key(plain) != Host(HostSettings(width=900)).key(plain)


def test_latex_draws_for_paper_unless_a_fit_was_chosen() -> None:
    host = Host(HostSettings())
    assert dict(host.for_canvas(_request(), "paper").options)["fit"] == "paper"
    assert dict(host.for_canvas(_request(fit="none"), "paper").options)["fit"] == "none"
    site = Host(HostSettings(default_options={"lenet": {"fit": "slide"}}))
    assert "fit" not in dict(site.for_canvas(_request(), "paper").options)
    curves = Request("history", (), text="epoch,loss\n0,1\n1,0.5\n", name="log.csv")
    assert host.for_canvas(curves, "paper") == curves  # training curves have no canvas


@pytest.mark.parametrize("width", [100, 50_000, True, "wide"])
def test_a_bad_width_setting_is_refused_with_the_range(width: Any) -> None:
    with pytest.raises(OptionError) as caught:
        HostSettings(width=width)
    assert str(caught.value).startswith(
        "the width setting (the pages' content column, nnviz_width in conf.py) must be a "
        "number of CSS px from 200 to 20,000; got "
    )


@pytest.fixture
def too_wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lenet style draws a 2880 px strip of 10 px text (2.5 px in a 720 px column)."""

    def layout(self: Any, graph: Any, options: Any) -> Scene:
        return Scene(2880.0, 200.0, (text(20, 20, "strip", size=10.0),), title=graph.name)

    monkeypatch.setattr(type(registry.style("lenet")), "layout", layout)


@pytest.mark.usefixtures("too_wide")
def test_a_readability_note_is_kept_with_the_cached_diagram(tmp_path: Any) -> None:
    host = Host(HostSettings(), DiagramCache(tmp_path))
    drawn = host.draw(_request())
    (note,) = drawn.notes
    assert note.kind == "readability"
    assert note.text.startswith("Tiny: its 10 px text reads at 2.5 px once this 2880×200 px")
    assert note.short == note.text.removeprefix("Tiny: ")
    later = Host(HostSettings(), DiagramCache(tmp_path))  # a new build, from the folder
    again = later.draw(_request())
    assert later.cache.rendered == 0 and again.notes == drawn.notes


@pytest.mark.usefixtures("too_wide")
def test_readability_warnings_can_be_turned_off_for_a_site() -> None:
    quiet = Host(HostSettings(readability_warnings=False))
    assert quiet.draw(_request()).notes == ()
    assert Host(HostSettings()).draw(replace(_request(), options=(("fit", "none"),))).notes == ()
