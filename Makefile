# Flourish: `make help` lists what you can do.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install deploy-check-ci run test test-unit test-api test-browser test-scaleout lint format typecheck check-migrations seed bench loadtest restore-drill serve assets messages check-messages deploy-check clean

help: ## List the things you can do
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml constraints.txt
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(INSTALLED)

install: $(INSTALLED) ## Create .venv and install pinned dependencies

run: $(INSTALLED) ## Set up (SQLite), load demo data and serve http://127.0.0.1:8000
	$(MANAGE) migrate --no-input
	$(MANAGE) seed
	@# The task worker sends the emails (sign-in codes are printed here in development).
	$(MANAGE) db_worker --queue-name '*' --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

seed: $(INSTALLED) ## Load the demo data (safe to run again)
	$(MANAGE) migrate --no-input
	$(MANAGE) seed

# Tests run on every core at once (pytest-xdist); TEST_WORKERS=0 runs them in one process.
TEST_WORKERS ?= auto
test: $(INSTALLED) ## Run every test, then the browser suite if Chromium is installed
	FLOURISH_ENV=test $(BIN)/pytest -m "not browser and not scaleout" --create-db -n $(TEST_WORKERS) $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory test-browser

test-api: $(INSTALLED) ## Check the Open Referral API against its OpenAPI document with schemathesis (bounded)
	FLOURISH_ENV=test $(BIN)/pytest -m api_contract flourish/directory/tests/test_openapi.py $(PYTEST_ARGS)

test-browser: $(INSTALLED) ## Run the browser suite (Playwright + axe-core in Debian's Chromium)
	@if [ -x "$${CHROMIUM:-/usr/bin/chromium}" ]; then \
		FLOURISH_ENV=test $(BIN)/pytest -m browser --create-db -n $(TEST_WORKERS) $(PYTEST_ARGS); \
	else \
		echo "SKIPPED: the browser suite needs Chromium at /usr/bin/chromium (apt-get install chromium)."; \
	fi

# A local S3 server (moto) on a free port; PostgreSQL and Redis are the machine's own.
SCALEOUT_REDIS_URL ?= redis://127.0.0.1:6379/15
test-scaleout: $(INSTALLED) ## Scale-out tests: replica routing, Redis, RQ and S3 (needs PostgreSQL and Redis)
	@test -n "$$DATABASE_URL" || { echo "Set DATABASE_URL to a PostgreSQL database, for example postgres://postgres@127.0.0.1:5432/flourish"; exit 2; }
	@port=$$($(BIN)/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); \
	$(BIN)/moto_server -H 127.0.0.1 -p $$port >/dev/null 2>&1 & moto=$$!; \
	trap 'kill $$moto 2>/dev/null' EXIT; \
	for _ in $$(seq 50); do $(BIN)/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$$port/moto-api/')" 2>/dev/null && break; sleep 0.2; done; \
	FLOURISH_ENV=test DATABASE_REPLICA_URL="$$DATABASE_URL" REDIS_URL=$(SCALEOUT_REDIS_URL) \
	TASKS_BACKEND=django_tasks_rq.RQBackend UPLOADS_BUCKET=flourish-uploads-test \
	UPLOADS_ENDPOINT_URL=http://127.0.0.1:$$port UPLOADS_REGION=eu-west-2 \
	UPLOADS_ACCESS_KEY_ID=test UPLOADS_SECRET_ACCESS_KEY=test \
	$(BIN)/pytest -m scaleout --create-db $(PYTEST_ARGS)

lint: $(INSTALLED) ## Check style and complexity with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED) ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(INSTALLED) ## Check types with mypy (strict on services and selectors)
	FLOURISH_ENV=test $(BIN)/mypy flourish

check-migrations: $(INSTALLED) ## Fail if a model change has no migration
	FLOURISH_ENV=test $(MANAGE) makemigrations --check --dry-run

bench: $(INSTALLED) ## Run the benchmarks and print their figures
	FLOURISH_ENV=test $(BIN)/python -m benchmarks $(BENCH_ARGS)

loadtest: $(INSTALLED) ## Load-test the production shape (gunicorn, PostgreSQL) on 127.0.0.1
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,load]'
	$(BIN)/python -m benchmarks.loadtest

restore-drill: $(INSTALLED) ## Back up PostgreSQL (DATABASE_URL), restore it, and prove the ledger came back intact
	bash ops/restore_drill.sh

serve: $(INSTALLED) ## Production-like: gunicorn + PostgreSQL (DATABASE_URL) + whitenoise + task worker
	@test -n "$$DATABASE_URL" || { echo "Set DATABASE_URL, for example postgres://postgres@127.0.0.1:5432/flourish"; exit 2; }
	FLOURISH_ENV=production $(MANAGE) migrate --no-input
	@# Without REDIS_URL, sign-in rate limits are shared between workers in this table.
	FLOURISH_ENV=production $(MANAGE) createcachetable
	FLOURISH_ENV=production $(MANAGE) collectstatic --no-input --verbosity 0
	FLOURISH_ENV=production $(MANAGE) db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker' EXIT; \
	FLOURISH_ENV=production $(BIN)/gunicorn flourish.wsgi --preload --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

deploy-check: $(INSTALLED) ## Run Django's deployment checks with production settings
	FLOURISH_ENV=production $(MANAGE) check --deploy --fail-level WARNING

assets: ## Rebuild the CSS and JavaScript from pinned npm packages (needs Node)
	bash frontend/build.sh

# Run from the repo root so every app's strings land in flourish/locale/ (LOCALE_PATHS),
# except an app with a locale/ folder of its own, whose strings land there.
# The compiled .mo files are committed, so `make run` needs no gettext.
MESSAGES_IGNORE := --ignore '.venv/*' --ignore 'frontend/*' --ignore 'node_modules/*' \
	--ignore 'test-artifacts/*' --ignore 'benchmarks/*' --ignore 'staticfiles/*' --ignore '*/static/*'
messages: $(INSTALLED) ## Update the Welsh and Urdu catalogues and compile them (needs gettext)
	mkdir -p flourish/locale
	$(MANAGE) makemessages -l cy -l ur --no-obsolete $(MESSAGES_IGNORE)
	@# msgmerge guesses a new string's translation from a similar old one ("Your vote" from
	@# "Your account"); a wrong guess is worse than none, so empty every fuzzy entry.
	shopt -s nullglob; for po in flourish/locale/*/LC_MESSAGES/django.po flourish/*/locale/*/LC_MESSAGES/django.po; do \
		msgattrib --clear-fuzzy --empty --clear-previous --output-file="$$po" "$$po"; \
	done
	$(MANAGE) compilemessages -l cy -l ur $(MESSAGES_IGNORE)

# Regenerates the catalogues from a copy of the code, so the real ones are never touched,
# and fails if any string there has no translation or only msgmerge's guess (fuzzy).
MESSAGES_COPY_EXCLUDE := --exclude-vcs --exclude=./.venv --exclude=./frontend --exclude=./test-artifacts \
	--exclude=./staticfiles --exclude='*.egg-info' --exclude='*/__pycache__' --exclude='./db.sqlite3*' \
	--exclude=./.mypy_cache --exclude=./.ruff_cache
check-messages: $(INSTALLED) ## Fail if a string in the code has no Welsh or Urdu translation (needs gettext)
	@set -euo pipefail; shopt -s nullglob; copy=$$(mktemp -d); trap 'rm -rf "$$copy"' EXIT; \
	tar -cf - $(MESSAGES_COPY_EXCLUDE) . | tar -xf - -C "$$copy"; \
	(cd "$$copy" && $(CURDIR)/$(BIN)/python manage.py makemessages -l cy -l ur --no-obsolete \
		--verbosity 0 $(MESSAGES_IGNORE)); \
	missing=0; \
	for po in "$$copy"/flourish/locale/*/LC_MESSAGES/django.po "$$copy"/flourish/*/locale/*/LC_MESSAGES/django.po; do \
		untranslated=$$(msgattrib --untranslated --no-obsolete --no-wrap "$$po" | sed '1,/^$$/d'); \
		guessed=$$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$$po" | sed '1,/^$$/d'); \
		if [ -n "$$untranslated$$guessed" ]; then \
			missing=1; \
			echo "These strings have no translation in $${po#"$$copy"/}:"; \
			printf '%s\n%s\n' "$$untranslated" "$$guessed" | grep -E '^(#:|msgid|")'; \
		fi; \
	done; \
	if [ "$$missing" = 1 ]; then \
		echo "Run \`make messages\`, translate them (or ask a translator), and commit the .po and .mo files."; \
		exit 1; \
	fi; \
	echo "Every string in the code has a Welsh and an Urdu translation."

clean: ## Remove the virtual environment and the development database
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles

deploy-check-ci: $(INSTALLED) ## Deployment checks with throwaway production values (CI)
	FLOURISH_ENV=production DEBUG=false ALLOWED_HOSTS=flourish.example.org \
	SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') \
	FIELD_ENCRYPTION_KEYS=$$($(BIN)/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') \
	DATABASE_URL=sqlite:///unused.sqlite3 $(MANAGE) check --deploy --fail-level WARNING
