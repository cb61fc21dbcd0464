# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
PY ?= python3.12
VENV ?= .venv
BIN := $(VENV)/bin
DB ?=
DB_OPTION := $(if $(DB),--db $(DB))
EXAMPLE ?= ../shared/examples/tass-2021-09-03-panjshir.txt

.PHONY: install demo test test-all lint bench eval

$(BIN)/counterclaim: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

install: $(BIN)/counterclaim

demo: install
	$(BIN)/counterclaim ingest $(EXAMPLE) $(DB_OPTION)
	$(BIN)/counterclaim attributions $(DB_OPTION)
	@echo
	@echo "The ledger: $$($(BIN)/counterclaim info $(DB_OPTION) | head -1)"
	@echo "Put counterclaim on your PATH: . $(VENV)/bin/activate   (or: pipx install .)"

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-all: install
	$(BIN)/python -m pytest -m "slow or not slow"

bench: install
	$(BIN)/python bench/throughput.py

eval: install
	$(BIN)/counterclaim eval $(EXAMPLE:.txt=.gold.json)
	$(BIN)/counterclaim eval --polnear ../shared/data/polnear/dev
