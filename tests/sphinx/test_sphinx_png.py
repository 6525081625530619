"""A PNG drawn smaller than asked (past the converter's 32,767 pixels) is a located Sphinx
warning, said again when a later build copies the cached file, and never a Python warning.

Texinfo is the builder that takes PNG. The root's chain of 200 layers at ``fit: none`` is one
column 22,500 CSS px tall: 45,000 pixels at the default 192 dpi.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image

Build = Callable[..., Any]

#: Raised as an error, a Python warning would turn into an "internal" Sphinx warning.
pytestmark = pytest.mark.filterwarnings("error::nnviz_core.backends.raster.PngScaledWarning")

SCALED = re.compile(
    r"index\.rst:7: WARNING: a PNG of this \d+×22\d\d\d(\.\d)? px diagram at 192 dpi "
    r"would be 4\d\d\d\d pixels long, more than the 32767 the converter supports; "
    r"drawn scaled to 0\.7\d× \(1\d\d\.\d\d dpi\) instead; write SVG or PDF to keep "
    r"every detail \[nnviz\.png-scaled\]"
)


def _warnings(app: Any) -> list[str]:
    value = str(app.warning.getvalue()).replace(str(app.srcdir) + "/", "")
    return value.replace("\x1b[91m", "").replace("\x1b[39;49;00m", "").splitlines()


def _pngs(app: Any) -> list[Any]:
    return sorted(app.outdir.rglob("nnviz-*.png"))


def test_texinfo_warns_at_the_directive_and_again_from_the_cache(build: Build) -> None:
    first = build("tallpng", "texinfo")
    (warning,) = _warnings(first)
    assert SCALED.fullmatch(warning), warning
    heights = []
    for path in _pngs(first):
        with Image.open(path) as image:
            heights.append(image.height)
    assert len(heights) == 2 and 32700 <= max(heights) <= 32767  # as large as it can be
    again = build("tallpng", "texinfo", freshenv=True)  # pages read again, files from the cache
    assert _warnings(again) == [warning]


def test_the_warning_fails_w_and_suppress_warnings_drops_it(build: Build) -> None:
    assert build("tallpng", "texinfo", warningiserror=True).statuscode == 1
    for suppressed in ("nnviz.png-scaled", "nnviz"):
        app = build(
            "tallpng", "texinfo", freshenv=True, confoverrides={"suppress_warnings": [suppressed]}
        )
        assert _warnings(app) == []
        assert len(_pngs(app)) == 2


def test_html_draws_no_png_and_says_nothing(build: Build) -> None:
    app = build("tallpng", "html")
    assert _warnings(app) == [] and _pngs(app) == []
