# OpenSEND: the two commands in the README are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test install install-test lint test-sqlite test-postgres seed clean

## run: install, migrate the SQLite database under var/, load the demo area if empty, serve on :8000
## with a background job worker beside it (started again if it exits; stopped with the server)
run: install
	@mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo --if-empty --scale $${SCALE:-1} --seed $${SEED:-42}
	@DEBUG=1 $(PY) manage.py show_demo_logins
	@DEBUG=1 $(PY) manage.py run_worker --supervise --no-startup-delay & worker=$$!; \
	  trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

## test: install test needs (Python, Chromium, PostgreSQL), lint, run the suite on SQLite then PostgreSQL
test: install-test lint test-sqlite test-postgres

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.installed

install-test: install
	$(PIP) install --quiet -r requirements-dev.txt
	bash scripts/install-system-test-deps.sh

lint:
	$(VENV)/bin/ruff check .
	@# import-linter: the layers contract in pyproject.toml (no app imports one in a layer above it).
	$(VENV)/bin/lint-imports
	@# bandit: security lint of our own code; any high-severity finding fails the build.
	$(VENV)/bin/bandit -q -r . -x ./.venv,./node_modules --severity-level high
	@# pip-audit: known vulnerabilities in the installed packages (says so when it cannot look them up).
	bash scripts/audit-dependencies.sh
	$(PY) manage.py makemigrations --check --dry-run --settings=opensend.test_settings

## Unit and integration tests on SQLite (the browser journeys and the PostgreSQL fault tests run once,
## on PostgreSQL).
test-sqlite:
	$(VENV)/bin/pytest -q -m "not browser and not postgres"

## The whole suite, browser journeys included, on a throwaway PostgreSQL cluster.
test-postgres:
	bash scripts/with-postgres.sh $(VENV)/bin/pytest -q

## messages: extract the translatable text of the family pages into locale/*/LC_MESSAGES/django.po
## (for translators), then compile the .mo files the app reads (committed, so no gettext is needed to run)
.PHONY: messages
TRANSLATED_DIRS := core portal messaging templates
TRANSLATIONS := pl ur
messages: install
	DEBUG=1 $(PY) manage.py makemessages $(addprefix -l ,$(TRANSLATIONS)) --add-location=file --no-obsolete \
	  $(addprefix --ignore=,$(filter-out $(TRANSLATED_DIRS),$(patsubst %/,%,$(wildcard */)))) --ignore='*/tests/*'
	cd locale && DEBUG=1 ../$(PY) ../manage.py compilemessages

seed: install
	DEBUG=1 $(PY) manage.py seed_demo --scale $${SCALE:-1} --seed $${SEED:-42}

clean:
	rm -rf var/opensend.sqlite3* var/staticfiles
