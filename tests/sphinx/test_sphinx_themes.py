"""``nnviz_theme`` / ``nnviz_mode`` in ``conf.py`` reach every diagram; ``:theme:`` wins."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nnviz_core.theming import load

Build = Callable[..., Any]
ROOTS = Path(__file__).parent / "roots"
BRAND = 'name: brand\nextends: default\ncolors:\n  dark: {cat.convolution: "#7a2d55"}\n'
OVERRIDE = """

Printed:

.. nnviz::
   :theme: print
   :mode: light

   name: Printed
   input: [1, 32, 32]
   layers:
     - conv2d: {filters: 6, kernel: 5}
     - dense: 10
"""


def site(tmp_path: Path) -> Path:
    """A copy of the basic root with a theme file beside ``conf.py`` and an overriding page."""
    srcdir = tmp_path / "basic"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    (srcdir / "themes").mkdir()
    (srcdir / "themes" / "brand.yaml").write_text(BRAND, encoding="utf-8")
    with (srcdir / "index.rst").open("a", encoding="utf-8") as index:
        index.write(OVERRIDE)
    return srcdir


def test_conf_theme_file_and_mode_reach_the_drawing_and_a_directive_overrides(
    build: Build, tmp_path: Path
) -> None:
    site(tmp_path)
    app = build("basic", confoverrides={"nnviz_theme": "themes/brand.yaml", "nnviz_mode": "dark"})
    assert app.warning.getvalue() == ""
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert index.count('fill="#7a2d55"') >= 2  # both LeNet diagrams, in brand's dark half
    assert index.count("nnviz-dark") >= 2
    grey = load("print").tokens["cat.convolution"][0]
    assert f'fill="{grey}"' in index and "nnviz-light" in index  # the directive's own theme


def test_a_bad_theme_setting_warns_at_each_diagram_it_applies_to(
    build: Build, tmp_path: Path
) -> None:
    site(tmp_path)
    app = build("basic", confoverrides={"nnviz_theme": "prnt"})
    warnings = app.warning.getvalue().replace(str(app.srcdir) + "/", "")
    message = (
        "WARNING: unknown theme 'prnt' (did you mean 'print'?); built-in themes: colorblind, "
        "default, pastel, print, slides, or the path of a theme file (.yaml, .yml, .json) "
        "[nnviz.render]"
    )
    assert f"index.rst:10: {message}" in warnings
    assert f"chapter/model.rst:4: {message}" in warnings
    assert warnings.count("unknown theme") == 3  # not the diagram with its own theme
