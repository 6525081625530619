"""PNG and PDF through cairosvg: size, resolution, theme, vector output, reproducibility."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from backend_scenes import small_scene
from PIL import Image

import nnviz_core
from nnviz_core import registry
from nnviz_core.backends.raster import PDF, PNG, PngScaledWarning, with_resolution, without_dates
from nnviz_core.errors import MissingDependencyError, NnvizError
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Fill, Rect, Scene
from nnviz_core.theme import TOKENS


def hex_of(pixel: object) -> str:
    assert isinstance(pixel, tuple)
    return "#" + "".join(f"{channel:02x}" for channel in pixel[:3])


def png_image_of(scene: Scene, **options: object) -> Image.Image:
    return Image.open(io.BytesIO(PNG.render(scene, RenderOptions(**options))))  # type: ignore[arg-type]


def png_image(**options: object) -> Image.Image:
    return png_image_of(small_scene(), **options)


@pytest.mark.parametrize(("dpi", "size"), [(96, (320, 230)), (192, (640, 460)), (48, (160, 115))])
def test_png_size_follows_dpi(dpi: float, size: tuple[int, int]) -> None:
    image = png_image(dpi=dpi)
    assert image.size == size
    # pHYs stores whole pixels per metre: 96 dpi is 3780 px/m, read back as 96.012 dpi.
    assert image.info["dpi"] == pytest.approx((dpi, dpi), abs=0.05)


def test_png_is_transparent_by_default_and_solid_on_request() -> None:
    corner = png_image().convert("RGBA").getpixel((1, 1))
    assert isinstance(corner, tuple) and corner[3] == 0
    light = png_image(background="solid").convert("RGB").getpixel((1, 1))
    dark = png_image(background="solid", theme="dark").convert("RGB").getpixel((1, 1))
    auto = png_image(background="solid", theme="auto").convert("RGB").getpixel((1, 1))
    assert (hex_of(light), hex_of(dark)) == TOKENS["bg"]
    assert auto == light  # files cannot follow a page: auto is light


def test_png_draws_the_scene() -> None:
    image = png_image(dpi=96, background="solid").convert("RGB")
    convolution_fill = TOKENS["cat.convolution"][0]
    inside_card = image.getpixel((75, 75))  # inside the Conv2D card, away from its text
    assert hex_of(inside_card) == convolution_fill


def test_png_is_deterministic() -> None:
    options = RenderOptions(dpi=150)
    assert PNG.render(small_scene(), options) == PNG.render(small_scene(), options)


def test_pdf_is_vector_with_text_and_one_page_of_the_right_size() -> None:
    pdf = PDF.render(small_scene(), RenderOptions())
    assert pdf.startswith(b"%PDF-")
    assert b"/Image" not in pdf  # no embedded bitmap
    assert b"/FontFile2" in pdf  # text stays text, in the embedded DejaVu Sans
    assert b"/MediaBox [ 0 0 240 172.5 ]" in pdf  # 320×230 CSS px at 72/96 points each
    assert b"/CreationDate" not in pdf


def test_pdf_is_identical_across_processes() -> None:
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r});"
        "from backend_scenes import small_scene;"
        "from nnviz_core.backends.raster import PDF;"
        "from nnviz_core.options import RenderOptions;"
        "sys.stdout.buffer.write(PDF.render(small_scene(), RenderOptions()))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=env)
    assert other.stdout == PDF.render(small_scene(), RenderOptions())


def test_dates_are_blanked_without_moving_offsets() -> None:
    pdf = b"<< /Producer (cairo) /CreationDate (D:20261126081022Z) /ModDate (D:2026) >>"
    cleaned = without_dates(pdf)
    assert len(cleaned) == len(pdf)
    assert cleaned.startswith(b"<< /Producer (cairo) ") and cleaned.endswith(b" >>")
    assert cleaned.count(b" ") == len(cleaned) - len(b"<</Producer(cairo)>>")


def test_resolution_chunk_needs_a_png() -> None:
    with pytest.raises(NnvizError, match="not a PNG"):
        with_resolution(b"GIF89a", 96)


@pytest.mark.parametrize(("backend", "what"), [(PNG, "PNG output"), (PDF, "PDF output")])
def test_missing_cairosvg_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, backend: object, what: str
) -> None:
    monkeypatch.setitem(sys.modules, "cairosvg", None)
    with pytest.raises(MissingDependencyError) as caught:
        backend.render(small_scene(), RenderOptions())  # type: ignore[attr-defined]
    assert str(caught.value) == (
        f"{what} needs the optional dependency 'cairosvg', which is not installed; "
        'install it with: pip install "nnviz-docs[raster]"'
    )


def test_backends_are_registered() -> None:
    assert registry.backend("png") is PNG and registry.backend("pdf") is PDF
    assert (PNG.suffix, PNG.media_type, PDF.suffix, PDF.media_type) == (
        ".png",
        "image/png",
        ".pdf",
        "application/pdf",
    )


def test_png_too_large_for_the_converter_is_scaled_down_with_a_warning() -> None:
    tall = Scene(10, 6000, (Rect(0, 0, 10, 6000, fill=Fill("card")),))
    assert png_image_of(tall, dpi=500).size == (52, 31250)  # fits: drawn as asked
    with pytest.warns(PngScaledWarning) as caught:
        image = png_image_of(tall, dpi=600)
    assert [str(warning.message) for warning in caught] == [
        "a PNG of this 10×6000 px diagram at 600 dpi would be 37500 pixels long, more than the "
        "32767 the converter supports; drawn scaled to 0.87× (524.27 dpi) instead; write SVG or "
        "PDF to keep every detail"
    ]
    assert image.size == (55, 32767)
    # It records the resolution drawn, so documents still place it at its intended size.
    assert image.info["dpi"] == pytest.approx((524.27, 524.27), abs=0.05)


def test_png_is_two_pixels_per_css_pixel_by_default() -> None:
    image = png_image()
    assert image.size == (640, 460)
    assert image.info["dpi"] == pytest.approx((192, 192), abs=0.05)


def _chain(layers: int) -> str:
    lines = ["name: Long chain", "input: [64]", "layers:"]
    return "\n".join([*lines, *[f"  - dense: {{units: 64, name: fc{i}}}" for i in range(layers)]])


def test_tall_graph_saves_to_png_scaled_to_fit(tmp_path: Path) -> None:
    """200 layers in a column: 22,500 CSS px tall, 45,000 pixels at the default 2×."""
    diagram = nnviz_core.render(_chain(200), style="graph")
    with pytest.warns(PngScaledWarning, match=r"drawn scaled to 0\.\d\d× \([\d.]+ dpi\)"):
        saved = diagram.save(tmp_path / "chain.png")
    with Image.open(saved) as image:
        assert 32700 <= image.height <= 32767  # as large as the converter allows
        scale = image.height / diagram.scene.height
        assert image.width == pytest.approx(diagram.scene.width * scale, abs=1)


def test_cli_says_a_png_was_scaled(tmp_path: Path) -> None:
    spec = tmp_path / "chain.yaml"
    spec.write_text(_chain(200), encoding="utf-8")
    target = tmp_path / "chain.png"
    command = [sys.executable, "-m", "nnviz_core", "render", str(spec), "-o", str(target)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnviz: warning: a PNG of this ")
    assert " px diagram at 192 dpi would be " in lines[0]
    assert "more than the 32767 the converter supports; drawn scaled to 0." in lines[0]
    assert target.read_bytes().startswith(b"\x89PNG")
