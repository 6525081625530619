"""Text too small for the page column is a MkDocs warning (``--strict`` fails) at the fence.

The lenet style is replaced by one that draws a 2880 px strip of 10 px text, so the numbers do
not move when the real layouts learn to fit their canvas.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from nnviz_core import registry
from nnviz_core.scene import Scene, text

PAGE = """# Canvas

```nnviz style="lenet"
name: Strip
input: [8]
layers:
  - dense: 4
```

```nnviz style="lenet" fit="none"
name: Natural
input: [8]
layers:
  - dense: 4
```
"""

HELP = (
    "to keep the lenet diagram legible, draw fewer layers with `elide: true`, or, if it is "
    "shown wider than that, say how wide (`width: 2880`; on a docs site, the site's `width` "
    "setting); `fit: none` draws it at its natural size without this check"
)


@pytest.fixture(autouse=True)
def strip(monkeypatch: pytest.MonkeyPatch) -> None:
    def layout(self: Any, graph: Any, options: Any) -> Scene:
        return Scene(2880.0, 200.0, (text(20, 20, graph.name, size=10.0),), title=graph.name)

    monkeypatch.setattr(type(registry.style("lenet")), "layout", layout)


def _build(root: Path, settings: str = "", strict: bool = True) -> None:
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    config = f"site_name: canvas\nplugins:\n  - nnviz:\n      cache: false\n{settings}"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    build(load_config(config_file=str(root / "mkdocs.yml"), strict=strict))


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_strict_build_fails_with_the_size_floor_and_options_at_the_fence(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort, match=r"Aborted with 1 warnings in strict mode!"):
        _build(tmp_path)
    assert _warnings(caplog) == [
        "nnviz: index.md:3: its 10 px text reads at 2.5 px once this 2880×200 px drawing is "
        "shrunk to fit a 720 px page column, below the 9 px floor there; " + HELP
    ]  # the fit="none" fence is not checked


def test_the_width_setting_is_the_column_and_the_warning_can_be_turned_off(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _build(tmp_path, "      width: 1440\n", strict=False)
    (warning,) = _warnings(caplog)
    assert "reads at 5.0 px once this 2880×200 px drawing is shrunk to fit a 1440 px" in warning
    caplog.clear()
    _build(tmp_path, "      readability_warnings: false\n")
    assert _warnings(caplog) == []


def test_a_fence_width_narrower_than_the_column_is_its_canvas(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _build(tmp_path, strict=False)
    page = PAGE.replace('```nnviz style="lenet"\n', '```nnviz style="lenet" width="50%"\n', 1)
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    caplog.clear()
    build(load_config(config_file=str(tmp_path / "mkdocs.yml"), strict=False))
    (warning,) = _warnings(caplog)
    assert "reads at 1.2 px once this 2880×200 px drawing is shrunk to fit a 360 px" in warning


def test_the_markdown_extension_takes_the_width_setting(caplog: pytest.LogCaptureFixture) -> None:
    import markdown

    configs = {"mkdocs_nnviz": {"width": 960}}
    html = markdown.markdown(PAGE, extensions=["mkdocs_nnviz"], extension_configs=configs)
    assert html.count("<svg") == 2
    (warning,) = _warnings(caplog)
    assert warning.startswith(
        "nnviz: <markdown>:3: its 10 px text reads at 3.3 px once this 2880×200 px drawing is "
        "shrunk to fit a 960 px page column"
    )
