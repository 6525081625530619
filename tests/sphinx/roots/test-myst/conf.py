extensions = ["myst_parser", "sphinx_nnviz"]
exclude_patterns = ["_build"]
numfig = True
version = "1.0"
copyright = "2026, nnviz"
