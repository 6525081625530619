# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install system-deps demo test lint typecheck pytest goldens bench docs docs-pdf docs-pdf-tikz fuzz clean assets

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[all,dev]"
	touch $(STAMP)

demo: install
	$(BIN)/python tools/demo.py examples build/demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

system-deps:
	bash tools/system-deps.sh

pytest: install system-deps
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

goldens: install
	$(BIN)/python -m pytest -q --update-goldens

docs: install
	$(BIN)/sphinx-build -E -W -b html docs build/docs

# The docs as a PDF (LuaLaTeX), failing on any glyph the fonts lack; tests/docs runs the same build.
docs-pdf: install system-deps
	$(BIN)/python tools/docs_pdf.py build/docs-pdf

# The same PDF with every diagram as TikZ code the document inputs (nnviz_latex_format = "tikz").
docs-pdf-tikz: install system-deps
	$(BIN)/python tools/docs_pdf.py --tikz build/docs-pdf-tikz

# The fuzz suite's deep profile: N inputs in total (tests/fuzz/profiles.py), fresh each run; prints
# inputs, drawings, refusals, crashes and hangs (> 5 s), and fails on any crash or hang.
NNVIZ_FUZZ_EXAMPLES ?= 100000
fuzz: install
	NNVIZ_FUZZ_EXAMPLES=$(NNVIZ_FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/fuzz -q -p no:randomly

# The viewer's page script (nnviz_core/viewer/nnviz-viewer.js), rebuilt from viewer/src with the
# versions pinned in viewer/package-lock.json, and `nnviz serve`'s page script with CodeMirror
# (nnviz_core/serve/nnviz-serve.js and its licences) from serve-ui/src: the same sources give the
# same bytes, so after `make assets` on an unchanged checkout `git status` shows no change.
# Needs node 20 and npm.
assets:
	cd viewer && npm ci --no-audit --no-fund --loglevel=error
	cd viewer && npx eslint .
	cd viewer && node build.mjs
	cd serve-ui && npm ci --no-audit --no-fund --loglevel=error
	cd serve-ui && npx eslint .
	cd serve-ui && node build.mjs

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
