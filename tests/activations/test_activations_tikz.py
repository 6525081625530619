"""TikZ draws a picture as the blocks of colour it holds, so a .tex file needs no PNG beside it."""

from __future__ import annotations

import io

import pytest

PIL = pytest.importorskip("PIL")
from PIL import Image as Pillow  # noqa: E402

from nnviz_core.backends.tikz import render_body  # noqa: E402
from nnviz_core.backends.tikz.pictures import cells  # noqa: E402
from nnviz_core.options import RenderOptions  # noqa: E402
from nnviz_core.scene import Image, Scene, Stroke  # noqa: E402


def _png(rows: list[list[tuple[int, int, int]]], factor: int) -> bytes:
    picture = Pillow.new("RGB", (len(rows[0]), len(rows)))
    picture.putdata([pixel for row in rows for pixel in row])
    big = picture.resize(
        (picture.width * factor, picture.height * factor), Pillow.Resampling.NEAREST
    )
    buffer = io.BytesIO()
    big.save(buffer, format="PNG")
    return buffer.getvalue()


RED, BLUE, GREY = (200, 0, 0), (0, 0, 200), (90, 90, 90)


def test_enlarged_pixels_become_one_block_each() -> None:
    image = Image(10, 20, 30, 20, _png([[RED, BLUE, RED], [GREY, GREY, BLUE]], factor=6))
    found = cells(image)
    assert len(found) == 6
    assert found[0] == (10, 20, 10, 10, RED)
    assert found[-1] == (30, 30, 10, 10, BLUE)


def test_equal_neighbouring_rows_and_columns_merge() -> None:
    image = Image(0, 0, 20, 20, _png([[RED, RED], [RED, RED]], factor=3))
    assert cells(image) == [(0, 0, 20, 20, RED)]


def test_the_tikz_picture_fills_each_block_and_frames_the_picture() -> None:
    png = _png([[RED, BLUE]], factor=4)
    scene = Scene(40, 30, (Image(5, 5, 20, 10, png, stroke=Stroke("fg", 0.8)),))
    body = render_body(scene, RenderOptions())
    assert "\\fill[fill={rgb,255:red,200;green,0;blue,0}] (5,5) rectangle (15,15);" in body
    assert "\\fill[fill={rgb,255:red,0;green,0;blue,200}] (15,5) rectangle (25,15);" in body
    assert "(5,5) rectangle (25,15);" in body.split("\\fill")[-1]  # the border, drawn last
