"""The plugin's ``theme`` and ``mode`` reach every fence; a fence's own ``theme`` wins; the cache
key follows the theme file's text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from nnviz_core.hosting import Host, HostSettings, Request
from nnviz_core.theming import load

SPEC = (
    "name: Tiny\ninput: [1, 28, 28]\nlayers:\n  - conv2d: {filters: 4, kernel: 3}\n  - dense: 10\n"
)
BRAND = 'extends: pastel\ncolors:\n  light: {cat.convolution: "#ff99cc"}\n'


def built(tmp_path: Path, plugin: str, page: str, theme: str = "{name: mkdocs}") -> str:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    (tmp_path / "look").mkdir()
    (tmp_path / "look" / "brand.yaml").write_text(BRAND, encoding="utf-8")
    config = f"site_name: t\ntheme: {theme}\nplugins:\n  - nnviz:\n{plugin}"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    loaded = load_config(config_file=str(tmp_path / "mkdocs.yml"), strict=True)
    build(loaded)
    return (Path(loaded.site_dir) / "index.html").read_text(encoding="utf-8")


def test_plugin_theme_file_and_mode_reach_fences_and_a_fence_overrides(tmp_path: Path) -> None:
    page = f'# T\n\n```nnviz\n{SPEC}```\n\n```nnviz theme="print" mode="dark"\n{SPEC}```\n'
    html = built(tmp_path, "      theme: look/brand.yaml\n      mode: light\n", page)
    assert 'fill="#ff99cc"' in html  # brand's own convolution colour
    assert 'fill="#fff8fb"' not in html  # transparent background: the page shows through
    grey = load("print").tokens["cat.convolution"][1]
    assert f'fill="{grey}"' in html
    classes = re.findall(r'<svg [^>]*class="nnviz nnviz-\w+ (nnviz-\w+)"', html)
    assert classes == ["nnviz-light", "nnviz-dark"]


def test_a_named_theme_is_drawn_light_on_a_site_theme_without_dark_mode(tmp_path: Path) -> None:
    html = built(
        tmp_path, "      theme: colorblind\n", f"# T\n\n```nnviz\n{SPEC}```\n", "readthedocs"
    )
    assert re.search(r'<svg [^>]*class="nnviz nnviz-\w+ nnviz-light"', html)
    assert load("colorblind").tokens["cat.convolution"][0] in html


def test_the_cache_key_follows_the_theme_files_text(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text("extends: print\n", encoding="utf-8")
    (tmp_path / "mine.yaml").write_text("extends: base.yaml\n", encoding="utf-8")
    host = Host(HostSettings(theme="mine.yaml", theme_base=tmp_path))
    request = Request(style="graph", text=SPEC)
    first = host.key(request)
    assert host.key(request) == first
    (tmp_path / "base.yaml").write_text("extends: pastel\n", encoding="utf-8")  # two files down
    second = host.key(request)
    assert second != first
    own = Request(style="graph", text=SPEC, options=(("theme", "print"),))
    assert host.key(own) not in (first, second)
    drawn = host.draw(request)
    assert load("pastel").tokens["cat.convolution"][0] in drawn.svg


def test_a_theme_may_extend_only_files_the_site_may_read(tmp_path: Path) -> None:
    from nnviz_core.errors import SpecError
    from nnviz_core.hosting import FilePolicy

    (tmp_path / "site").mkdir()
    (tmp_path / "elsewhere.yaml").write_text("extends: print\n", encoding="utf-8")
    (tmp_path / "site" / "mine.yaml").write_text("extends: ../elsewhere.yaml\n", encoding="utf-8")
    host = Host(
        HostSettings(theme="mine.yaml", theme_base=tmp_path / "site"),
        policy=FilePolicy((tmp_path / "site",)),
    )
    with pytest.raises(SpecError) as caught:
        host.key(Request(style="graph", text=SPEC))
    assert str(caught.value) == (
        f"{tmp_path}/site/mine.yaml:1:10: ../elsewhere.yaml: refusing to read a "
        f"file outside the docs and project folders ({tmp_path}/elsewhere.yaml); add its folder "
        "to the allowed_roots setting to allow it"
    )
