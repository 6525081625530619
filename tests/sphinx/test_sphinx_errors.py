"""Every mistake is a located ``nnviz`` warning; -W fails; a broken diagram never stops others."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Build = Callable[..., Any]


def _warnings(app: Any) -> list[str]:
    """Warning lines with the source directory cut off and colours stripped."""
    text = app.warning.getvalue().replace(str(app.srcdir) + "/", "")
    return [
        line for line in text.replace("\x1b[91m", "").replace("\x1b[39;49;00m", "").splitlines()
    ]


def test_each_error_is_a_warning_at_its_line(build: Build) -> None:
    app = build("errors")
    assert _warnings(app) == [
        "index.rst:9: WARNING: unknown op 'conv2' (did you mean 'conv2d'?) [nnviz.render]",
        "bad.yaml:5: WARNING: dense: unknown argument 'activtion' (did you mean 'activation'?); "
        "its arguments are: units, use_bias, activation, in_features [nnviz.render]",
        "index.rst:13: WARNING: nnviz spec file 'missing.yaml' not found (looked for "
        "missing.yaml); paths are relative to the document, or to the source "
        "directory with a leading / [nnviz.source]",
        "index.rst:15: WARNING: nnviz directive takes one source but got a file argument and "
        "inline YAML content; keep only one [nnviz.source]",
        "index.rst:19: WARNING: nnviz directive without a source: write the YAML spec as its "
        "content, give a .yaml file as its argument, or use :model: [nnviz.source]",
        "index.rst:21: WARNING: model 'mypackage.models:build_classifier': no module named "
        "'mypackage'; check the spelling, and that its package is installed or its directory is "
        "on sys.path (PYTHONPATH, or sys.path in Sphinx's conf.py) [nnviz.source]",
        "index.rst:26: WARNING: unknown style 'graff' (did you mean 'graph'?); available: "
        "block, fcnn, graph, history, lenet [nnviz.render]",
        "index.rst:33: WARNING: option 'legend' expects bool, got 'maybe' [nnviz.render]",
        "index.rst:57: WARNING: unknown op 'dens' (did you mean 'dense'?) [nnviz.render]",
        "index.rst:59: WARNING: :input-shape: is only used with :model:; remove it [nnviz.source]",
        "index.rst:66: WARNING: nnviz spec file 'latin1.yaml' cannot be read as UTF-8 text: "
        "'utf-8' codec can't decode byte 0xff in position 8: invalid start byte [nnviz.source]",
    ]
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert html.count('<div class="nnviz') == 2 and "Survivor" in html and "Stray" in html


def test_warning_is_error_fails_the_build(build: Build) -> None:
    assert build("errors", warningiserror=True).statuscode == 1
    assert build("basic", warningiserror=True).statuscode == 0


def test_myst_fences_render_number_and_locate_errors(build: Build) -> None:
    app = build("myst")
    assert _warnings(app) == [
        "index.md:21: WARNING: unknown op 'densse' (did you mean 'dense'?) [nnviz.render]",
        "index.md:32: WARNING: unknown op 'densse' (did you mean 'dense'?) [nnviz.render]",
    ]
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert html.count('<div class="nnviz') == 1
    assert "Fig. 1 </span>" in html and "An MLP from Markdown." in html
    assert '<span class="std std-numref">Fig. 1</span>' in html


def test_a_bug_in_nnviz_is_a_warning_not_a_crash(build: Build, monkeypatch: Any) -> None:
    import nnviz_core.hosting.draw as hosting_draw

    real = hosting_draw.diagram

    def failing(request: hosting_draw.Request) -> Any:
        if (request.file or "").endswith("mlp.yaml"):  # the Tiny MLP
            raise ZeroDivisionError("boom")
        return real(request)

    monkeypatch.setattr(hosting_draw, "diagram", failing)
    app = build("basic")
    assert _warnings(app) == [
        "chapter/model.rst:4: WARNING: nnviz failed on this diagram with ZeroDivisionError: "
        "boom; this is a bug in nnviz or in a plug-in, not in your spec: please report it with "
        "the spec that fails [nnviz.internal]",
        "chapter/model.rst:8: WARNING: undefined label: 'mlp-from-file' [ref.ref]",
    ]
    assert (app.outdir / "index.html").read_text(encoding="utf-8").count('<div class="nnviz') == 2
