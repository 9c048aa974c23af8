# The two commands of the README: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}

.PHONY: run serve test screenshots install oidc-provider lint format check bench loadtest faulttest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# The real OpenID Connect provider that the single sign-on tests start (tests/signin/oidc.py): npm's oidc-provider,
# at the version its package-lock.json pins. Without it those tests skip with a reason (under CI=true, they fail).
OIDC_PROVIDER := tests/signin/provider
$(OIDC_PROVIDER)/node_modules/.package-lock.json: $(OIDC_PROVIDER)/package-lock.json
	npm ci --prefix $(OIDC_PROVIDER) --no-audit --no-fund --loglevel=error >/dev/null

oidc-provider: $(OIDC_PROVIDER)/node_modules/.package-lock.json

run: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py setup_demo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production: gunicorn (workers and threads from WEB_CONCURRENCY and GUNICORN_THREADS), whitenoise serving the
# collected static files. Needs DJANGO_SECRET_KEY and DATABASE_URL; see the README's "Deploying".
serve: install
	DJANGO_MANIFEST_STATIC=1 $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_MANIFEST_STATIC=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_MANIFEST_STATIC=1 $(BIN)/gunicorn -c scorecard/gunicorn.conf.py scorecard.wsgi

# Two pytest-xdist workers, one a core (TEST_WORKERS=0 runs in one process, for pdb and -x); a fresh test database
# each run, never --reuse-db (see the README's "Tests").
TEST_WORKERS ?= 2
test: install
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The browser tests alone, saving a screenshot of every page they visit to artifacts/screenshots/ (CI does too).
screenshots: install
	SCORECARD_SCREENSHOTS=1 $(BIN)/python -m pytest -n $(TEST_WORKERS) -m browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=1 $(BIN)/python manage.py check

bench: install
	@for b in bench/bench_*.py; do [ -e "$$b" ] || continue; DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_SECRET_KEY=bench $(BIN)/python $$b || exit 1; done

# 50 simulated users for 60 s against gunicorn on PostgreSQL (127.0.0.1 only); faulttest restarts PostgreSQL
# in the middle of the run. Both need PostgreSQL on 127.0.0.1:5432 and create and drop a database of their own.
$(VENV)/.load-installed: pyproject.toml | $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev,load]'
	touch $@

loadtest: $(VENV)/.load-installed
	$(BIN)/python bench/loadtest.py

faulttest: $(VENV)/.load-installed
	$(BIN)/python bench/loadtest.py --fault

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache $(OIDC_PROVIDER)/node_modules
