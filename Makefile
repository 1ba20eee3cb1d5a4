# The two commands a newcomer needs: `make demo` serves the hello app, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo lab test unit compat e2e bench lint typecheck debian compat-table labextension page-frontend docs

$(STAMP): setup.cfg pyproject.toml constraints.txt etc/jupyter/jupyter_server_config.d/jupyst.json
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test,lab,docs]'
	@# An editable install leaves setup.cfg's data_files out: switch the server extension on and
	@# link the prebuilt JupyterLab extension by hand (a link, so a rebuild shows at once).
	install -D -m 644 etc/jupyter/jupyter_server_config.d/jupyst.json $(VENV)/etc/jupyter/jupyter_server_config.d/jupyst.json
	mkdir -p $(VENV)/share/jupyter/labextensions
	ln -sfn $(abspath jupyst/labextensions/jupyst-lab) $(VENV)/share/jupyter/labextensions/jupyst-lab
	touch $(STAMP)

# What the tests run beside jupyst, from Debian's packages: Chromium drives the browser tests
# (playwright never downloads a browser of its own), PostgreSQL and redis-server back the
# st.connection and Redis-tier tests (each test session starts its own server on 127.0.0.1 and
# a free port), HAProxy balances the replica tests (started in the foreground by a fixture,
# never as a service), Node runs Streamlit's own front-end formatters as the oracle of ours, and
# Graphviz's dot draws st.graphviz_chart.
debian:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing="$$missing haproxy"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	if [ -n "$$missing" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

demo: $(STAMP)
	$(VENV)/bin/jupyst hello

# The JupyterLab extension (labextension/, TypeScript) built with jlpm from the npm registry into
# jupyst/labextensions/jupyst-lab. The built files are committed, so installing jupyst (and CI)
# needs no Node: run this only after changing labextension/ and commit its output.
labextension: $(STAMP)
	cd labextension && PATH=$(abspath $(VENV))/bin:$$PATH YARN_ENABLE_IMMUTABLE_INSTALLS=false jlpm install
	cd labextension && PATH=$(abspath $(VENV))/bin:$$PATH jlpm build:prod

# The lean front end of published pages (labextension/page, TypeScript; `jupyst run --frontend
# lean`) built with webpack into jupyst/voila/templates/jupyst/static/page, where both serving
# modes serve it. Committed like the lab extension: run this only after changing labextension/page.
page-frontend: $(STAMP)
	cd labextension/page && PATH=$(abspath $(VENV))/bin:$$PATH YARN_ENABLE_IMMUTABLE_INSTALLS=false jlpm install
	cd labextension/page && PATH=$(abspath $(VENV))/bin:$$PATH jlpm build

# JupyterLab on 127.0.0.1 with the example notebooks (the %%jupyst cell magic); "Open as jupyst
# app" on a .py file or notebook previews it beside its code.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.allow_root=True --no-browser notebooks

lint: $(STAMP)
	$(PY) -m ruff check jupyst tests bench tools
	$(PY) -m mypy

typecheck: $(STAMP)
	$(PY) -m mypy

# Every test, the notebooks and the Binder rehearsal included (pytest -m "not binder" skips that one).
test: $(STAMP) debian
	@# Three pytest-xdist workers on two cores, a test file each at a time: most tests wait on a
	@# browser, a server or a kernel (measured on a fresh clone: 20:41 with three, 21:47 with
	@# two, the same tests). The type check and the docs build (about a core-minute on a
	@# fresh clone) run beside the tests, in the time the workers spend waiting; their output
	@# follows the tests' and either failing fails the target.
	$(PY) -m ruff check jupyst tests bench tools
	@mkdir -p artifacts
	@$(MAKE) --no-print-directory typecheck docs > artifacts/checks.log 2>&1 & checks=$$!; \
	$(PY) -m pytest -q -p no:cacheprovider -n 3 --dist loadfile --durations=25 tests; tests=$$?; \
	wait $$checks; checked=$$?; cat artifacts/checks.log; \
	if [ $$checked -ne 0 ]; then echo "make test: the type check or the docs build failed (above)"; fi; \
	[ $$tests -eq 0 ] && [ $$checked -eq 0 ]

# The documentation site (Sphinx + MyST, API reference from the docstrings); warnings are errors.
docs: $(STAMP)
	$(PY) -m sphinx -W --keep-going -q -b html docs docs/_build/html

unit: $(STAMP) debian
	$(PY) -m pytest -q tests/unit

compat: $(STAMP) debian
	$(PY) -m pytest -q tests/compat

e2e: $(STAMP) debian
	$(PY) -m pytest -q tests/e2e

# Regenerate docs/compatibility.md from the compat suite's results.
compat-table: $(STAMP)
	$(PY) tools/compat_table.py

bench: $(STAMP) debian
	$(PY) bench/run.py
