"""SVG output is deterministic, escaped, self-contained and collision-free on one page."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from backend_scenes import card, small_scene

from nnviz_core.backends.svg import render_svg
from nnviz_core.errors import NnvizError
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Fill, Group, Image, Rect, Scene, Span, Stroke, Text, text

NASTY = "<script>alert('x')</script> & \"quoted\" 'single' \x00\x1b ]]>"


def svg(scene: Scene, **options: str) -> str:
    return render_svg(scene, RenderOptions(**options))  # type: ignore[arg-type]


def test_same_scene_gives_same_bytes() -> None:
    assert svg(small_scene()) == svg(small_scene())


def test_output_is_identical_in_a_fresh_interpreter() -> None:
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r});"
        "from backend_scenes import small_scene;"
        "from nnviz_core.backends.svg import BACKEND;"
        "from nnviz_core.options import RenderOptions;"
        "sys.stdout.buffer.write(BACKEND.render(small_scene(), RenderOptions()))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, env=env
    ).stdout
    assert other.decode("utf-8") == svg(small_scene())


def test_nasty_text_is_escaped_everywhere() -> None:
    group = Group(
        (
            Rect(0, 0, 10, 10, fill=Fill("card"), layer=NASTY),
            Text(5, 5, (Span(NASTY), Span(NASTY, weight="bold"))),
        ),
        name=NASTY,
        role="layer",
        layer=NASTY,
    )
    output = svg(Scene(10, 10, (group,), title=NASTY, description=NASTY))
    assert "<script" not in output
    assert "\x00" not in output and "\x1b" not in output
    root = ET.fromstring(output)  # still well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    names = [element.text for element in root.iter(f"{ns}title")]
    assert names == [NASTY.replace("\x00", "\ufffd").replace("\x1b", "\ufffd")] * 2
    assert root.find(f"{ns}g").get("data-layer") == names[0]  # type: ignore[union-attr]
    assert "data-layer=\"&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;quoted&quot;" in output


def test_lone_surrogates_become_replacement_characters() -> None:
    # Only Python callers can hand us these (YAML parsers refuse them): still a valid document.
    broken = "half \ud800 pair"
    group = Group((text(5, 5, broken),), name=broken, role="layer", layer=broken)
    output = svg(Scene(10, 10, (group,), title=broken, description=broken))
    assert "\ud800" not in output
    assert output.count("half \ufffd pair") == 5
    output.encode("utf-8")  # strict: no surrogate left to refuse
    ET.fromstring(output)


def test_no_script_event_handler_or_external_reference() -> None:
    output = svg(small_scene(), theme="auto", background="solid")
    assert not re.search(r"<script|\son[a-z]+=|href|url\(|@import|<image|<foreignObject", output)


def test_images_are_embedded_png_data_only() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"rest"
    picture = Image(1, 2, 8, 8, png, NASTY, layer=NASTY, stroke=Stroke("fg", 0.8))
    output = svg(Scene(10, 10, (picture,)))
    hrefs = re.findall(r'href="([^"]*)"', output)
    assert hrefs == ["data:image/png;base64,iVBORw0KGgpyZXN0"]
    assert "<script" not in output
    ET.fromstring(output)
    with pytest.raises(NnvizError, match="must hold PNG bytes"):
        svg(Scene(10, 10, (Image(0, 0, 8, 8, b"<svg onload=x>"),)))


def test_ids_and_css_are_scoped_by_a_content_hash() -> None:
    first = svg(small_scene())
    second = svg(Scene(320, 230, (card("Other", "pooling", 40, "pool"),)))
    prefixes = set()
    for output in (first, second):
        scope = re.search(r'id="(nnviz-[0-9a-f]{12})"', output)
        assert scope is not None
        prefix = scope.group(1)
        prefixes.add(prefix)
        ids = re.findall(r'\sid="([^"]+)"', output)
        assert ids and all(value.startswith(prefix) for value in ids)
        style = output.split("<style>")[1].split("</style>")[0]
        rules = [
            line
            for line in style.splitlines()
            if line not in ("", "}") and not line.startswith(("@media", "@supports"))
        ]
        assert all(f".{prefix}" in rule for rule in rules)
    assert len(prefixes) == 2


def test_same_scene_in_two_themes_gets_two_scopes() -> None:
    light, dark = svg(small_scene(), theme="light"), svg(small_scene(), theme="dark")
    scope = re.compile(r'id="(nnviz-[0-9a-f]+)"')
    assert scope.findall(light) != scope.findall(dark)


def test_literal_colours_are_validated_and_normalised() -> None:
    ok = svg(Scene(10, 10, (Rect(0, 0, 5, 5, fill=Fill("#AbC")),)))
    assert 'fill="#aabbcc"' in ok
    assert "nv-f-#" not in ok
    evil = '#fff" onload="alert(1)'
    with pytest.raises(NnvizError) as caught:
        svg(Scene(10, 10, (Rect(0, 0, 5, 5, fill=Fill(evil)),)))
    assert str(caught.value) == (
        f"colour {evil!r} is neither a theme token nor a hex colour; "
        "write colours as '#rrggbb', e.g. '#1f77b4'"
    )


def test_misspelt_token_gets_a_suggestion() -> None:
    with pytest.raises(NnvizError, match=r"neither a theme token \(did you mean 'muted'\?\)"):
        svg(Scene(10, 10, (text(0, 5, "x", paint="mutted"),)))


def test_non_finite_coordinates_are_refused() -> None:
    with pytest.raises(NnvizError, match="not a finite number"):
        svg(Scene(10, 10, (Rect(float("nan"), 0, 5, 5, fill=Fill("bg")),)))
