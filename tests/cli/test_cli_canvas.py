"""``nnviz render`` draws for a canvas (``-O fit=…``, ``-O width=…``) and says when its text is
too small there: one ``nnviz: warning:`` line, the diagram written all the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from nnviz_core import cli, registry
from nnviz_core.scene import Scene, text

ROOT = Path(__file__).resolve().parents[2]
MLP = ROOT / "examples" / "mlp.yaml"


def nnviz(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "nnviz_core", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("width=100", "nnviz: error: option 'width' must be at least 200, got 100.0"),
        ("width=wide", "nnviz: error: option 'width' expects float | none, got 'wide'"),
        (
            "fit=poster",
            "nnviz: error: option 'fit' expects page | slide | paper | none, got 'poster'",
        ),
    ],
)
def test_bad_canvas_options_are_one_line_errors(
    tmp_path: Path, assignment: str, message: str
) -> None:
    result = nnviz("render", str(MLP), "-O", assignment, "-o", str(tmp_path / "x.svg"))
    assert (result.returncode, result.stderr.strip()) == (1, message)


def test_canvas_options_reach_the_style(tmp_path: Path) -> None:
    result = nnviz(
        "render", str(MLP), "-O", "fit=slide", "-O", "width=1600", "-o", str(tmp_path / "x.svg")
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.svg").read_text(encoding="utf-8").startswith("<svg")


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, float | None]]:
    """The lenet style draws a 2880 px strip of 10 px text, noting the fit and width it got."""
    calls: list[tuple[str, float | None]] = []

    def layout(self: Any, graph: Any, options: Any) -> Scene:
        calls.append((options.fit, options.width))
        return Scene(2880.0, 200.0, (text(20, 20, graph.name, size=10.0),), title=graph.name)

    monkeypatch.setattr(type(registry.style("lenet")), "layout", layout)
    return calls


def test_text_too_small_for_the_canvas_is_one_warning_line(
    tmp_path: Path, seen: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.svg"
    assert cli.main(["render", str(MLP), "-s", "lenet", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("<svg")
    assert capsys.readouterr().err == (
        "nnviz: warning: MLP 784-512-512-10: its 10 px text reads at 2.5 px once this "
        "2880×200 px drawing is shrunk to fit a 720 px page column, below the 9 px floor "
        "there; to keep the lenet diagram legible, draw fewer layers with `elide: true`, or, "
        "if it is shown wider than that, say how wide (`width: 2880`; on a docs site, the "
        "site's `width` setting); `fit: none` draws it at its natural size without this check\n"
    )
    assert seen == [("page", None)]


@pytest.mark.parametrize(
    ("options", "fit", "width"), [(["fit=none"], "none", None), (["width=2880"], "page", 2880)]
)
def test_a_canvas_that_fits_or_fit_none_says_nothing(
    tmp_path: Path,
    seen: list[Any],
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    fit: str,
    width: float | None,
) -> None:
    flags = [part for option in options for part in ("-O", option)]
    assert cli.main(["render", str(MLP), "-s", "lenet", *flags, "-o", str(tmp_path / "x.svg")]) == 0
    assert capsys.readouterr().err == ""
    assert seen == [(fit, width)]


def test_a_pptx_file_is_judged_on_its_slide_not_on_a_page(tmp_path: Path) -> None:
    wide = ROOT / "examples" / "resnet18.yaml"
    result = nnviz("render", str(wide), "-s", "block", "-o", str(tmp_path / "r.pptx"))
    assert result.returncode == 0
    assert "page column" not in result.stderr
    page = nnviz("render", str(wide), "-s", "block", "-o", str(tmp_path / "r.svg"))
    assert ("page column" in page.stderr) == ("page column" in _page_warning(wide))


def _page_warning(spec: Path) -> str:
    import warnings

    import nnviz_core

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nnviz_core.render(spec, style="block")
    return " ".join(str(w.message) for w in caught)
