"""PNG and PDF backends: the SVG converted by ``cairosvg`` (the ``raster`` extra).

Files cannot follow a page's theme, so ``theme: auto`` draws them light; ask for ``theme: dark``
to get dark files. The converter reads the plain form of the SVG (concrete colours, no style
sheet) and draws with the same DejaVu Sans the layouts measured. PNG is ``dpi / 96`` device pixels
per CSS pixel and records its resolution, so documents place it at its intended size; PDF stays
vector (text as text, no embedded bitmaps) at 72 points per 96 CSS pixels. Both are byte-for-byte
reproducible: cairo's PDF creation date is blanked out.
"""

from __future__ import annotations

import math
import re
import struct
import zlib
from types import ModuleType

from nnviz_core.backends.svg import render_svg
from nnviz_core.errors import MissingDependencyError, NnvizError, OptionError
from nnviz_core.limits import MAX_PNG_PIXELS
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Scene

__all__ = ["PDF", "PNG", "PdfBackend", "PngBackend"]

_CSS_DPI = 96.0
#: cairo's largest image side, in device pixels.
_MAX_SIDE = 32767
_PDF_DATES = re.compile(rb"/(?:CreationDate|ModDate)\s*\([^)]*\)")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _cairosvg(what: str) -> ModuleType:
    """The converter, or an error that says how to install it."""
    try:
        import cairosvg
    except ImportError as error:
        raise MissingDependencyError(what, "raster", "cairosvg") from error
    except OSError as error:  # cairocffi is there but the system's cairo library is not
        raise NnvizError(
            f"{what} needs the cairo graphics library, which could not be loaded ({error}); "
            "install it with your system's package manager, e.g. apt-get install libcairo2"
        ) from error
    module: ModuleType = cairosvg
    return module


def check_png_size(scene: Scene, dpi: float) -> None:
    """Refuse, with the largest dpi that fits, a PNG that cairo cannot allocate, or that
    would take more than :data:`~nnviz_core.limits.MAX_PNG_PIXELS` (memory while drawing)."""
    longest = max(scene.width, scene.height)
    if longest * dpi / _CSS_DPI > _MAX_SIDE:
        fitting = math.floor(_MAX_SIDE * _CSS_DPI / longest)
        raise OptionError(
            f"a PNG of this {scene.width:g}×{scene.height:g} px diagram at {dpi:g} dpi would be "
            f"{math.ceil(longest * dpi / _CSS_DPI)} pixels long, more than the {_MAX_SIDE} "
            f"the converter supports; use dpi {fitting} or less, or write SVG or PDF instead"
        )
    pixels = scene.width * scene.height * (dpi / _CSS_DPI) ** 2
    if pixels > MAX_PNG_PIXELS:
        fitting = math.floor(_CSS_DPI * math.sqrt(MAX_PNG_PIXELS / (scene.width * scene.height)))
        raise OptionError(
            f"a PNG of this {scene.width:g}×{scene.height:g} px diagram at {dpi:g} dpi would "
            f"have {pixels / 1e6:,.0f} million pixels, more than the {MAX_PNG_PIXELS / 1e6:,.0f} "
            f"million nnviz draws; use dpi {fitting} or less, or write SVG or PDF instead"
        )


def _plain_svg(scene: Scene, options: RenderOptions) -> bytes:
    return render_svg(scene, options, themed=False).encode("utf-8")


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def with_resolution(png: bytes, dpi: float) -> bytes:
    """The PNG with a ``pHYs`` chunk recording ``dpi`` (placed right after the header)."""
    if not png.startswith(_PNG_SIGNATURE):
        raise NnvizError("the PNG converter returned something that is not a PNG")
    header_end = len(_PNG_SIGNATURE) + 8 + 13 + 4  # length, type, IHDR data, CRC
    per_metre = round(dpi / 0.0254)
    phys = _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
    return png[:header_end] + phys + png[header_end:]


def without_dates(pdf: bytes) -> bytes:
    """The PDF with its creation and modification dates blanked (same length, offsets intact)."""
    return _PDF_DATES.sub(lambda match: b" " * len(match.group(0)), pdf)


class PngBackend:
    """PNG at ``RenderOptions.dpi`` (96 dpi = one pixel per CSS pixel)."""

    name = "png"
    suffix = ".png"
    media_type = "image/png"

    def render(self, scene: Scene, options: RenderOptions) -> bytes:
        check_png_size(scene, options.dpi)
        cairosvg = _cairosvg("PNG output")
        png = cairosvg.svg2png(bytestring=_plain_svg(scene, options), scale=options.dpi / _CSS_DPI)
        return with_resolution(bytes(png), options.dpi)


class PdfBackend:
    """Vector PDF, one page the size of the diagram."""

    name = "pdf"
    suffix = ".pdf"
    media_type = "application/pdf"

    def render(self, scene: Scene, options: RenderOptions) -> bytes:
        cairosvg = _cairosvg("PDF output")
        return without_dates(bytes(cairosvg.svg2pdf(bytestring=_plain_svg(scene, options))))


PNG = PngBackend()
PDF = PdfBackend()
