# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

run: $(VENV)/.installed
	$(BIN)/graphkit build sources --out output

test: lint
	$(BIN)/pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check graphkit tests bench
	$(BIN)/ruff format --check graphkit tests bench
	$(BIN)/mypy

bench: $(VENV)/.installed
	$(BIN)/python bench/bench_speed.py

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) output/graph.* output/*.csv .graphkit-cache
