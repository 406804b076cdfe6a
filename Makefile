# Reglament: two commands for a fresh machine with Python 3.11+.
#   make run   — set up, migrate, load the demo school, start the app on http://127.0.0.1:5000
#   make test  — set up with the dev extra, run ruff and the whole pytest suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test bench bench-load bench-setup clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Нужен Python 3.11 или новее"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $@

instance/secret.key:
	@mkdir -p instance
	@$(BIN)/python -c 'import secrets; print(secrets.token_hex(32))' > $@

# The demo serves plain HTTP on loopback, so the session cookie cannot be marked Secure here;
# production runs behind HTTPS with the default (Secure on).
# The Huey consumer runs the daily reminders beside the server and stops with it.
run: $(VENV)/.installed instance/secret.key
	export REGLAMENT_SECRET_KEY=$$(cat instance/secret.key) REGLAMENT_SESSION_COOKIE_SECURE=false; \
	$(BIN)/reglament db upgrade && $(BIN)/reglament demo --if-empty || exit 1; \
	$(BIN)/huey_consumer core.worker.huey --workers 1 --logfile instance/jobs.log & jobs_pid=$$!; \
	trap 'kill $$jobs_pid 2>/dev/null' EXIT INT TERM; \
	$(BIN)/reglament run --host $(HOST) --port $(PORT)

# The single sign-on tests run a real OpenID Connect provider (npm's oidc-provider) on Node.js;
# without npm they are skipped with a message.
OIDC := tests/oidc
$(OIDC)/node_modules/.installed: $(OIDC)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix $(OIDC) --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm не найден: тесты входа через OpenID Connect будут пропущены"; fi

test: $(VENV)/.installed $(OIDC)/node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/pytest

# The benchmark (BENCHMARKS.md): wrk from Debian's packages, gunicorn from PyPI.
DB ?= sqlite
bench-setup: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e ".[dev,bench]"
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

bench: bench-setup
	$(BIN)/python -m bench.run --db $(DB) $(ARGS)

# The load run of 50 users for 5 minutes with locust (BENCHMARKS.md, "Load").
bench-load: bench-setup
	$(BIN)/python -m bench.load --db $(DB) $(ARGS)

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache $(OIDC)/node_modules
