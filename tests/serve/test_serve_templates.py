"""The templates of a scratch spec are the project's examples, read from their one home
(``examples/``) in a checkout and from the copy a built package carries; "save as" rules."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from serving import LENET, ROOT

from nnviz_core.serve.page import scratch
from nnviz_core.serve.sources import Served
from nnviz_core.serve.templates import templates

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def test_the_templates_are_the_examples_lenet_first() -> None:
    found = templates()
    assert {t.key: t.text for t in found} == {
        p.stem: p.read_text(encoding="utf-8") for p in EXAMPLES
    }
    assert found[0].key == "lenet5" and found[0].title == "LeNet-5"
    assert {"ResNet-18", "U-Net", "VGG-16"} <= {t.title for t in found}


def _island(html: str) -> dict[str, Any]:
    found = re.search(r'<script id="nnviz-serve-file" type="application/json">(.*?)</script>', html)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_the_scratch_page_starts_from_the_chosen_template_or_lenet() -> None:
    page = _island(scratch("unet"))
    assert page["scratch"] is True and page["template"] == "unet"
    assert [t["key"] for t in page["templates"]] == [t.key for t in templates()]
    assert page["templates"][0]["text"] == (ROOT / "examples/lenet5.yaml").read_text("utf-8")
    assert _island(scratch("../etc/passwd"))["template"] == "lenet5"


def test_the_built_package_carries_the_examples_byte_for_byte(tmp_path: Path) -> None:
    """Built from a copy of the checkout, so the build leaves the checkout untouched."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in ("nnviz_core", "sphinx_nnviz", "mkdocs_nnviz", "examples"):
        shutil.copytree(
            ROOT / package,
            source / package,
            ignore=shutil.ignore_patterns("__pycache__", "node_modules", "mkdocs-site"),
        )
    command = [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps"]
    subprocess.run(
        [*command, "--no-build-isolation", "-q", "-w", str(tmp_path / "dist")],
        check=True,
        capture_output=True,
    )
    [wheel] = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        packaged = {
            Path(name).name: archive.read(name)
            for name in archive.namelist()
            if name.startswith("nnviz_core/examples/")
        }
    assert packaged == {p.name: p.read_bytes() for p in EXAMPLES}


@pytest.mark.parametrize(
    ("name", "refusal"),
    [
        ("../up.yaml", "../up.yaml: cannot save as this; give a name ending in .yaml"),
        ("/tmp/abs.yaml", "/tmp/abs.yaml: cannot save as this; give a name ending in .yaml"),
        ("notes.txt", "notes.txt: cannot save as this; give a name ending in .yaml"),
        ("", "(no name): cannot save as this; give a name ending in .yaml"),
        ("missing/net.yaml", "missing/net.yaml: there is no folder missing/ to save in"),
        ("taken.yaml", "taken.yaml already exists; choose another name"),
    ],
)
def test_save_as_refuses_names_outside_the_folder_and_existing_files(
    tmp_path: Path, name: str, refusal: str
) -> None:
    (tmp_path / "taken.yaml").write_text("kept\n", encoding="utf-8")
    refused = Served(tmp_path, None, scratch=True).save_as(name, LENET)
    assert refused is not None and refused.startswith(refusal)
    assert (tmp_path / "taken.yaml").read_text(encoding="utf-8") == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.yaml"]


def test_save_as_writes_a_new_spec_in_the_folder(tmp_path: Path) -> None:
    (tmp_path / "nets").mkdir()
    assert Served(tmp_path, None, scratch=True).save_as("nets/mine.yaml", LENET) is None
    assert (tmp_path / "nets" / "mine.yaml").read_text(encoding="utf-8") == LENET
    assert [p.name for p in (tmp_path / "nets").iterdir()] == ["mine.yaml"]  # no temporary left
