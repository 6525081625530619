"""Decks open and draw in a real presentation program: LibreOffice Impress renders every slide.

The test set-up installs Debian's ``libreoffice-impress`` and ``poppler-utils`` when they are
missing; the tests are skipped, with the reason, only when that install is impossible.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pptx_checks import small_scene, tall_scene

from nnviz_core.backends.pptx import BACKEND
from nnviz_core.options import RenderOptions
from nnviz_core.slides import build_deck

pytestmark = pytest.mark.libreoffice

_PACKAGES = ("libreoffice-impress", "poppler-utils")


def _install() -> str | None:
    """Install the renderers if needed; the reason they are unavailable, or None."""
    if shutil.which("soffice") and shutil.which("pdftoppm"):
        return None
    if not shutil.which("apt-get"):
        return "soffice/pdftoppm missing and no apt-get to install libreoffice-impress"
    command = ["apt-get", "install", "-y", "--no-install-recommends", *_PACKAGES]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not shutil.which("soffice"):
        return f"could not install {' '.join(_PACKAGES)}: {done.stderr.strip()[-300:]}"
    return None


@pytest.fixture(scope="module")
def slides_to_png(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    reason = _install()
    if reason:
        pytest.skip(reason)
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(deck: bytes, name: str) -> list[Path]:
        folder = tmp_path_factory.mktemp(name)
        source = folder / f"{name}.pptx"
        source.write_bytes(deck)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        subprocess.run(
            ["pdftoppm", "-r", "48", "-png", str(folder / f"{name}.pdf"), str(folder / "slide")],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return sorted(folder.glob("slide*.png"))

    return convert


def _inked(path: Path) -> float:
    """Fraction of pixels that differ clearly from the slide's corner (background) colour."""
    image = Image.open(path).convert("RGB")
    plain = Image.new("RGB", image.size, image.getpixel((1, 1)))
    difference = ImageChops.difference(image, plain).convert("L")
    far = difference.point(lambda value: 255 if value > 24 else 0).histogram()[255]
    return far / (image.size[0] * image.size[1])


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_slide_renders_with_ink(slides_to_png, theme: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.warns(UserWarning, match="too large for readable text"):
        deck = BACKEND.render(tall_scene(12), RenderOptions(theme=theme))
    [image] = slides_to_png(deck, f"tall-{theme}")  # one slide, never cut into pieces
    assert _inked(image) > 0.01, image.name


def _ink_box(path: Path) -> tuple[int, int, int, int]:
    """Left, top, right, bottom of what is drawn below the title band (the slide's top 15%)."""
    image = Image.open(path).convert("L")
    width, height = image.size
    band = image.crop((0, round(height * 0.15), width, height))
    box = band.point(lambda value: 255 if value < 200 else 0).getbbox()
    assert box is not None, path.name
    return box[0], box[1] + round(height * 0.15), box[2], box[3] + round(height * 0.15)


def test_a_wide_network_is_one_slide_fitted_to_its_box(slides_to_png) -> None:  # type: ignore[no-untyped-def]
    """The autoencoder laid out for the slide fills its content box; nothing spills off."""
    import nnviz_core

    spec = Path(__file__).parents[2] / "examples" / "autoencoder.yaml"
    [image] = slides_to_png(nnviz_core.render(spec, "fcnn").to_bytes("pptx"), "autoencoder")
    width, height = Image.open(image).size
    left, _top, right, bottom = _ink_box(image)
    margin = width * 0.4 / 13.333  # the 0.4 inch margins
    assert left >= margin - 2 and right <= width - margin + 2
    assert bottom <= height - margin + 2
    assert right - left >= 0.85 * (width - 2 * margin)  # fills the box's width


def test_small_diagram_fills_the_slide(slides_to_png) -> None:  # type: ignore[no-untyped-def]
    [image] = slides_to_png(BACKEND.render(small_scene(), RenderOptions()), "small")
    picture = Image.open(image).convert("L")
    width, height = picture.size
    ink = [(x, y) for x in range(width) for y in range(height) if picture.getpixel((x, y)) < 200]
    xs = [x for x, _ in ink]
    assert min(xs) < width * 0.4 and max(xs) > width * 0.6  # centred, spread across the slide


def test_examples_deck_every_slide_drawn(slides_to_png) -> None:  # type: ignore[no-untyped-def]
    # fcnn slides hold thousands of edge shapes that take poppler seconds each to rasterise;
    # their shapes are checked one by one in test_pptx_examples.py instead.
    examples = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
    deck = build_deck(examples, styles=["graph", "block", "lenet"])
    images = slides_to_png(deck.data, "examples")
    assert len(images) == deck.slides > len(examples)
    blank = [image.name for image in images if _inked(image) < 0.005]
    assert blank == []
