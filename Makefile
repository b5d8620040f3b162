# The two commands of the README: `make run` (development server on SQLite, with demo data)
# and `make test` (Django's deployment checks and the whole test suite, on PostgreSQL). Each installs what it needs
# first.

VENV := .venv
PYTHON := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint check-deploy

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

# Django's deployment checks on production settings, which must find nothing. Production will not start without a
# secret key, a database and host names: these stand in for them (the checks do not connect to the database).
check-deploy: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY="$$($(PYTHON) -c 'from django.core.management.utils import get_random_secret_key as k; print(k())')" \
	DATABASE_URL=postgres://localhost/unused ALLOWED_HOSTS=manage-itt-mentors.education.gov.uk \
	$(PYTHON) manage.py check --deploy --fail-level DEBUG

# The suite on two cores (pytest-xdist, each process with its own test database); then the fault tests on their own,
# as they start the service's processes and time what they do.
test: setup lint check-deploy
	$(VENV)/bin/pytest -n 2 --ignore=tests/reliability
	$(VENV)/bin/pytest tests/reliability
