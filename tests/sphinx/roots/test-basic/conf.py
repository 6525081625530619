extensions = ["sphinx_nnviz"]
exclude_patterns = ["_build"]
numfig = True
project = "nnviz test"
version = "1.0"
copyright = "2026, nnviz"
