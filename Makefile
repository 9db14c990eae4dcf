# The two set-up commands of README.md: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test lint install install-test clean bench kungsbacka

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

site: install
	$(BIN)/diarium build
	@echo "Built into site/. Preview it with: $(BIN)/diarium serve  (then open http://127.0.0.1:8000/)"

test: install-test
	$(BIN)/python -m pytest -q

# ruff (pycodestyle, pyflakes, bugbear, isort) and mypy, both configured in pyproject.toml.
lint: install-test
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy

bench: install-test
	$(BIN)/python benchmarks/build_bench.py --items 10000

# The Kungsbacka example site (docs/importing.md): minutes first, so that each committee gets the
# diary prefix its minutes print; notices and papers after them fill the same meetings.
RECORDS ?= ../shared/records/kungsbacka
KUNGSBACKA := examples/kungsbacka
kungsbacka: install
	$(BIN)/diarium import --config $(KUNGSBACKA)/config.yaml --content $(KUNGSBACKA)/content \
		$(sort $(wildcard $(RECORDS)/*protokoll*.txt)) \
		$(sort $(filter-out $(wildcard $(RECORDS)/*protokoll*.txt),$(wildcard $(RECORDS)/*.txt)))
	$(BIN)/diarium build --config $(KUNGSBACKA)/config.yaml --content $(KUNGSBACKA)/content --out $(KUNGSBACKA)/site

clean:
	rm -rf site examples/kungsbacka/site .pytest_cache .diarium-cache
