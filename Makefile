# diplowatch — every target sets itself up: `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DEMO_DB := build/demo.duckdb
SAMPLE := src/diplowatch/data/sample

AXE    := build/node/node_modules/axe-core/axe.min.js

.PHONY: setup demo test test-fast fuzz bench eval train lint format browser axe clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
	    || echo "note: chromium could not be installed; browser tests will be skipped"; \
	  else echo "note: run 'sudo apt-get install chromium' for the browser tests"; fi; }

# axe-core (MPL-2.0), the accessibility checker the browser tests run, from npm into build/node (not committed).
axe: $(AXE)

$(AXE):
	@command -v npm >/dev/null 2>&1 && npm install --silent --no-audit --no-fund --prefix build/node axe-core@4 \
	  || echo "note: npm is absent; the accessibility checks will be skipped"

demo: setup
	@mkdir -p build
	$(BIN)/diplowatch run $(SAMPLE) --db $(DEMO_DB)
	$(BIN)/diplowatch stats --db $(DEMO_DB)
	$(BIN)/diplowatch watch afghanistan-recognition --db $(DEMO_DB)
	$(BIN)/diplowatch report afghanistan-recognition --db $(DEMO_DB) --out build/report.html
	@echo "Open the report: xdg-open build/report.html   (live dashboard: $(BIN)/diplowatch serve --db $(DEMO_DB))"

test: setup browser axe
	$(BIN)/python -m pytest -q

# The edit-test loop: no browser, no ../shared corpora, no worker pools (under a minute on 2 cores).
test-fast: setup
	$(BIN)/python -m pytest -q -m "not browser and not shared and not slow"

# The whole fuzz campaign (tests/fuzz/): 1,000+ generated inputs, each a clear error, a warning or
# accepted, with the stored result checked; exits 1 on any traceback, hang or silent wrong result.
# The fault (kill -9) and load tests run with it. `make test` runs a tenth of the campaign.
fuzz: setup
	$(BIN)/python tests/fuzz
	$(BIN)/python -m pytest -q tests/fuzz -m slow -k "faults or load"

bench: setup
	$(BIN)/python benchmarks/run.py

eval: setup
	$(BIN)/python -m diplowatch.evaluate

# Rebuild the trained models in src/diplowatch/data/models/ from training/realnews/ (minutes on 2 cores).
train: setup
	$(BIN)/python training/train.py

lint: setup
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/ruff format --check src tests benchmarks training
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format src tests benchmarks training
	$(BIN)/ruff check --fix src tests benchmarks training

clean:
	rm -rf build .pytest_cache $(VENV)
