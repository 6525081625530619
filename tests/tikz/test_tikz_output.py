"""The TikZ formats as a user meets them: file names, named colours and styles, layer nodes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import nnviz_core
from nnviz_core import cli
from nnviz_core.backends.tikz import render_body
from nnviz_core.errors import NnvizError
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Fill, Group, Rect, Scene, Stroke, text
from nnviz_core.theme import resolve

ROOT = Path(__file__).resolve().parents[2]
RESNET = ROOT / "examples" / "resnet18.yaml"
DEFINED = re.compile(r"\\providecolor\{(\w+)\}\{HTML\}\{([0-9A-F]{6})\}")
DERIVED = re.compile(r"\\colorlet\{(\w+)\}\{(\w+!\d+!(?:white|black))\}")


def test_tex_is_a_standalone_document_and_tikz_the_picture_alone(tmp_path: Path) -> None:
    assert cli.main(["render", str(RESNET), "-s", "block", "-o", str(tmp_path / "r.tex")]) == 0
    assert cli.main(["render", str(RESNET), "-s", "block", "-o", str(tmp_path / "r.tikz")]) == 0
    document = (tmp_path / "r.tex").read_text(encoding="utf-8")
    picture = (tmp_path / "r.tikz").read_text(encoding="utf-8")
    assert document.startswith("\\documentclass{standalone}\n")
    assert document.rstrip().endswith("\\end{document}")
    code = [line for line in picture.splitlines() if not line.startswith("%")]
    assert not [line for line in code if line.startswith(("\\documentclass", "\\usepackage"))]
    assert picture.count("\\begin{tikzpicture}") == 1 and picture.rstrip().endswith("\\endgroup")
    # The same figure, but for the comment saying how to use the file.
    assert picture.split("\n", 2)[2] in document


def test_the_same_scene_gives_the_same_bytes() -> None:
    first = nnviz_core.render(str(RESNET), style="block").to_bytes("tikz")
    again = nnviz_core.render(str(RESNET), style="block").to_bytes("tikz")
    assert first == again


def test_block_faces_are_filled_paths_with_their_category_styles() -> None:
    picture = nnviz_core.render(str(RESNET), style="block").to_bytes("tikz").decode()
    assert (
        "\\tikzset{nnviz/convolution/.provide style="
        "{fill=nnvizCatConvolution, draw=nnvizCatConvolutionStroke}}%"
    ) in picture
    for face in ("top", "side"):
        colour = "nnvizCatConvolution" + face.capitalize()
        style = f"nnviz/convolution/{face}/.provide style={{nnviz/convolution, fill={colour}}}"
        assert f"\\tikzset{{{style}}}%" in picture
    for face in ("", "/top", "/side"):
        assert re.search(rf"\\path\[nnviz/convolution{face}, [^\]]*\]( \([^)]+\) --){{3}}", picture)


def _value(expression: str, defined: dict[str, str]) -> tuple[float, ...]:
    """The RGB of an HTML value or of an xcolor mix ``name!percent!white|black``."""
    if "!" not in expression:
        return tuple(int(expression[i : i + 2], 16) for i in (0, 2, 4))
    name, percent, other = expression.split("!")
    base, end = _value(defined[name], defined), {"white": 255, "black": 0}[other]
    return tuple(b * int(percent) / 100 + end * (1 - int(percent) / 100) for b in base)


def test_every_colour_used_is_defined_once_with_the_theme_value() -> None:
    for theme in ("light", "dark"):
        text_ = nnviz_core.render(str(RESNET), style="block", theme=theme).to_bytes("tikz").decode()
        lines = DEFINED.findall(text_) + DERIVED.findall(text_)
        defined = dict(lines)
        assert len(defined) == len(lines)
        used = set(re.findall(r"(?:fill|draw|text)=(nnviz\w+)", text_))
        assert used <= set(defined), used - set(defined)
        for name, token in (("nnvizCatConvolution", "cat.convolution"), ("nnvizEdge", "edge")):
            assert defined[name] == resolve(token, theme)[1:].upper()
        for face in ("Top", "Side"):
            drawn = _value(defined[f"nnvizCatConvolution{face}"], defined)
            wanted = _value(resolve(f"cat.convolution.{face.lower()}", theme)[1:], defined)
            assert max(abs(a - b) for a, b in zip(drawn, wanted, strict=True)) <= 1


def test_layers_are_named_nodes_with_safe_unique_names() -> None:
    def layer(layer_id: str, y: float) -> Group:
        box = Rect(10, y, 50, 20, fill=Fill("cat.dense"), stroke=Stroke("cat.dense.stroke"))
        return Group((box, text(35, y + 14, layer_id)), layer=layer_id)

    scene = Scene(100, 120, (layer("a,b", 0), layer("a b", 30), layer("a(b)", 60), layer("%", 90)))
    picture = render_body(scene, RenderOptions())
    assert re.findall(
        r"\\node\[minimum width=37\.5bp, minimum height=15bp\] \(([^)]*)\)", picture
    ) == [
        "a-b",
        "a-b-2",
        "a-b-3",
        "layer",
    ]


def test_a_shape_keeps_its_category_and_says_what_differs() -> None:
    outline = Rect(0, 0, 10, 10, stroke=Stroke("cat.pooling.stroke", 1.2))
    band = Rect(0, 0, 10, 4, fill=Fill("cat.pooling"))
    picture = render_body(Scene(20, 20, (outline, band)), RenderOptions())
    assert "\\path[nnviz/pooling, fill=none, line width=0.9bp] (0,0) rectangle (10,10);" in picture
    assert "\\path[nnviz/pooling, draw=none] (0,0) rectangle (10,4);" in picture


def test_the_picture_is_the_scene_size_in_big_points() -> None:
    picture = render_body(Scene(320.5, 200, ()), RenderOptions())
    assert "\\begin{tikzpicture}[x=0.75bp, y=-0.75bp, " in picture
    assert "\\path[use as bounding box] (0,0) rectangle (320.5,200);" in picture


def test_a_bad_colour_is_an_error_that_says_how_to_write_one() -> None:
    scene = Scene(10, 10, (Rect(0, 0, 5, 5, fill=Fill("tomato")),))
    with pytest.raises(NnvizError, match="write colours as '#rrggbb'"):
        render_body(scene, RenderOptions())


def test_the_formats_are_listed_and_chosen_by_name(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert cli.main(["render", str(RESNET), "-s", "block", "-f", "tikz"]) == 0
    assert b"\\begin{tikzpicture}" in capsysbinary.readouterr().out
    assert {"tex", "tikz"} <= set(nnviz_core.registry.names("nnviz.backends"))


def test_a_face_alone_still_defines_the_style_it_starts_from() -> None:
    face = Rect(0, 0, 5, 5, fill=Fill("cat.dense.top"), stroke=Stroke("cat.dense.stroke"))
    picture = render_body(Scene(10, 10, (face,)), RenderOptions())
    assert "\\tikzset{nnviz/dense/.provide style={fill=nnvizCatDense, " in picture
    assert (
        "\\tikzset{nnviz/dense/top/.provide style={nnviz/dense, fill=nnvizCatDenseTop}}" in picture
    )


def test_a_face_colour_is_a_mix_only_when_it_is_one() -> None:
    from nnviz_core.backends.tikz.styles import _mix_of

    assert _mix_of("#fff4d1", "#ffe8a3") == (50, "white")
    assert _mix_of("#d6c389", "#ffe8a3") == (84, "black")
    assert _mix_of("#123456", "#ffe8a3") is None  # a theme's own tone stays a plain colour


def test_a_theme_gives_the_colours_lines_and_hatches_of_its_svg() -> None:
    """``theme: pastel`` names pastel's colours (dark half with ``mode: dark``); ``print``
    draws the hatches and the grey tones the SVG draws."""
    pastel = nnviz_core.render(str(RESNET), style="block", theme="pastel").to_bytes("tikz")
    colours = dict(DEFINED.findall(pastel.decode()))
    assert colours["nnvizCatConvolution"] == "FACDDC"
    dark = nnviz_core.render(str(RESNET), style="block", theme="pastel", mode="dark")
    assert dict(DEFINED.findall(dark.to_bytes("tikz").decode()))["nnvizCatConvolution"] == "6F4455"
    plain = nnviz_core.render(str(RESNET), style="block").to_bytes("tikz").decode()
    printed = nnviz_core.render(str(RESNET), style="block", theme="print")
    text = printed.to_bytes("tikz").decode()
    greys = [value for value in dict(DEFINED.findall(text)).values()]
    assert all(value[0:2] == value[2:4] == value[4:6] for value in greys)
    hatch = "fill=none, line width=0.65bp, draw opacity=0.5"
    assert hatch not in plain and text.count(hatch) > 50
