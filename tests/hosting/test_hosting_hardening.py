"""Issue 19 items 1, 5 and 6 through real builds: a page cannot publish a file from outside the
project (or more than an excerpt of one inside it), a damaged cache heals itself, and a cache
folder that cannot be written costs speed only. Sphinx runs through its own test app, MkDocs
through ``mkdocs build``, as the host tests do."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from sphinx.testing.util import SphinxTestApp

import nnviz_core.hosting.cache as hosting_cache

SPEC = """name: Tiny
input: [1, 28, 28]
layers:
  - conv2d: {filters: 4, kernel: 3}
  - flatten
  - dense: 10
"""
#: A secret's lines: a docs build must never show the second one, nor 80+ characters of one.
SECRET = "ssh-rsa " + "A" * 300 + "\nPRIVATE-SECOND-LINE-" + "B" * 200 + "\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file beside the project, not under it (the stand-in for /etc/passwd or ~/.ssh)."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "id_rsa").write_text(SECRET, encoding="utf-8")
    (folder / "net.yaml").write_text(SPEC, encoding="utf-8")
    return folder


def _quoted_runs(text: str) -> list[str]:
    return re.findall(r"A{81,}|B{81,}", text)


# ----------------------------------------------------------------------------------- MkDocs


def _mkdocs_site(root: Path, page: str, plugin: str = "  - nnviz\n") -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    (root / "pyproject.toml").write_text("[project]\nname = 'site'\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        f"site_name: hardening\nmarkdown_extensions:\n  - pymdownx.superfences\nplugins:\n{plugin}",
        encoding="utf-8",
    )
    return config


def _mkdocs_build(config: Path, caplog: pytest.LogCaptureFixture) -> tuple[str, list[str]]:
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.nnviz"):
        build(load_config(config_file=str(config)))
    html = (config.parent / "site" / "index.html").read_text(encoding="utf-8")
    records = [
        f"{r.levelname}: {r.getMessage()}"
        for r in caplog.records
        if r.name == "mkdocs.plugins.nnviz"
    ]
    return html, records


def test_mkdocs_refuses_files_outside_the_project(
    tmp_path: Path, outside: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site = tmp_path / "site"
    link = site / "docs" / "looks-local.yaml"
    page = (
        f'```nnviz file="{outside / "id_rsa"}"\n```\n\n'
        '```nnviz file="../../elsewhere/id_rsa"\n```\n\n'
        '```nnviz file="looks-local.yaml"\n```\n\n'
        f'```nnviz-history file="{outside / "id_rsa"}"\n```\n\n'
        f'```nnviz model="{outside / "net.onnx"}"\n```\n'
    )
    config = _mkdocs_site(site, page)
    link.symlink_to(outside / "id_rsa")  # a link inside the docs is followed before the check
    html, records = _mkdocs_build(config, caplog)
    assert "ssh-rsa" not in html and "PRIVATE" not in html
    assert html.count("nnviz could not draw this diagram") == 5
    warnings = [r for r in records if r.startswith("WARNING")]
    assert len(warnings) == 5
    for record in warnings:
        assert "refusing to read a file outside the docs and project folders" in record
        assert "add its folder to the allowed_roots setting to allow it" in record
        assert "ssh-rsa" not in record


def test_mkdocs_allowed_roots_lets_a_site_read_another_folder(
    tmp_path: Path, outside: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = '```nnviz file="../../elsewhere/net.yaml"\n```\n'
    plugin = "  - nnviz:\n      allowed_roots: [../elsewhere]\n"
    html, records = _mkdocs_build(_mkdocs_site(tmp_path / "site", page, plugin), caplog)
    assert html.count("<svg ") == 1 and not [r for r in records if r.startswith("WARNING")]


def test_mkdocs_error_quotes_only_an_excerpt_of_a_file_inside_the_docs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _mkdocs_site(tmp_path / "site", '```nnviz file="notes.txt"\n```\n')
    (tmp_path / "site" / "docs" / "notes.txt").write_text(SECRET, encoding="utf-8")
    html, records = _mkdocs_build(config, caplog)
    assert "nnviz could not draw this diagram" in html
    assert "PRIVATE" not in html and not _quoted_runs(html)
    assert records and all("PRIVATE" not in r and not _quoted_runs(r) for r in records)


def _damage_each(folder: Path, suffix: str) -> int:
    damaged = 0
    for path in sorted(folder.glob(f"*{suffix}")):
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
        damaged += 1
    return damaged


def _mkdocs_process(config: Path) -> tuple[str, list[str]]:
    """A ``mkdocs build`` in a new process (one process keeps its plugins, and their memory)."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    html = (config.parent / "site" / "index.html").read_text(encoding="utf-8")
    return _without_build_date(html), [line for line in result.stderr.splitlines() if line]


def _without_build_date(html: str) -> str:
    return re.sub(r"<!--\s*MkDocs version.*?-->", "", html, flags=re.DOTALL)


@pytest.mark.parametrize("suffix", [".svg", ".svg.json"])
def test_mkdocs_damaged_cache_is_redrawn_with_one_info_line_each(
    tmp_path: Path, suffix: str
) -> None:
    page = f'```nnviz\n{SPEC}```\n\n```nnviz style="block"\n{SPEC}```\n'
    config = _mkdocs_site(tmp_path / "site", page)
    first, _ = _mkdocs_process(config)
    assert _damage_each(tmp_path / "site" / ".cache" / "nnviz", suffix) == 2
    again, lines = _mkdocs_process(config)
    assert again == first and again.count("</svg>") == 2
    damaged = [line for line in lines if "was damaged; drawing it again" in line]
    assert len(damaged) == 2 and all(line.startswith("INFO") for line in damaged)
    assert any(line.endswith("nnviz: drew 2 diagrams, took 0 from the cache") for line in lines)
    assert not [line for line in lines if line.startswith(("WARNING", "ERROR"))]
    _, healed = _mkdocs_process(config)
    assert any(line.endswith("nnviz: drew 0 diagrams, took 2 from the cache") for line in healed)


@pytest.fixture
def read_only_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every write into a cache folder fails as on a read-only disk (chmod does not stop root)."""
    tried: list[Path] = []

    def refuse(path: Path, data: bytes) -> None:
        tried.append(path)
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(hosting_cache, "write_atomic", refuse)
    yield tried


def test_mkdocs_read_only_cache_falls_back_to_memory(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, read_only_cache: list[Path]
) -> None:
    page = f'```nnviz\n{SPEC}```\n\n```nnviz style="fcnn"\n{SPEC}```\n'
    html, records = _mkdocs_build(_mkdocs_site(tmp_path / "site", page), caplog)
    assert html.count("<svg ") == 2 and len(read_only_cache) == 1
    assert [r for r in records if "cannot write" in r] == [
        f"INFO: nnviz: cannot write the diagram cache {tmp_path / 'site' / '.cache' / 'nnviz'} "
        "(Permission denied); keeping diagrams in memory for this build"
    ]
    assert not [r for r in records if r.startswith(("WARNING", "ERROR"))]


# ----------------------------------------------------------------------------------- Sphinx


def _sphinx_site(root: Path, index: str, conf: str = "") -> Path:
    root.mkdir(parents=True)
    (root / "conf.py").write_text(f'extensions = ["sphinx_nnviz"]\n{conf}', encoding="utf-8")
    (root / "index.rst").write_text(f"Test\n====\n\n{index}", encoding="utf-8")
    return root


def _sphinx_build(srcdir: Path, **kwargs: Any) -> tuple[str, str, str]:
    """(page HTML, warnings, status) of one build into ``srcdir/_build``."""
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build", **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    return html, app.warning.getvalue(), app.status.getvalue()


def test_sphinx_refuses_files_outside_the_project(tmp_path: Path, outside: Path) -> None:
    site = tmp_path / "project" / "docs"
    index = (
        ".. nnviz:: ../../elsewhere/id_rsa\n\n"
        ".. nnviz:: looks-local.yaml\n\n"
        ".. nnviz-history:: ../../elsewhere/id_rsa\n\n"
        ".. nnviz::\n   :model: ../../elsewhere/net.onnx\n"
    )
    _sphinx_site(site, index)
    (site / "looks-local.yaml").symlink_to(outside / "id_rsa")
    html, warnings, _ = _sphinx_build(site)
    lines = [line for line in warnings.splitlines() if "WARNING" in line]
    assert len(lines) == 4, warnings
    for line in lines:
        assert "refusing to read a file outside the docs and project folders" in line
        assert "add its folder to the nnviz_allowed_roots setting to allow it" in line
    assert "ssh-rsa" not in warnings + html and "PRIVATE" not in warnings + html


def test_sphinx_allowed_roots_and_the_project_root(tmp_path: Path, outside: Path) -> None:
    project = tmp_path / "project"
    site = _sphinx_site(
        project / "docs",
        ".. nnviz:: ../../elsewhere/net.yaml\n\n.. nnviz:: ../models/net.yaml\n",
        conf='nnviz_allowed_roots = ["../../elsewhere"]\n',
    )
    (project / "models").mkdir()
    (project / "models" / "net.yaml").write_text(SPEC, encoding="utf-8")
    (project / ".git").mkdir()  # the repository holding the docs is allowed by default
    html, warnings, _ = _sphinx_build(site)
    assert warnings == "" and html.count('<div class="nnviz') == 2


def test_sphinx_error_quotes_only_an_excerpt_of_a_file(tmp_path: Path) -> None:
    site = _sphinx_site(tmp_path / "docs", ".. nnviz:: notes.txt\n")
    (site / "notes.txt").write_text(SECRET, encoding="utf-8")
    _, warnings, _ = _sphinx_build(site)
    assert "WARNING" in warnings and "PRIVATE" not in warnings and not _quoted_runs(warnings)


@pytest.mark.parametrize("suffix", [".svg", ".svg.json"])
def test_sphinx_damaged_cache_is_redrawn(tmp_path: Path, suffix: str) -> None:
    body = "".join(f"   {line}\n" for line in SPEC.splitlines())
    site = _sphinx_site(tmp_path / "docs", f".. nnviz::\n\n{body}")
    first, warnings, _ = _sphinx_build(site)
    assert warnings == ""
    cache = site / "_build" / "doctrees" / "nnviz"
    assert _damage_each(cache, suffix) == 1
    html, warnings, status = _sphinx_build(site, freshenv=True)
    assert warnings == "" and html == first and html.count("</svg>") == 1
    assert status.count("was damaged; drawing it again") == 1
    assert "bug" not in status


def test_sphinx_read_only_cache_keeps_every_diagram(
    tmp_path: Path, read_only_cache: list[Path]
) -> None:
    body = "".join(f"   {line}\n" for line in SPEC.splitlines())
    index = f".. nnviz::\n\n{body}\n.. nnviz::\n   :style: fcnn\n\n{body}"
    site = _sphinx_site(tmp_path / "docs", index)
    html, warnings, status = _sphinx_build(site)
    assert warnings == "" and html.count('<div class="nnviz') == 2
    assert status.count("keeping diagrams in memory for this build") == 1
    assert "bug" not in status
