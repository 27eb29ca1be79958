# One command to run the app, one to run every check. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DOMAIN := relationsapp

.PHONY: run test lint translations extract bench demo clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Compile the gettext catalogs (.po -> .mo); the .mo files are never committed.
translations: $(STAMP)
	$(BIN)/pybabel compile --domain $(DOMAIN) --directory translations --statistics

## Start the desktop app (pass options with ARGS="--db /path/file.sqlite").
run: translations
	$(BIN)/relationsapp $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check relationsapp tests
	$(BIN)/ruff format --check relationsapp tests
	$(BIN)/mypy

## Every check CI runs: lint, types, then the whole test suite (offscreen Qt).
test: translations lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

## Re-extract messages into the template and merge them into every catalog.
extract: $(STAMP)
	$(BIN)/pybabel extract --mapping-file babel.cfg --output-file translations/$(DOMAIN).pot \
		--project RelationsApp --copyright-holder "RelationsApp" --no-wrap --sort-by-file .
	$(BIN)/pybabel update --input-file translations/$(DOMAIN).pot --output-dir translations \
		--domain $(DOMAIN) --no-wrap --ignore-obsolete

## Search latency and start-up time on a 100,000-contact file (prints figures).
bench: translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/bench_search_and_start.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
	find translations -name '*.mo' -delete
