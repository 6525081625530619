"""Sphinx configuration of the nnviz documentation, which draws its diagrams with nnviz itself."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))
sys.path.insert(0, str(Path(__file__).parent / "models"))  # digits_cnn, drawn in activations.rst

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
html_css_files = ["theme-gallery.css"]  # the theme gallery's light | dark pairs

nnviz_default_options = {"graph": {"show_shapes": True}}

# The PDF (`make docs-pdf`): the text has Unicode pdflatex cannot set (′ ⌊ ⌋ ⌈ ⌉ − ≥ ∈ ℝ ⊕), so
# LuaLaTeX with DejaVu Sans, the diagrams' font, which has each of those glyphs in every face
# (DejaVu Serif has no ℝ in bold or italic). tests/docs/test_docs_pdf.py checks none is missing.
latex_engine = "lualatex"
latex_documents = [("index", "nnviz.tex", "nnviz", author, "manual")]
_FACES = "Extension=.ttf, UprightFont=*, BoldFont=*-Bold, ItalicFont=*-Oblique"
latex_elements = {
    "fontpkg": rf"""
\setmainfont{{DejaVuSans}}[{_FACES}, BoldItalicFont=*-BoldOblique]
\setsansfont{{DejaVuSans}}[{_FACES}, BoldItalicFont=*-BoldOblique]
\setmonofont{{DejaVuSansMono}}[Scale=0.9, {_FACES}, BoldItalicFont=*-BoldOblique]
""",
}
