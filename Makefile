# Two commands do all the set-up on a fresh machine with Python 3.11+ and make:
#   make report   rerun the whole analysis on the bundled sample and export the report
#   make test     run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= data/sample_manifest.csv
OUT    ?= reports/sample

.PHONY: help install browser test format test-fast report prepare lab bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the project with its test tools

browser: ## install Debian's Chromium and ChromeDriver for the browser tests, where missing and allowed
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; } || \
	  echo "make browser: Chromium could not be installed here; the browser tests will be skipped"

test: $(STAMP) browser ## lint and check the formatting, then run every test, notebooks and a real browser included
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/ruff format --check analysis tests benchmarks
	$(BIN)/python -m pytest

format: $(STAMP) ## format the code as make test expects it (ruff, line length 100)
	$(BIN)/ruff format analysis tests benchmarks
	$(BIN)/ruff check --fix analysis tests benchmarks

test-fast: $(STAMP) ## run the tests that do not start a Jupyter kernel
	$(BIN)/python -m pytest -m "not slow"

report: $(STAMP) ## rerun every notebook on CORPUS (default: the sample) and export the report to OUT
	$(BIN)/python -m analysis report --corpus $(CORPUS) --out $(OUT)

prepare: $(STAMP) ## validate and clean CORPUS into OUT/prepared
	$(BIN)/python -m analysis validate $(CORPUS)
	$(BIN)/python -m analysis prepare $(CORPUS) --out $(OUT)/prepared

lab: $(STAMP) ## open the notebooks in JupyterLab
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP) ## run the benchmarks (minutes; prints figures)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean: ## remove the virtual environment and generated reports
	rm -rf $(VENV) reports
