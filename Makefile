# Two commands get a newcomer going: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev messages migrate demo lint format clean

run: install migrate demo  ## Install, migrate, load demo content and serve on http://127.0.0.1:8000
	@$(MANAGE) ensure_admin
	@echo "Admin: http://$(HOST):$(PORT)/admin/"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install-dev  ## Install the dev requirements and run the whole suite
	$(BIN)/pytest $(PYTEST_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps make a second run skip what is already installed.
$(VENV)/.installed-runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed-runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed-runtime messages

install-dev: $(VENV)/.installed-dev messages

messages: $(VENV)/.installed-runtime  ## Compile locale/*.po (Babel: no GNU gettext needed)
	@$(BIN)/pybabel compile --domain django --directory locale --statistics

migrate:
	$(MANAGE) migrate --no-input

demo:
	$(MANAGE) load_initial_data

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 static
	find locale -name '*.mo' -delete
