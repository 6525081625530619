"""The ``conf.py`` settings reach every diagram, and a directive's own options win."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Build = Callable[..., Any]


def test_default_style_theme_and_options_apply(build: Build) -> None:
    app = build(
        "basic",
        confoverrides={
            "nnviz_default_style": "fcnn",
            "nnviz_theme": "dark",
            "nnviz_default_options": {"graph": {"show-shapes": False, "rankdir": "LR"}},
        },
    )
    assert app.warning.getvalue() == ""
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    chapter = (app.outdir / "chapter/model.html").read_text(encoding="utf-8")
    assert index.count("nnviz-dark") == 2 and "nnviz-auto" not in index
    assert "Feature" in index or "ℝ" in index  # fcnn draws neuron columns labelled ℝⁿ
    assert 'class="nnviz nnviz-' in chapter and "nnviz-dark" in chapter


def test_a_bad_default_option_is_a_located_warning(build: Build) -> None:
    app = build("basic", confoverrides={"nnviz_default_options": {"graph": {"rankdir": "UP"}}})
    warnings = app.warning.getvalue().replace(str(app.srcdir) + "/", "")
    assert "index.rst:10: WARNING: option 'rankdir' expects " in warnings
    assert ", got 'UP' [nnviz.render]" in warnings


def test_graphviz_engine_setting_is_used(build: Build) -> None:
    app = build("basic", confoverrides={"nnviz_graphviz_engine": "/nonexistent/dot"})
    warnings = app.warning.getvalue().replace(str(app.srcdir) + "/", "")
    assert "index.rst:10: WARNING: " in warnings and "/nonexistent/dot" in warnings
