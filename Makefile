# Samspill: `make demo` to try it, `make test` for the whole suite as CI runs it, `make lint` before a commit.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Reinstall only when pyproject.toml changes (or the venv is new).
STAMP := $(VENV)/.samspill-installed
DEMO_ARGS ?=

.PHONY: help venv demo test lint format messages system-deps clean

help:
	@echo "make demo    create .venv if needed, then run 'samspill demo' (migrate, seed, serve on 127.0.0.1:8000)"
	@echo "             extra arguments: make demo DEMO_ARGS='...'"
	@echo "make test    the whole suite as CI runs it: ruff, import contracts, pytest on SQLite and PostgreSQL"
	@echo "             (installs Debian chromium and gettext when missing)"
	@echo "make lint    ruff check, ruff format --check, lint-imports"
	@echo "make format  ruff format and ruff check --fix"
	@echo "make messages  extract new strings into the nb and ar catalogues and compile them"
	@echo "make clean   remove .venv and caches"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@echo "Installing samspill and its dependencies into $(VENV) (pyproject.toml changed or new venv)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev,postgres]"
	@touch $@

venv: $(STAMP)

demo: $(STAMP)
	@bash scripts/system-deps.sh runtime
	$(BIN)/samspill demo $(DEMO_ARGS)

system-deps:
	@bash scripts/system-deps.sh

test: $(STAMP) system-deps
	PYTHON=$(BIN)/python bash scripts/test.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	COLUMNS=160 $(BIN)/lint-imports --no-logo

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Run from src/samspill so that only our code is scanned (not .venv); tests and test helpers are not translated.
messages: $(STAMP)
	cd src/samspill && ../../$(BIN)/samspill makemessages -l nb -l ar --no-obsolete --ignore 'testing/*' --ignore '*/tests/*'
	cd src && ../$(BIN)/samspill compilemessages

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .import_linter_cache .hypothesis
