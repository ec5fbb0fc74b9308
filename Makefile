# Everything runs from a local virtual environment that `make` creates and fills from pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: venv demo generate check-generated update-spec test test-fast coverage lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

## animate the example image against the bundled simulator: no key, no network, no cost
demo: $(STAMP)
	$(BIN)/freepik-kling animate examples/sun.jpg --sandbox -o out/demo.mp4 --overwrite

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
test: $(STAMP)
	$(BIN)/python -m pytest -n auto

## the edit loop: the suite less the tests marked slow (generator runs, fuzzers, real-time processes)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto -m "not slow"

## the whole suite measuring the lines of facade/ and scripts/ it runs, in the processes it starts too
coverage: $(STAMP)
	$(BIN)/python -m pytest -n auto --cov --cov-report=term

lint: $(STAMP)
	$(BIN)/ruff check scripts facade tests
	$(BIN)/ruff format --check scripts facade tests
	$(BIN)/mypy scripts facade

## what the client costs, side by side with raw httpx; writes docs/benchmarks.md, fails on a missed budget
bench: $(STAMP)
	$(BIN)/python -m scripts.bench

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache
