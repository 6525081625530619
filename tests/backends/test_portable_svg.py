"""SVG files drawn by other programs: cairosvg and librsvg see the plain colours of the theme.

A written SVG keeps its theme rules for browsers, but converters without CSS custom properties
must skip them and draw the presentation colours; before, cairosvg drew every card black with
black text. Each example style is rasterized by cairosvg and by ``rsvg-convert`` (Debian
``librsvg2-bin``, installed by ``tools/system-deps.sh``) and its pixels are checked against the
theme: transparent background, the category fill and the text colour present, nothing black,
and the same picture as the plain form nnviz converts to PNG itself.
"""

from __future__ import annotations

import io
import math
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cairosvg
import numpy as np
import pytest
from PIL import Image

import nnviz_core
from nnviz_core.api import Diagram
from nnviz_core.backends.svg import render_svg
from nnviz_core.history import plot_history
from nnviz_core.options import RenderOptions
from nnviz_core.theme import TOKENS

EXAMPLES = Path(__file__).parents[2] / "examples"
EPOCHS = 12


def _curve(start: float, end: float) -> list[float]:
    return [round(end + (start - end) * math.exp(-epoch / 3), 4) for epoch in range(EPOCHS)]


def _history(**options: Any) -> Diagram:
    log = {
        "loss": _curve(1.2, 0.08),
        "val_loss": _curve(1.3, 0.35),
        "accuracy": _curve(0.42, 0.97),
        "val_accuracy": _curve(0.40, 0.90),
    }
    return plot_history(log, **options)


def _example(name: str, style: str) -> Callable[..., Diagram]:
    return lambda **options: nnviz_core.render(EXAMPLES / name, style=style, **options)


#: style -> (draw it, a token it fills large areas or lines with)
STYLES: dict[str, tuple[Callable[..., Diagram], str]] = {
    "graph": (_example("lenet5.yaml", "graph"), "cat.convolution"),
    "block": (_example("lenet5.yaml", "block"), "cat.convolution"),
    "lenet": (_example("lenet5.yaml", "lenet"), "cat.convolution"),
    "fcnn": (_example("mlp.yaml", "fcnn"), "cat.dense"),
    "history": (_history, "series.train"),
}
THEMES = {"auto": 0, "dark": 1}  # index of the token value a file of that theme draws
#: Drawn at twice the size (as PNG is by default), so thin text has solid pixels to count.
ZOOM = 2


def _rsvg(svg: bytes) -> bytes:
    program = shutil.which("rsvg-convert")
    if program is None:
        pytest.fail("rsvg-convert is missing: run tools/system-deps.sh (Debian librsvg2-bin)")
    command = [program, "--format=png", f"--zoom={ZOOM}"]
    done = subprocess.run(command, input=svg, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout


def _cairosvg(svg: bytes) -> bytes:
    return bytes(cairosvg.svg2png(bytestring=svg, scale=ZOOM))


RENDERERS: dict[str, Callable[[bytes], bytes]] = {"cairosvg": _cairosvg, "rsvg": _rsvg}


def _pixels(png: bytes) -> np.ndarray[Any, Any]:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def _rgb(colour: str) -> np.ndarray[Any, Any]:
    return np.array([int(colour[index : index + 2], 16) for index in (1, 3, 5)])


def _count(pixels: np.ndarray[Any, Any], colour: str, tolerance: int = 6) -> int:
    """Opaque pixels within ``tolerance`` of ``colour`` on every channel."""
    close = np.abs(pixels[..., :3] - _rgb(colour)).max(axis=-1) <= tolerance
    return int((close & (pixels[..., 3] == 255)).sum())


@pytest.fixture(scope="module")
def drawn() -> dict[tuple[str, str], Diagram]:
    return {
        (style, theme): draw(theme=theme) for style, (draw, _) in STYLES.items() for theme in THEMES
    }


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("style", STYLES)
def test_svg_file_draws_its_theme_in_converters(
    drawn: dict[tuple[str, str], Diagram], style: str, theme: str, renderer: str
) -> None:
    diagram = drawn[style, theme]
    pixels = _pixels(RENDERERS[renderer](diagram.to_bytes("svg")))
    value = THEMES[theme]
    height, width = pixels.shape[:2]
    assert abs(width - diagram.scene.width * ZOOM) <= 1.5
    assert abs(height - diagram.scene.height * ZOOM) <= 1.5
    assert pixels[1, 1, 3] == 0, "the background is transparent, not painted"
    token = STYLES[style][1]
    assert _count(pixels, TOKENS[token][value]) >= 200, f"no {token} drawn"
    assert _count(pixels, TOKENS["fg"][value], tolerance=12) >= 300, "no text drawn"
    black = (pixels[..., :3].max(axis=-1) <= 12) & (pixels[..., 3] > 128)
    assert black.mean() < 0.001, f"{black.mean():.1%} of the picture is black"


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("style", STYLES)
def test_svg_file_looks_like_the_plain_form(
    drawn: dict[tuple[str, str], Diagram], style: str, theme: str, renderer: str
) -> None:
    """The file as converters see it equals what nnviz itself writes as PNG, up to the
    renderers' anti-aliasing."""
    diagram = drawn[style, theme]
    options = RenderOptions(theme=theme)  # type: ignore[arg-type]
    plain = _pixels(_cairosvg(render_svg(diagram.scene, options, themed=False).encode()))
    shown = _pixels(RENDERERS[renderer](diagram.to_bytes("svg")))
    # librsvg rounds the pixel size where cairo truncates: compare the common area.
    assert np.abs(np.subtract(shown.shape, plain.shape)).max() <= 1
    height, width = min(shown.shape[0], plain.shape[0]), min(shown.shape[1], plain.shape[1])
    change = np.abs(shown[:height, :width] - plain[:height, :width]).sum(axis=-1)
    differ = (change > 100).mean()
    assert differ < (0.001 if renderer == "cairosvg" else 0.05), f"{differ:.2%} of pixels differ"


def test_solid_background_is_the_theme_background_in_converters() -> None:
    for theme, value in THEMES.items():
        svg = _example("lenet5.yaml", "graph")(theme=theme, background="solid").to_bytes("svg")
        for render in RENDERERS.values():
            corner = _pixels(render(svg))[1, 1]
            assert tuple(corner) == (*_rgb(TOKENS["bg"][value]), 255)
