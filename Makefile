# The two commands of the README: `make run` (development server on SQLite, with demo data)
# and `make test` (the whole test suite, on PostgreSQL). Each installs what it needs first.

VENV := .venv
PYTHON := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

build/static/css/application.css: node_modules/.installed $(wildcard static/scss/*.scss)
	npm run build

setup: $(VENV)/.installed build/static/css/application.css

run: setup
	$(PYTHON) manage.py migrate --verbosity 0
	$(PYTHON) manage.py seed_demo $(if $(DEMO_PASSWORD),--password '$(DEMO_PASSWORD)')
	@echo "Sign in at http://$(HOST):$(PORT)/sign-in/ with a demo user above. Stop the server with Ctrl+C."
	$(PYTHON) manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: setup lint
	$(VENV)/bin/pytest
