# Everything runs from a local virtual environment that `make` creates and fills from pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_STAMP := $(VENV)/.demo-stamp
DIST ?= dist

.PHONY: venv demo dist generate check-generated update-spec test test-fast coverage browser docs lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

# The demo needs the library and its simulator (the [testing] extra) only, not the dev tools.
$(DEMO_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[testing]"
	touch $(DEMO_STAMP)

## animate the example image against the bundled simulator: no key, no network, no cost
demo: $(DEMO_STAMP)
	$(BIN)/freepik-kling animate examples/sun.jpg --sandbox -o out/demo.mp4 --overwrite

## a wheel of the library and the command line in $(DIST)/, for `pip install` in your own project
dist: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation --wheel-dir $(DIST) .

## pages + fragments -> openapi/freepik-kling.yaml -> generated/freepik_api
generate: $(STAMP)
	$(BIN)/python -m scripts.spec.generate

## fails if anything under generated/ (or the merged spec) differs from a fresh `make generate`
check-generated: $(STAMP)
	$(BIN)/python -m scripts.spec.generate --check

## download Freepik's official OpenAPI document (or SPEC_URL=...), regenerate, review what changed;
## fails (Error 3) when a change can break callers' code, so the review is read before committing
update-spec: $(STAMP)
	$(BIN)/python -m scripts.spec.update

## the whole suite, on every core (pytest-xdist)
test: $(STAMP) browser
	$(BIN)/python -m pytest -n auto

## the edit loop: the suite less the tests marked slow (generator runs, fuzzers, real-time processes)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto -m "not slow"

## the whole suite measuring the lines of facade/ and scripts/ it runs, in the processes it starts too
coverage: $(STAMP)
	$(BIN)/python -m pytest -n auto --cov --cov-report=term

## headless Chromium for the site and contact-sheet tests, from Debian's packages (a browser download does
## not work offline); installed only as root, elsewhere those tests skip and say why
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
		|| echo "chromium is not installed (as root: apt-get install chromium): the browser tests will skip"

## the documentation site, into site/; any warning (a broken link, a docstring griffe cannot read) fails it
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check scripts facade tests examples
	$(BIN)/ruff format --check scripts facade tests examples
	$(BIN)/mypy scripts facade

## what the client costs, side by side with raw httpx; writes docs/benchmarks.md, fails on a missed budget
bench: $(STAMP)
	$(BIN)/python -m scripts.bench

clean:
	rm -rf $(VENV) build dist site .mypy_cache .ruff_cache
