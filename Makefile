# Two commands on a fresh machine: `make run` serves the portal, `make test` checks it.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Every link the portal sends (e-mails, calendars, feeds) starts with this address.
run serve: export PORTAL_BASE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: help setup run test lint db-start db-stop messages browser checker redis serve backup \
	restore bench bench-1x wrk loadtest

help:
	@echo "make run      set everything up and run the portal on http://127.0.0.1:$(PORT): web server,"
	@echo "              task worker (e-mails) and scheduler (periodic jobs); Ctrl-C stops all"
	@echo "make test     set everything up and run ruff, the migration check and the tests"
	@echo "make setup    the set-up alone (virtualenv, database, migrations, demo data)"
	@echo "make db-stop  stop the checkout's local PostgreSQL"
	@echo "make serve    run as in production (Procfile): gunicorn, worker, scheduler (WEB_CONCURRENCY, PORT)"
	@echo "make backup   database dump and media files into var/backups/<timestamp>/"
	@echo "make restore BACKUP=var/backups/<timestamp>  restore into an empty database"
	@echo "make bench    load test against the floor on synthetic data, then again at 10x the"
	@echo "              organisations (BENCH_ORGANISATIONS, BENCH_SECONDS, BENCH_WARMUP,"
	@echo "              BENCH_ROUNDS); make bench-1x skips the 10x run"
	@echo "make loadtest two gunicorns, many visitors, one small event; then again with a DB restart"

$(VENV)/.installed: pyproject.toml
	@python_bin=$$(scripts/find-python); \
	  if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$python_bin"; "$$python_bin" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

db-start: $(VENV)/.installed
	@if [ -n "$${DATABASE_URL:-}" ]; then \
	  echo "DATABASE_URL is set: using that server, starting nothing."; \
	else \
	  $(PY) scripts/localdb.py start; \
	fi

db-stop:
	@if [ -x $(PY) ]; then $(PY) scripts/localdb.py stop; else python3 scripts/localdb.py stop; fi

messages: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

setup: $(VENV)/.installed db-start messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo

# honcho runs the processes of Procfile.dev, stops them all on Ctrl-C, and then the database stops.
run: setup
	@trap '[ -n "$${DATABASE_URL:-}" ] || $(PY) scripts/localdb.py stop' EXIT; \
	  echo "Portal on $(PORTAL_BASE_URL)/ with its task worker and scheduler; e-mails: $(MAIL_NOTE)"; \
	  echo "Ctrl-C stops the portal, the worker, the scheduler and the database."; \
	  PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho --no-colour start -f Procfile.dev -p $(PORT)

# Where `make run` says the e-mails go (EMAIL_BACKEND, EMAIL_FILE_PATH; console by default).
MAIL_NOTE = $(if $(filter %filebased.EmailBackend,$(EMAIL_BACKEND)),files in $(or $(EMAIL_FILE_PATH),var/mail),$(if $(EMAIL_BACKEND),$(EMAIL_BACKEND),printed below by the worker))

# Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser itself).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "The browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; \
	fi

# Debian's redis-server for the tests of the fragment cache's shared tier (each test session
# starts its own on a free port, tests/core/test_fragments_redis.py).
redis:
	@if command -v redis-server >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's redis-server for the tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	else \
	  echo "The tests need Debian's redis-server: sudo apt-get install redis-server" >&2; exit 1; \
	fi

# The Nu Html Checker for the markup test (tests/browser/test_html_validity.py): vnu.jar from the
# npm registry (MIT; its Java downloader is not run), run by Debian's Java.
node_modules/.installed: package.json package-lock.json
	@if ! command -v npm >/dev/null; then \
	  echo "Installing Debian's npm for the markup checker"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	fi
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

checker: node_modules/.installed
	@if command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's Java for the markup checker"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else \
	  echo "The markup checker needs Java: sudo apt-get install default-jre-headless" >&2; exit 1; \
	fi

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: setup lint browser checker redis
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=cluster_portal.settings.test $(PY) -m pytest -m "not browser"
	DJANGO_SETTINGS_MODULE=cluster_portal.settings.test $(PY) -m pytest -m browser tests/browser

# Production-like serving and background work; scripts/production-env explains the defaults.
serve: setup
	@external_database="$${DATABASE_URL:-}"; source scripts/production-env; \
	  $(PY) manage.py collectstatic --noinput -v 0; \
	  trap '[ -n "$$external_database" ] || $(PY) scripts/localdb.py stop' EXIT; \
	  echo "Procfile as in production on $(PORTAL_BASE_URL)/: gunicorn ($${WEB_CONCURRENCY:-2} workers), worker, scheduler (Ctrl-C stops)"; \
	  PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho --no-colour start -f Procfile -p $(PORT)

backup: $(VENV)/.installed db-start
	$(PY) manage.py backup

restore: $(VENV)/.installed db-start
	@if [ -z "$(BACKUP)" ]; then echo "usage: make restore BACKUP=var/backups/<timestamp> [FORCE=1]"; exit 2; fi
	$(PY) manage.py restore "$(BACKUP)" $(if $(FORCE),--force,)

# Load benchmark (bench/run.py): scale data in its own database, gunicorn as in production,
# Debian's wrk against the floor view; writes bench/results.json and bench/results.md.
wrk:
	@if command -v wrk >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's wrk for the benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	else \
	  echo "The benchmark needs Debian's wrk: sudo apt-get install wrk" >&2; exit 1; \
	fi

bench: setup wrk
	$(PY) bench/run.py

bench-1x: setup wrk
	$(PY) bench/run.py --skip-10x
# Two gunicorn instances, the mail worker and an SMTP sink against the checkout's database; the
# second run restarts that database in the middle. LOADTEST_SECONDS, LOADTEST_THREADS,
# LOADTEST_CAPACITY, LOADTEST_MODE (both, plain, restart). Results: bench/loadtest-results.json.
loadtest: setup
	@source scripts/production-env; \
	  $(PY) manage.py collectstatic --noinput -v 0; \
	  $(PY) bench/loadtest.py --seconds "$${LOADTEST_SECONDS:-60}" \
	    --threads "$${LOADTEST_THREADS:-30}" --capacity "$${LOADTEST_CAPACITY:-50}" \
	    --mode "$${LOADTEST_MODE:-both}"
