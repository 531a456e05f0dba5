# The two commands a person needs: `make run` and `make test`. Both set up everything on a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app portal
POSTGRES_TEST_URL := postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run test test-postgres lint install system-packages translations extract-messages update-catalogs test-tools

$(VENV)/installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: system-packages $(VENV)/installed translations

translations: $(VENV)/installed
	$(PY) -m portal.platform.catalogs compile

extract-messages: $(VENV)/installed
	$(PY) -m portal.platform.catalogs extract

update-catalogs: extract-messages
	$(PY) -m portal.platform.catalogs update

run: install
	$(FLASK) init-db
	$(FLASK) seed-demo
	$(VENV)/bin/gunicorn --config gunicorn.conf.py wsgi:app

# Debian's Pango for WeasyPrint's PDFs; fonts come from static/fonts, not from the system.
system-packages:
	@dpkg -s libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1 || { apt-get update && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y libpango-1.0-0 libpangoft2-1.0-0; }

# Debian's Chromium for the browser tests, poppler to read PDFs back, zbar to decode QR codes, Redis for the job
# and two-server tests (which also need PostgreSQL at 127.0.0.1:5432), nginx for tests/test_production.py (which
# runs its own on free ports: a system nginx the package may start on port 80 does not matter); Playwright never
# downloads a browser here.
test-tools:
	@test -x /usr/bin/chromium && command -v pdftotext >/dev/null && command -v zbarimg >/dev/null \
		&& command -v redis-server >/dev/null && test -x /usr/sbin/nginx || { apt-get update && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y chromium poppler-utils zbar-tools redis-server nginx; }

# ruff and mypy as configured in pyproject.toml; `make test` runs them before the suite.
lint: $(VENV)/installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: install test-tools lint
	$(VENV)/bin/pytest

test-postgres: install test-tools
	PORTAL_TEST_DATABASE_URL=$(POSTGRES_TEST_URL) $(VENV)/bin/pytest
