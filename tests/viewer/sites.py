"""The two docs sites the browser tests open: a Sphinx site (Furo) and a MkDocs Material site.

Each has several diagrams on one page: ResNet-18 from a file (folded repeats and collapsed
groups, so it carries finer levels), a small inline network, the same small network again (a
repeat on the page, with ids of its own), and a page without diagrams.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESNET = ROOT / "examples" / "resnet18.yaml"

SMALL = """name: Small
input: [1, 28, 28]
layers:
  - conv2d: {filters: 8, kernel: 3, activation: relu}
  - maxpool2d: 2
  - flatten
  - dense: {units: 10, activation: softmax, note: "class scores <b>&</b>"}
"""

SPHINX_CONF = """extensions = ["sphinx_nnviz"]
project = "viewer test"
html_theme = "furo"
exclude_patterns = ["_build"]
"""

SPHINX_INDEX = f"""Diagrams
========

.. toctree::

   plain

.. nnviz:: resnet18.yaml
   :caption: ResNet-18

Some text between the diagrams.

.. nnviz::

{"".join("   " + line + chr(10) for line in SMALL.splitlines())}
The same network again:

.. nnviz::

{"".join("   " + line + chr(10) for line in SMALL.splitlines())}"""

SPHINX_PLAIN = """Plain
=====

A page without diagrams.
"""

MKDOCS_CONFIG = """site_name: viewer test
use_directory_urls: false
theme:
  name: material
  font: false
  palette:
    - scheme: default
      toggle: {icon: material/weather-night, name: Dark}
    - scheme: slate
      toggle: {icon: material/weather-sunny, name: Light}
markdown_extensions:
  - pymdownx.superfences
plugins:
  - nnviz
nav:
  - index.md
  - plain.md
"""

MKDOCS_INDEX = f"""# Diagrams

```nnviz file="resnet18.yaml" caption="ResNet-18"
```

Some text between the diagrams.

```nnviz
{SMALL}```

The same network again:

```nnviz
{SMALL}```
"""


def _run(command: list[str], cwd: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")


def build_sphinx(folder: Path) -> Path:
    """Build the Sphinx site with warnings as errors (``sphinx -W``); its HTML folder."""
    source = folder / "src"
    source.mkdir(parents=True)
    (source / "conf.py").write_text(SPHINX_CONF, encoding="utf-8")
    (source / "index.rst").write_text(SPHINX_INDEX, encoding="utf-8")
    (source / "plain.rst").write_text(SPHINX_PLAIN, encoding="utf-8")
    shutil.copy(RESNET, source / "resnet18.yaml")
    out = folder / "html"
    _run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(source), str(out)], folder)
    return out


def build_mkdocs(folder: Path, instant: str = "") -> Path:
    """Build the MkDocs Material site with ``mkdocs build --strict``; its site folder.

    ``instant``: the address the site will be served at, to build it with Material's instant
    navigation (which swaps pages in for the links its sitemap lists under that address).
    """
    docs = folder / "docs"
    docs.mkdir(parents=True)
    config = MKDOCS_CONFIG
    if instant:
        config = f"site_url: {instant}\n" + config.replace(
            "  font: false\n", "  font: false\n  features: [navigation.instant]\n"
        )
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    (docs / "index.md").write_text(MKDOCS_INDEX, encoding="utf-8")
    (docs / "plain.md").write_text("# Plain\n\nA page without diagrams.\n", encoding="utf-8")
    shutil.copy(RESNET, docs / "resnet18.yaml")
    out = folder / "site"
    _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)], folder)
    return out
