# Two commands get a newcomer going: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

NODES ?= 1

.PHONY: run test elasticsearch install install-dev messages messages-extract migrate demo lint format clean

# The site's absolute addresses (hreflang, sitemap, feeds, emailed links) and the admin
# links in notification emails follow HOST and PORT.
run: install migrate demo  ## Install, migrate, load demo content and serve on http://127.0.0.1:8000
	@$(MANAGE) ensure_admin
	@$(MANAGE) set_site_url http://$(HOST):$(PORT)
	@# With Elasticsearch (make elasticsearch), index the directory and the pages first.
	@if [ -n "$$ELASTICSEARCH_URL" ]; then $(MANAGE) rebuild_directory_index && $(MANAGE) update_index; fi
	@echo "Admin: http://$(HOST):$(PORT)/admin/"
	WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) $(MANAGE) runserver $(HOST):$(PORT)

# Elasticsearch 8 for search, from Maven Central (cached in ~/.m2), in the foreground:
# NODES nodes on 127.0.0.1:9200 and up, 1 GB heap each, data in .search-node/.
# Then, in another terminal: ELASTICSEARCH_URL=http://127.0.0.1:9200 make run
elasticsearch:  ## Run an Elasticsearch node (NODES=3: a three-node cluster) for search
	NODES=$(NODES) search-node/cluster

# Browser tests run in a pytest process of their own: run after other database
# tests in one process, they find Django's connection without the serialized copy
# of the migrated database that their transactional rollback restores (seen with
# pytest-django 4.14 and pytest-playwright 0.10). Exit code 5 ("no tests
# collected") is fine when PYTEST_ARGS selects only one kind.
test: install-dev  ## Install the dev requirements and run the whole suite
	$(BIN)/pytest -m "not browser" -n auto $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/pytest -m browser $(PYTEST_ARGS) || [ $$? -eq 5 ]

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps make a second run skip what is already installed.
$(VENV)/.installed-runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt package.json $(VENV)/.installed-runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@# axe-core (browser accessibility checks) and vnu-jar (HTML checker, needs Java); the tests skip without them.
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
		else echo "npm not found: browser accessibility checks will be skipped"; fi
	@touch $@

install: $(VENV)/.installed-runtime messages

install-dev: $(VENV)/.installed-dev messages

# One catalogue per app (<app>/locale) plus locale/ for the shared templates.
APPS := home privacy registry intake directory ops
LOCALES := fi sv en

messages: $(VENV)/.installed-runtime  ## Compile the .po catalogues (Babel: no GNU gettext needed)
	@for dir in locale $(addsuffix /locale,$(APPS)); do \
		$(BIN)/pybabel compile --domain django --directory $$dir --statistics || exit 1; \
	done

messages-extract: install-dev  ## Update the .po catalogues from the code (needs GNU gettext)
	@for app in $(APPS); do \
		(cd $$app && ../$(BIN)/python ../manage.py makemessages --no-obsolete $(addprefix -l ,$(LOCALES))) || exit 1; \
	done
	$(MANAGE) makemessages --no-obsolete $(addprefix -l ,$(LOCALES)) --ignore '.venv/*' \
		--ignore 'tests/*' --ignore 'node_modules/*' --ignore 'static/*' $(foreach app,$(APPS),--ignore '$(app)/*')

migrate:  ## The main database, then the erasure ledger's own (privacy/routers.py)
	$(MANAGE) migrate --no-input
	$(MANAGE) migrate --no-input --database ledger

demo:
	$(MANAGE) load_initial_data

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports  # the dependency rule between the apps (pyproject.toml)

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 privacy-ledger.sqlite3 static
	find . -path ./.venv -prune -o -name '*.mo' -print -delete
