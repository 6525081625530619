"""Theme colours: custom properties that follow the OS preference and the page's own switch.

The cascade is checked with a small CSS engine (cssselect2 and tinycss2, which cairosvg already
needs): for each page setting, the rule that wins for the diagram's root element under CSS
specificity and source order decides the colour a browser would draw.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import cssselect2
import pytest
import tinycss2
from backend_scenes import small_scene

from nnviz_core.backends._svg_paint import THEMED_ONLY
from nnviz_core.backends.svg import render_svg
from nnviz_core.options import RenderOptions
from nnviz_core.theme import TOKENS
from nnviz_core.themes import HOST_SCOPE, host_css, shipped_css, theme_css

LIGHT_FG, DARK_FG = TOKENS["fg"]


def _rules(css: str, os_dark: bool) -> list[Any]:
    """Qualified rules that apply in a browser, with media queries resolved for the reader's OS
    setting (and the custom-property test that guards the themed rules passed)."""
    active = []
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type == "at-rule":
            inner = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True)
            if rule.lower_at_keyword == "supports":
                assert rule.lower_at_keyword + tinycss2.serialize(rule.prelude) in THEMED_ONLY
                active.extend(_rules(tinycss2.serialize(inner), os_dark))
                continue
            assert tinycss2.serialize(rule.prelude).strip() == "(prefers-color-scheme:dark)"
            if os_dark:
                active.extend(inner)
        elif rule.type == "qualified-rule":
            active.append(rule)
    return active


def _attrs(text: str) -> dict[str, str]:
    return dict([text.split("=")]) if text else {}


def computed(
    css: str,
    svg_class: str,
    *,
    html: str = "",
    body: str = "",
    os_dark: bool = False,
    prop: str = "--nnviz-fg",
) -> str:
    """The value of ``prop`` on an ``<svg class=svg_class>`` inside the given page."""
    page = ET.Element("html", _attrs(html))
    ET.SubElement(ET.SubElement(page, "body", _attrs(body)), "svg", {"class": svg_class})
    target = next(
        node
        for node in cssselect2.ElementWrapper.from_html_root(page).iter_subtree()
        if node.local_name == "svg"
    )
    best: tuple[tuple[int, int, int], int] | None = None
    value = "unset"
    for order, rule in enumerate(_rules(css, os_dark)):
        declarations = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True)
        found = [d for d in declarations if d.type == "declaration" and d.name == prop]
        for selector in cssselect2.compile_selector_list(rule.prelude):
            key = (selector.specificity, order)
            if found and selector.test(target) and (best is None or key > best):
                best, value = key, tinycss2.serialize(found[-1].value).strip()
    return value


PAGES = [
    # (html attribute, body attribute, OS prefers dark, expected)
    ("", "", False, LIGHT_FG),
    ("", "", True, DARK_FG),
    ("", "data-md-color-scheme=slate", False, DARK_FG),
    ("", "data-md-color-scheme=default", True, LIGHT_FG),
    ("", "data-theme=dark", False, DARK_FG),
    ("", "data-theme=light", True, LIGHT_FG),
    ("", "data-theme=auto", True, DARK_FG),
    ("", "data-theme=auto", False, LIGHT_FG),
    ("data-theme=dark", "", False, DARK_FG),
    ("data-theme=light", "", True, LIGHT_FG),
    ("data-theme=light", "data-md-color-scheme=slate", True, LIGHT_FG),
    ("data-bs-theme=dark", "", False, DARK_FG),
    ("data-bs-theme=light", "", True, LIGHT_FG),
    ("", "data-jp-theme-light=false", False, DARK_FG),
    ("", "data-jp-theme-light=true", True, LIGHT_FG),
    ("", "class=vscode-dark", False, DARK_FG),
    ("", "class=vscode-light", True, LIGHT_FG),
]


def _scope(svg: str) -> str:
    found = re.search(r'id="(nnviz-[0-9a-f]+)"', svg)
    assert found is not None
    return found.group(1)


def _style(svg: str) -> str:
    return svg.split("<style>")[1].split("</style>")[0]


@pytest.mark.parametrize(("html", "body", "os_dark", "expected"), PAGES)
def test_auto_follows_the_os_and_the_page_switch(
    html: str, body: str, os_dark: bool, expected: str
) -> None:
    svg = render_svg(small_scene(), RenderOptions(theme="auto"))
    classes = f"nnviz {_scope(svg)} nnviz-auto"
    assert computed(_style(svg), classes, html=html, body=body, os_dark=os_dark) == expected
    # The host style sheet gives the same answer, alone and together with the embedded rules.
    assert computed(host_css(), classes, html=html, body=body, os_dark=os_dark) == expected
    both = host_css() + _style(svg)
    assert computed(both, classes, html=html, body=body, os_dark=os_dark) == expected


@pytest.mark.parametrize(("html", "body", "os_dark", "_"), PAGES)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_fixed_themes_ignore_the_page(
    html: str, body: str, os_dark: bool, _: str, theme: str
) -> None:
    svg = render_svg(small_scene(), RenderOptions(theme=theme))  # type: ignore[arg-type]
    classes = f"nnviz {_scope(svg)} nnviz-{theme}"
    expected = DARK_FG if theme == "dark" else LIGHT_FG
    css = host_css() + _style(svg)
    assert computed(css, classes, html=html, body=body, os_dark=os_dark) == expected
    assert f'fill="{expected}"' in svg  # the presentation colour agrees with the rule


def test_every_token_paint_class_reads_its_custom_property() -> None:
    svg = render_svg(small_scene(), RenderOptions())
    scope = _scope(svg)
    used = set(re.findall(r"\bnv-([fs])-([a-z0-9-]+)", svg.split("</style>")[1]))
    assert ("f", "cat-convolution") in used and ("s", "edge") in used
    for channel, token in used:
        prop = "fill" if channel == "f" else "stroke"
        rule = f".{scope} .nv-{channel}-{token}{{{prop}:var(--nnviz-{token})}}"
        assert rule in svg
        assert f"--nnviz-{token}:" in svg
    assert "--nnviz-cat-pooling:" not in svg  # only the tokens the scene uses are defined


def test_plain_svg_for_converters_has_no_css() -> None:
    svg = render_svg(small_scene(), RenderOptions(theme="dark"), themed=False)
    assert "<style>" not in svg and "var(" not in svg and "nv-f-" not in svg
    assert f'fill="{DARK_FG}"' in svg


def test_shipped_host_css_is_the_generated_one() -> None:
    regenerate = "regenerate it: python -m nnviz_core.themes > nnviz_core/themes/nnviz.css"
    assert shipped_css() == host_css(), f"nnviz.css is out of date; {regenerate}"
    assert host_css().count("--nnviz-fg:") == 4
    for token in TOKENS:
        assert f"--nnviz-{token.replace('.', '-')}:" in host_css()


def test_theme_css_for_fixed_theme_is_one_rule() -> None:
    assert theme_css(HOST_SCOPE, "dark", ["fg"]) == f".nnviz-auto{{--nnviz-fg:{DARK_FG}}}\n"


@pytest.mark.parametrize(
    ("html", "body", "os_dark", "expected"),
    [
        ("", "", False, "unset"),
        ("", "", True, "var(--nnviz-bg)"),  # a page without a switch may stay light: own card
        ("", "data-md-color-scheme=slate", True, "transparent"),
        ("", "data-theme=auto", True, "var(--nnviz-bg)"),
        ("data-theme=light", "", True, "transparent"),
    ],
)
def test_auto_brings_its_own_background_only_when_the_page_may_not_follow_the_os(
    html: str, body: str, os_dark: bool, expected: str
) -> None:
    svg = render_svg(small_scene(), RenderOptions(theme="auto"))
    classes = f"nnviz {_scope(svg)} nnviz-auto"
    page = {"html": html, "body": body, "os_dark": os_dark, "prop": "background"}
    assert computed(_style(svg), classes, **page) == expected  # type: ignore[arg-type]
    assert computed(host_css(), classes, **page) == expected  # type: ignore[arg-type]
    assert "--nnviz-bg:" in _style(svg)
