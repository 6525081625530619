"""The project's own documentation builds with -W, with generated references and the gallery."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from nnviz_core import registry

DOCS = Path(__file__).resolve().parents[2] / "docs"
EXAMPLES = DOCS.parent / "examples"


def test_docs_site_builds_warning_free_with_every_example(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(DOCS), str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    options = (tmp_path / "options.html").read_text(encoding="utf-8")
    for style in registry.names("nnviz.styles"):
        assert f'<span class="pre">{style}</span></code>: ' in options
    assert "nnviz render" in (tmp_path / "cli.html").read_text(encoding="utf-8")
    front = (tmp_path / "gallery" / "index.html").read_text(encoding="utf-8")
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert front.count('<div class="nnviz') == len(examples)
    for example in examples:
        page = (tmp_path / "gallery" / f"{example.stem}.html").read_text(encoding="utf-8")
        assert page.count('<div class="nnviz') >= 2, example.name
