"""PNG and PDF backends: the SVG converted by ``cairosvg`` (the ``raster`` extra).

Files cannot follow a page's light/dark switch, so ``mode: auto`` draws the theme's light half;
ask for ``mode: dark`` (or ``theme: dark``) to get dark files. The converter reads the plain form
of the SVG (concrete colours, no style sheet) and finds the theme's font through fontconfig, the
font the layouts measured. PNG is ``dpi / 96`` device pixels
per CSS pixel (2 by default) and records its resolution, so documents place it at its intended
size; one too large for cairo is drawn at the largest resolution that fits, with a warning. PDF
stays vector (text as text, no embedded bitmaps) at 72 points per 96 CSS pixels. Both are
byte-for-byte reproducible: cairo's PDF creation date is blanked out.
"""

from __future__ import annotations

import math
import re
import struct
import warnings
import zlib
from types import ModuleType

from nnviz_core.backends.svg import render_svg
from nnviz_core.errors import MissingDependencyError, NnvizError
from nnviz_core.limits import MAX_PNG_PIXELS
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Scene

__all__ = ["PDF", "PNG", "PdfBackend", "PngBackend", "PngScaledWarning", "png_dpi"]

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


class PngScaledWarning(UserWarning):
    """A PNG was drawn smaller than its ``dpi`` asked, so that it could be drawn at all.

    Docs hosts carry it as a note of the file (see :mod:`nnviz_core.hosting.draw`) and warn
    with it at the diagram, from the cache too; ``kind`` is what they call it (Sphinx:
    ``nnviz.png-scaled``, which ``suppress_warnings`` accepts).
    """

    kind = "png-scaled"

    @property
    def note(self) -> str:
        """The remark as a host shows it at the diagram: it names no source, so all of it."""
        return str(self)


def png_dpi(scene: Scene, dpi: float) -> float:
    """The resolution a PNG of ``scene`` is drawn at: ``dpi``, or, past what cairo can allocate
    (32,767 pixels a side) or :data:`~nnviz_core.limits.MAX_PNG_PIXELS` (memory while drawing),
    the largest that fits, with a :class:`PngScaledWarning` naming the scale. A picture smaller
    than asked is better than no picture; SVG and PDF keep every detail."""
    longest, area = max(scene.width, scene.height), scene.width * scene.height
    by_side = _MAX_SIDE * _CSS_DPI / longest
    by_pixels = _CSS_DPI * math.sqrt(MAX_PNG_PIXELS / area) if area > 0 else math.inf
    fitting = min(by_side, by_pixels)
    if dpi <= fitting:
        return dpi
    used = math.floor(fitting * 100) / 100  # two decimals, rounded down so it still fits
    if by_side <= by_pixels:
        reason = (
            f"would be {math.ceil(longest * dpi / _CSS_DPI)} pixels long, more than the "
            f"{_MAX_SIDE} the converter supports"
        )
    else:
        pixels = area * (dpi / _CSS_DPI) ** 2
        reason = (
            f"would have {pixels / 1e6:,.0f} million pixels, more than the "
            f"{MAX_PNG_PIXELS / 1e6:,.0f} million nnviz draws"
        )
    warnings.warn(
        PngScaledWarning(
            f"a PNG of this {scene.width:g}×{scene.height:g} px diagram at {dpi:g} dpi {reason}; "
            f"drawn scaled to {used / dpi:.2f}× ({used:g} dpi) instead; write SVG or PDF to "
            "keep every detail"
        ),
        stacklevel=4,
    )
    return used


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
    """PNG at ``RenderOptions.dpi`` (96 dpi = one pixel per CSS pixel; the default 192 draws
    two, sharp on HiDPI screens), scaled down to fit the converter when it is too large."""

    name = "png"
    suffix = ".png"
    media_type = "image/png"

    def render(self, scene: Scene, options: RenderOptions) -> bytes:
        cairosvg = _cairosvg("PNG output")
        dpi = png_dpi(scene, options.dpi)
        png = cairosvg.svg2png(bytestring=_plain_svg(scene, options), scale=dpi / _CSS_DPI)
        return with_resolution(bytes(png), dpi)


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
