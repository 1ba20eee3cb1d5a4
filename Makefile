# The two commands a newcomer needs: `make demo` serves the hello app, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo lab test unit compat e2e bench lint chromium nodejs compat-table

$(STAMP): setup.cfg pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test,lab]'
	touch $(STAMP)

# Debian's Chromium drives the browser tests; playwright never downloads a browser of its own.
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's Node runs Streamlit's own bundled formatters, the oracle of the formatting tests.
nodejs:
	@command -v node >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; }

demo: $(STAMP)
	$(VENV)/bin/jupyst hello

# JupyterLab on 127.0.0.1 with the example notebooks (the %%jupyst cell magic).
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.allow_root=True --no-browser notebooks

lint: $(STAMP)
	$(PY) -m ruff check jupyst tests bench tools

test: $(STAMP) chromium nodejs lint
	$(PY) -m pytest -q -p no:cacheprovider tests

unit: $(STAMP) nodejs
	$(PY) -m pytest -q tests/unit

compat: $(STAMP)
	$(PY) -m pytest -q tests/compat

e2e: $(STAMP) chromium
	$(PY) -m pytest -q tests/e2e

# Regenerate docs/compatibility.md from the compat suite's results.
compat-table: $(STAMP)
	$(PY) tools/compat_table.py

bench: $(STAMP)
	$(PY) bench/run.py
