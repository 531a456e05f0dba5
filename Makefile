# The two commands a person needs: `make run` and `make test`. Both set up everything on a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app portal
POSTGRES_TEST_URL := postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run test test-postgres install translations extract-messages update-catalogs browser

$(VENV)/installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/installed translations

translations: $(VENV)/installed
	$(PY) -m portal.catalogs compile

extract-messages: $(VENV)/installed
	$(PY) -m portal.catalogs extract

update-catalogs: extract-messages
	$(PY) -m portal.catalogs update

run: install
	$(FLASK) init-db
	$(FLASK) seed-demo
	$(VENV)/bin/gunicorn --config gunicorn.conf.py wsgi:app

# Debian's Chromium for the browser tests; Playwright never downloads a browser of its own here.
browser:
	@test -x /usr/bin/chromium || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

test: install browser
	$(VENV)/bin/pytest

test-postgres: install browser
	PORTAL_TEST_DATABASE_URL=$(POSTGRES_TEST_URL) $(VENV)/bin/pytest
