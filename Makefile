# Drogscen: set-up, tests, demo and packaging (GNU make, Debian or Ubuntu).
#   make test    install what is missing, run the whole suite offscreen, the Qt6 check, ruff
#   make demo    run the command line on the sample data into build/demo/
#   make bench   time the overlap algorithm against QGIS's own buffer + intersection
#   make bench-scale  100,000 schools x 5,000 scenes: progress and peak memory
#   make bench-db  the same in PostGIS: desktop run vs database run, and their equality
#   make fuzz    a long random run of the opening-hours parser (FUZZ_ARGS)
#   make package build/drogscen-VERSION.zip for the QGIS plugin repository
#   make deploy  copy the plugin into the QGIS profile (QGIS_PLUGINS_DIR)
#   make translations  update i18n/drogscen_sv.ts from the code and compile it

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test

SYSTEM_PYTHON := /usr/bin/python3
VENV := .venv
VENV_SHAPELY2 := .venv-shapely2
VENV_BENCH := .venv-bench
VENV_QT6 := .venv-qt6
# The newest CPython on the machine (pyenv's too): PyPI has packages, not interpreters.
NEWEST_PYTHON ?= $(or $(shell ls -1 /usr/bin/python3.* /usr/local/bin/python3.* \
	$(HOME)/.pyenv/versions/*/bin/python3.* 2>/dev/null | grep -E '/python3\.[0-9]+$$' \
	| awk -F/python3. '{print $$NF" "$$0}' | sort -n | tail -1 | cut -d' ' -f2),$(SYSTEM_PYTHON))
BUILD := build
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
QGIS_PLUGINS_DIR ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins
APT_PACKAGES := qgis python3-qgis qgis-providers python3-shapely python3-requests \
	python3-cryptography python3-venv xvfb xauth poppler-utils qttools5-dev-tools \
	postgresql postgresql-postgis python3-psycopg2
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
SAMPLE := resources/sample/drogscen_sample.gpkg

# What goes into the plugin folder: no tests, virtual environments, build output or tools.
PLUGIN_CONTENT := $(wildcard __init__.py metadata.txt LICENSE README.md drogscen_plugin resources i18n)
PLUGIN_EXCLUDES := --exclude=__pycache__ --exclude='*.pyc' --exclude='*.ts' --exclude='.*' \
	--exclude='*.gpkg-wal' --exclude='*.gpkg-shm' \
	--exclude=resources/sample/make_sample.py --exclude=resources/icons/render_icon.py \
	--exclude=resources/styles/make_styles.py
# $(call copy_plugin,DIR): DIR becomes a fresh copy of the plugin folder.
copy_plugin = rm -rf '$(1)' && mkdir -p '$(1)' && \
	tar -cf - $(PLUGIN_EXCLUDES) $(PLUGIN_CONTENT) | tar -xf - -C '$(1)'

export QT_QPA_PLATFORM := offscreen

.PHONY: test demo bench bench-scale bench-db fuzz package deploy translations sample icon styles system-deps clean distclean

# Installs only the Debian packages that are missing; apt-get update only then.
system-deps:
	@if ! command -v dpkg-query >/dev/null; then \
		echo "No dpkg: install QGIS 3.22+ with its Python bindings yourself."; exit 0; fi; \
	missing=""; \
	for package in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' "$$package" 2>/dev/null | grep -q "install ok installed" \
			|| missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing </dev/null; \
	fi

$(VENV)/.installed: requirements-test.txt | system-deps
	$(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	$(VENV)/bin/python -m pip install --disable-pip-version-check -q -r requirements-test.txt
	touch $@

$(VENV_SHAPELY2)/.installed: requirements-shapely2.txt | system-deps
	$(SYSTEM_PYTHON) -m venv $(VENV_SHAPELY2)
	$(VENV_SHAPELY2)/bin/python -m pip install --disable-pip-version-check -q -r requirements-shapely2.txt
	touch $@

# PyQt6 for the Qt6 check, with the newest shapely and numpy for the pure tests.
$(VENV_QT6)/.installed: requirements-qt6.txt
	$(NEWEST_PYTHON) -m venv $(VENV_QT6)
	$(VENV_QT6)/bin/python -m pip install --disable-pip-version-check -q -r requirements-qt6.txt
	touch $@

test: $(VENV)/.installed $(VENV_SHAPELY2)/.installed $(VENV_QT6)/.installed
	$(VENV)/bin/python -m pytest tests --ignore=tests/qt6
	@echo "--- core and net tests under shapely 2 ---"
	PYTHONPATH=. $(VENV_SHAPELY2)/bin/python -m pytest tests/core tests/net
	@echo "--- Qt6 check: every Qt name exists in PyQt6 (QGIS 4) and in PyQt5 (QGIS 3) ---"
	$(VENV_QT6)/bin/python scripts/check_qt6.py
	$(VENV)/bin/python scripts/check_qt6.py --binding PyQt5
	@echo "--- the check's own tests, core and net tests on $$($(VENV_QT6)/bin/python -V) ---"
	PYTHONPATH=. $(VENV_QT6)/bin/python -m pytest tests/qt6 tests/core tests/net
	@echo "--- ruff: lint and format, with the settings in pyproject.toml ---"
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

demo: $(VENV)/.installed
	rm -rf $(BUILD)/demo
	$(VENV)/bin/python -m drogscen_plugin analyse \
		--scenes '$(SAMPLE)|layername=scenes' \
		--schools '$(SAMPLE)|layername=schools' \
		--out $(BUILD)/demo/demo.gpkg \
		--districts '$(SAMPLE)|layername=districts' \
		--report $(BUILD)/demo/lagesbild.pdf

# PyQGIS and numpy from the system, shapely 2 on top: as newer QGIS installs ship.
$(VENV_BENCH)/.installed: requirements-bench.txt | system-deps
	$(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV_BENCH)
	$(VENV_BENCH)/bin/python -m pip install --disable-pip-version-check -q -r requirements-bench.txt
	touch $@

# BENCH_ARGS: e.g. "--schools 2000 --scenes 200" for a quick run.
bench: $(VENV_BENCH)/.installed
	@echo "--- shapely as packaged with QGIS ---"
	$(SYSTEM_PYTHON) bench/bench_overlap.py $(BENCH_ARGS)
	@echo "--- shapely 2 ---"
	$(VENV_BENCH)/bin/python bench/bench_overlap.py $(BENCH_ARGS)
	@echo "(make bench-scale: 100,000 schools x 5,000 scenes, with progress and peak memory)"

# BENCH_SCALE_ARGS: e.g. "--schools 10000 --scenes 500" for a quick run.
bench-scale: $(VENV_BENCH)/.installed
	@echo "--- shapely as packaged with QGIS ---"
	$(SYSTEM_PYTHON) bench/bench_scale.py $(BENCH_SCALE_ARGS)
	@echo "--- shapely 2 ---"
	$(VENV_BENCH)/bin/python bench/bench_scale.py $(BENCH_SCALE_ARGS)

# BENCH_DB_ARGS: e.g. "--schools 10000 --scenes 500" for a quick run.
bench-db: $(VENV)/.installed
	$(VENV)/bin/python bench/bench_db.py $(BENCH_DB_ARGS)

# FUZZ_ARGS: e.g. "--examples 1000000 --long-size 10000000".
fuzz: $(VENV)/.installed
	$(VENV)/bin/python scripts/fuzz_hours.py $(FUZZ_ARGS)

# i18n/drogscen_sv.ts is the source of truth for the Swedish interface. `make
# translations` adds the code's new tr() strings to it (marked unfinished; it fails
# on a tr() of anything but a string literal) and compiles it; package and deploy
# compile it when the .qm is older. Qt's lrelease: Debian's qttools5-dev-tools.
LRELEASE ?= lrelease
TS_FILES := $(wildcard i18n/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

translations: | system-deps
	$(SYSTEM_PYTHON) scripts/update_translations.py
	$(LRELEASE) $(TS_FILES)

i18n/%.qm: i18n/%.ts | system-deps
	$(LRELEASE) -silent $< -qm $@

package: $(QM_FILES)
	$(call copy_plugin,$(BUILD)/package/drogscen)
	rm -f $(BUILD)/drogscen-$(VERSION).zip
	cd $(BUILD)/package && $(SYSTEM_PYTHON) -m zipfile -c ../drogscen-$(VERSION).zip drogscen
	@echo "$(BUILD)/drogscen-$(VERSION).zip"

deploy: $(QM_FILES)
	$(call copy_plugin,$(QGIS_PLUGINS_DIR)/drogscen)
	@echo "Deployed to $(QGIS_PLUGINS_DIR)/drogscen; restart QGIS or reload the plugin."

sample: system-deps
	$(SYSTEM_PYTHON) resources/sample/make_sample.py

icon: system-deps
	$(SYSTEM_PYTHON) resources/icons/render_icon.py

styles: system-deps
	$(SYSTEM_PYTHON) resources/styles/make_styles.py

clean:
	rm -rf $(BUILD) .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './.venv*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) $(VENV_SHAPELY2) $(VENV_BENCH) $(VENV_QT6)
