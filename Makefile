# Two commands do all the set-up: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
DATA_DIR ?= ./data
PIP_QUIET ?= -q --disable-pip-version-check

.PHONY: run test test-unit test-app test-browser test-db check lint format typecheck bench demo chromium nginx postgresql team-demo

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install $(PIP_QUIET) -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install $(PIP_QUIET) -r requirements-dev.txt
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	NETCOACH_DATA_DIR=$(DATA_DIR) $(PY) -m streamlit run serve.py --server.port $(PORT)

# The gate: lint, formatting, types, then every tier of tests.
test: check chromium nginx postgresql
	$(PY) -m pytest

# Each tier on its own: pure logic and storage, pages through AppTest, a real browser.
test-unit: $(VENV)/.dev-installed postgresql
	$(PY) -m pytest tests/unit

test-app: $(VENV)/.dev-installed
	$(PY) -m pytest tests/app

test-browser: $(VENV)/.dev-installed chromium nginx
	$(PY) -m pytest tests/browser

# The store on PostgreSQL: a server the tests start from Debian's package, in a temporary folder.
test-db: $(VENV)/.dev-installed postgresql
	$(PY) -m pytest -m db tests/unit tests/app

check: lint typecheck
	$(PY) -m ruff format --check .

typecheck: $(VENV)/.dev-installed
	$(PY) -m mypy

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .

format: $(VENV)/.dev-installed
	$(PY) -m ruff format .

bench: $(VENV)/.dev-installed
	$(PY) bench/store_bench.py
	$(PY) bench/import_bench.py
	$(PY) bench/ui_bench.py
	$(PY) bench/team_load.py --members 20

demo: $(VENV)/.installed
	$(PY) -m netcoach demo --data-dir $(DATA_DIR)

chromium:
	@sh scripts/ensure_chromium.sh

nginx:
	@sh scripts/ensure_nginx.sh

postgresql:
	@sh scripts/ensure_postgresql.sh

# Team mode on one machine: a local sign-in provider, two sample interns and a coordinator.
team-demo: $(VENV)/.dev-installed
	$(PY) scripts/team_demo.py --port $(PORT)
