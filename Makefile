# Two commands for a new clone: `make serve` and `make test`. Both create .venv from the
# pinned versions in requirements.lock when it is missing or older than the pins.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
CHECK_FORMAT ?= text
# `make check CHECK_FLAGS=--strict`: warnings about the files themselves (placeholders, unknown fields)
# fail too, as in CI; a case not confirmed for 24 months stays a warning.
CHECK_FLAGS ?=
# The build engine: mkdocs, or properdocs (a maintained drop-in fork of MkDocs 1.6).
ENGINE ?= mkdocs

.PHONY: build serve test check bench lighthouse clean screenshots

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or newer (or run make PYTHON=/path/to/python3.11)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { echo "error: Python 3.11 or newer is needed, found $$($(PYTHON) -V 2>&1); run make PYTHON=python3.11 (or newer)"; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

build: $(STAMP)
	$(BIN)/$(ENGINE) build --strict $(BUILD_FLAGS)

serve: $(STAMP)
	$(BIN)/$(ENGINE) serve --strict --dev-addr 127.0.0.1:8000

check: $(STAMP)
	$(BIN)/innocities check --format $(CHECK_FORMAT) $(CHECK_FLAGS)

test: $(STAMP)
	$(BIN)/python -m pytest

# PNGs of every page type at 390 and 1280 px, light and dark, in test-results/screenshots/
# (SCREENSHOT_ARGS="--widths 320,390,1280 --only case,goal" for fewer or more).
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py $(SCREENSHOT_ARGS)

# Lighthouse 12.2.3 from npm into .cache/lighthouse (ignored by git), run with Debian's Chromium.
LIGHTHOUSE := .cache/lighthouse/node_modules/.bin/lighthouse

# The benchmark (not part of `make test`): build times, search bytes, Lighthouse on every page type
# at N = 2000 and the many-organisations case, with the targets in one table; writes bench/RESULTS.md.
# About 20 minutes on a quiet 2-core machine. BENCH_ARGS=--no-lighthouse skips Lighthouse (and npm).
bench: $(STAMP) $(if $(findstring --no-lighthouse,$(BENCH_ARGS))$(findstring --quick,$(BENCH_ARGS)),,$(LIGHTHOUSE))
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Lighthouse (mobile) on one page of every type of a synthetic site (LIGHTHOUSE_ARGS="--projects 2000"
# by default; --site site for the built site; --runs 3, the median); writes bench/LIGHTHOUSE.md.
$(LIGHTHOUSE):
	mkdir -p .cache/lighthouse
	npm install --prefix .cache/lighthouse --save-exact --no-audit --no-fund lighthouse@12.2.3

lighthouse: $(STAMP) $(LIGHTHOUSE)
	$(BIN)/python bench/lighthouse.py $(LIGHTHOUSE_ARGS)

clean:
	rm -rf site .cache $(VENV)
