"""The example site under ``examples/mkdocs-site`` builds with ``--strict``: every example in
every style that applies, the containers page and the generated reference."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from nnviz_core import registry
from nnviz_core.hosting import network_styles

SITE = Path(__file__).resolve().parents[2] / "examples" / "mkdocs-site"


def test_example_site_builds_strict(tmp_path: Path) -> None:
    config = load_config(config_file=str(SITE / "mkdocs.yml"), strict=True, site_dir=str(tmp_path))
    build(config)
    lenet = (tmp_path / "gallery" / "lenet5" / "index.html").read_text(encoding="utf-8")
    styles = registry.names("nnviz.styles")
    drawn = len(re.findall(r'<svg [^>]*class="nnviz nnviz-', lenet))
    assert drawn == len(network_styles())
    containers = (tmp_path / "containers" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<svg [^>]*class="nnviz nnviz-', containers)) == 4
    reference = (tmp_path / "reference" / "index.html").read_text(encoding="utf-8")
    assert all(f'id="{style}"' in reference for style in styles)
