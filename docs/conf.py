"""Sphinx configuration of the nnviz documentation, which draws its diagrams with nnviz itself."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

import nnviz_core

project = "nnviz"
author = "nnviz developers"
copyright = "2026, nnviz developers"
release = version = nnviz_core.__version__

extensions = ["myst_parser", "sphinx_nnviz", "nnviz_docgen"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
numfig = True
nitpicky = False

html_theme = "furo"
html_title = f"nnviz {release}"
html_static_path = ["_static"]

nnviz_default_options = {"graph": {"show_shapes": True}}
