"""Real ``mkdocs build`` runs of a Material site with fences in pages, admonitions and tabs."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

import nnviz_core
from mkdocs_nnviz.plugin import NnvizPlugin, add_custom_fence

CONFIG = """site_name: nnviz test
validation:
  anchors: warn  # figure ids must count as anchors
theme:
  name: material
  palette:
    - scheme: default
      toggle: {icon: material/weather-night, name: Dark}
    - scheme: slate
      toggle: {icon: material/weather-sunny, name: Light}
markdown_extensions:
  - admonition
  - attr_list
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
plugins:
  - nnviz:
      default_options:
        graph: {legend: false}
"""

SPEC = """name: Tiny
input: [1, 28, 28]
layers:
  - conv2d: {filters: 4, kernel: 3, activation: relu}
  - flatten
  - dense: {units: 10, activation: softmax}
"""

PAGE = f"""---
title: Diagrams
---
# Diagrams

```nnviz caption="Plain" id="fig-plain"
{SPEC}```

See [the first figure](#fig-plain).

!!! note "Admonition"

    ```nnviz style="fcnn" caption="In an admonition"
{"".join("    " + line + chr(10) for line in SPEC.splitlines())}    ```

=== "From a file"

    ```nnviz file="models/tiny.yaml" caption="In a tab"
    ```

=== "Other"

    Text.
"""

BROKEN = """---
title: Broken
---
# Broken

```nnviz
name: Broken
input: [1, 28, 28]
layers:
  - conv2: {filters: 4, kernel: 3}
```

```nnviz caption="Still drawn"
name: Fine
input: [8]
layers:
  - dense: 4
```
"""


def make_site(root: Path, pages: dict[str, str], config: str = CONFIG) -> Path:
    (root / "docs" / "models").mkdir(parents=True)
    (root / "docs" / "models" / "tiny.yaml").write_text(SPEC, encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root / "mkdocs.yml"


def run_build(config_file: Path, strict: bool = True) -> Path:
    config = load_config(config_file=str(config_file), strict=strict)
    build(config)
    return Path(config.site_dir)


def diagrams(html: str) -> int:
    """How many nnviz SVGs a page holds (Material's icons are inline SVGs too)."""
    return len(re.findall(r'<svg [^>]*class="nnviz nnviz-', html))


def summary(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("nnviz: drew")]


def test_strict_material_build_draws_every_fence(tmp_path: Path) -> None:
    site = run_build(make_site(tmp_path, {"index.md": PAGE}))
    html = (site / "index.html").read_text(encoding="utf-8")
    assert diagrams(html) == 3
    for caption in ("Plain", "In an admonition", "In a tab"):
        assert f"<figcaption>{caption}</figcaption>" in html
    assert 'id="fig-plain"' in html
    assert re.search(r'<link rel="stylesheet" href="assets/nnviz/nnviz.css">', html)
    css = (site / "assets" / "nnviz" / "nnviz.css").read_text(encoding="utf-8")
    assert '[data-md-color-scheme="slate"] .nnviz-auto' in css
    assert 'html[data-bs-theme="dark"] .nnviz-auto' in css  # the default mkdocs theme
    assert "@media (prefers-color-scheme: dark)" in css or "prefers-color-scheme:dark" in css
    assert ".nnviz-figure .nnviz-diagram" in css


def test_second_build_draws_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file = make_site(tmp_path, {"index.md": PAGE})
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.nnviz"):
        first = (run_build(config_file) / "index.html").read_text(encoding="utf-8")

        def refuse(*args: Any, **kwargs: Any) -> None:
            raise AssertionError("a cached diagram was drawn again")

        monkeypatch.setattr(nnviz_core, "render", refuse)
        second = (run_build(config_file) / "index.html").read_text(encoding="utf-8")
    assert summary(caplog) == [
        "nnviz: drew 3 diagrams, took 0 from the cache",
        "nnviz: drew 0 diagrams, took 3 from the cache",
    ]
    assert first == second
    assert len(list((tmp_path / ".cache" / "nnviz").glob("*.svg"))) == 3


def test_changing_one_fence_redraws_only_that_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = make_site(tmp_path, {"index.md": PAGE})
    run_build(config_file)
    page = tmp_path / "docs" / "index.md"
    page.write_text(PAGE.replace('caption="Plain"', 'caption="Plain" legend="true"'))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.nnviz"):
        run_build(config_file)
    assert summary(caplog) == ["nnviz: drew 1 diagrams, took 2 from the cache"]


def test_full_build_prunes_diagrams_no_page_uses(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = make_site(tmp_path, {"index.md": PAGE})
    run_build(config_file)
    page = tmp_path / "docs" / "index.md"
    page.write_text(PAGE.replace('caption="Plain"', 'caption="Plain" legend="true"'))
    config = load_config(config_file=str(config_file), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.nnviz"):
        build(config)
    removed = [r.getMessage() for r in caplog.records if "removed" in r.getMessage()]
    assert removed == ["nnviz: removed 1 diagrams no page uses from the cache"]
    assert len(list((tmp_path / ".cache" / "nnviz").glob("*.svg"))) == 3


def test_broken_fence_fails_strict_with_page_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = make_site(tmp_path, {"index.md": PAGE, "broken.md": BROKEN})
    with pytest.raises(Abort, match=r"Aborted with 1 warnings in strict mode!"):
        run_build(config_file)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    (warning,) = warnings
    # front matter counts: the bad op sits on line 10, column 5 of broken.md
    assert warning == "nnviz: broken.md:10:5: unknown op 'conv2' (did you mean 'conv2d'?)"


def test_error_inside_an_admonition_points_into_the_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = (
        "---\ntitle: Nested\n---\n# Nested\n\n!!! note\n\n"
        "    ```nnviz\n"
        "    name: Broken\n"
        "    input: [1, 28, 28]\n"
        "    layers:\n"
        "      - conv2: {filters: 4, kernel: 3}\n"
        "    ```\n"
    )
    with pytest.raises(Abort):
        run_build(make_site(tmp_path, {"index.md": page}))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    # the fence opens on line 8 and the bad op is its 4th line: line 12; the op sits in
    # column 5 of the spec, which the admonition indents by 4
    assert warnings == ["nnviz: index.md:12:9: unknown op 'conv2' (did you mean 'conv2d'?)"]


def test_windows_line_ends_keep_the_line_numbers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = make_site(tmp_path, {})
    (tmp_path / "docs" / "index.md").write_bytes(BROKEN.replace("\n", "\r\n").encode())
    with pytest.raises(Abort):
        run_build(config_file)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == ["nnviz: index.md:10:5: unknown op 'conv2' (did you mean 'conv2d'?)"]


def test_non_strict_build_shows_an_error_box_and_the_other_diagrams(tmp_path: Path) -> None:
    site = run_build(make_site(tmp_path, {"index.md": BROKEN}), strict=False)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<div class="nnviz-figure nnviz-error" role="alert">' in html
    message = "index.md:10:5: unknown op &#x27;conv2&#x27; (did you mean &#x27;conv2d&#x27;?)"
    assert f"<pre>{message}</pre>" in html
    assert "<figcaption>Still drawn</figcaption>" in html
    assert diagrams(html) == 1


def test_default_theme_without_superfences_nested_page_and_plain_urls(tmp_path: Path) -> None:
    config = (
        "site_name: plain\nuse_directory_urls: false\n"
        "plugins:\n  - nnviz:\n      default_style: fcnn\n      theme: dark\n"
    )
    page = "# Plain\n\n```nnviz\n" + SPEC + "```\n"
    config_file = make_site(tmp_path, {"index.md": "# Home\n"}, config)
    (tmp_path / "docs" / "sub").mkdir()
    (tmp_path / "docs" / "sub" / "page.md").write_text(page, encoding="utf-8")
    site = run_build(config_file)
    html = (site / "sub" / "page.html").read_text(encoding="utf-8")
    assert diagrams(html) == 1
    assert "nnviz-figure--fcnn" in html and "nnviz-dark" in html
    assert 'href="../assets/nnviz/nnviz.css"' in html
    assert (site / "assets" / "nnviz" / "nnviz.css").is_file()


def test_bad_plugin_settings_stop_the_build_with_the_reason(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = CONFIG.replace("graph: {legend: false}", "graph: {legnd: false}")
    config_file = make_site(tmp_path, {"index.md": "# x\n"}, config)
    with pytest.raises(Abort, match="Aborted with a BuildError!"):
        run_build(config_file)
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors[0].startswith(
        "nnviz plugin: unknown option 'legnd' for style 'graph' in the default options of "
        "style 'graph' (did you mean 'legend'?); known options: "
    )


def test_graphviz_engine_setting_reaches_the_graph_style(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = "site_name: e\nplugins:\n  - nnviz:\n      graphviz_engine: nope-engine\n"
    page = "# E\n\n```nnviz\n" + SPEC + '```\n\n```nnviz style="block"\n' + SPEC + "```\n"
    site = run_build(make_site(tmp_path, {"index.md": page}, config), strict=False)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "nnviz: index.md:3: Graphviz engine 'nope-engine' was not found; install one with "
        "`pip install graphviz-pure` (or `apt-get install graphviz`), or set the engine option "
        "to the path of a Graphviz dot command"
    ]
    assert diagrams((site / "index.html").read_text(encoding="utf-8")) == 1  # block needs none


def test_plugin_settings_reach_a_custom_fence_the_user_configured(tmp_path: Path) -> None:
    config = CONFIG.replace(
        "  - pymdownx.superfences\n",
        "  - pymdownx.superfences:\n      custom_fences:\n        - name: nnviz\n"
        "          class: nnviz\n"
        "          format: !!python/name:mkdocs_nnviz.fence_format\n"
        "          validator: !!python/name:mkdocs_nnviz.fence_validator\n",
    ).replace("  - nnviz:\n", "  - nnviz:\n      default_style: block\n")
    page = '!!! note\n\n    ```nnviz file="models/tiny.yaml"\n    ```\n'
    site = run_build(make_site(tmp_path, {"index.md": page}, config))
    html = (site / "index.html").read_text(encoding="utf-8")
    assert diagrams(html) == 1 and "nnviz-figure--block" in html


@pytest.mark.parametrize(
    ("config", "page", "hint"),
    [
        (
            CONFIG,
            "# H\n\n```nnviz style=block\n" + SPEC + "```\n",
            'superfences did not accept its header; quote every value, e.g. style="block"',
        ),
        (
            "site_name: plain\nmarkdown_extensions: [admonition]\nplugins: [nnviz]\n",
            "# H\n\n!!! note\n\n    ```nnviz\n    name: x\n    ```\n",
            "fences inside admonitions, tabs or lists need pymdownx.superfences in "
            "markdown_extensions",
        ),
    ],
)
def test_a_fence_markdown_never_passed_on_is_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, config: str, page: str, hint: str
) -> None:
    with pytest.raises(Abort, match="Aborted with 1 warnings in strict mode!"):
        run_build(make_site(tmp_path, {"index.md": page}, config))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    line = page.split("\n").index(next(x for x in page.split("\n") if "```nnviz" in x)) + 1
    assert warnings == [f"nnviz: index.md:{line}: this nnviz fence was not drawn: {hint}"]


@pytest.mark.parametrize(
    ("theme", "setting", "expected"),
    [
        ("{name: material}", "auto", "nnviz-light"),
        ("{name: readthedocs}", "auto", "nnviz-light"),
        ("{name: material, palette: {scheme: slate}}", "auto", "nnviz-auto"),
        ("{name: mkdocs, color_mode: auto}", "auto", "nnviz-auto"),
        ("{name: material}", "dark", "nnviz-dark"),
    ],
)
def test_auto_theme_is_light_on_site_themes_without_dark_mode(
    tmp_path: Path, theme: str, setting: str, expected: str
) -> None:
    config = f"site_name: t\ntheme: {theme}\nplugins:\n  - nnviz:\n      theme: {setting}\n"
    site = run_build(
        make_site(tmp_path, {"index.md": "# T\n\n```nnviz\n" + SPEC + "```\n"}, config)
    )
    html = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<svg [^>]*class="nnviz nnviz-\w+ {expected}"', html)


def test_user_custom_fence_is_kept_and_ours_added_once() -> None:
    mine = {"name": "nnviz", "class": "mine", "format": print}
    configs: dict[str, Any] = {"pymdownx.superfences": {"custom_fences": [mine]}}
    add_custom_fence(configs)
    assert configs["pymdownx.superfences"]["custom_fences"] == [mine]
    empty: dict[str, Any] = {}
    add_custom_fence(empty)
    add_custom_fence(empty)
    assert [f["name"] for f in empty["pymdownx.superfences"]["custom_fences"]] == ["nnviz"]


class FakeServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_spec_files_read_with_file(tmp_path: Path) -> None:
    config = load_config(config_file=str(make_site(tmp_path, {"index.md": PAGE})))
    build(config)
    plugin = config.plugins["nnviz"]
    assert isinstance(plugin, NnvizPlugin)
    server = FakeServer()
    plugin.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert server.watched == [str((tmp_path / "docs" / "models" / "tiny.yaml").resolve())]


def test_cli_strict_build_fails_on_a_broken_fence(tmp_path: Path) -> None:
    config_file = make_site(tmp_path, {"index.md": BROKEN})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    warning = "WARNING -  nnviz: index.md:10:5: unknown op 'conv2' (did you mean 'conv2d'?)\n"
    assert warning in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr
