extensions = ["sphinx_nnviz"]
exclude_patterns = ["_build"]
project = "nnviz tall png test"
version = "1.0"
copyright = "2026, nnviz"
