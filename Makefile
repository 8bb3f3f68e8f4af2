# Every target sets up .venv itself, so a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS ?= seeds
OUT ?= reports
LAB_IP ?= localhost

.PHONY: report analyze test lint lab clean distclean lock

report: $(STAMP)
	$(PY) -m analysis report --corpus $(CORPUS) --out $(OUT)

analyze: $(STAMP)
	$(PY) -m analysis analyze --corpus $(CORPUS) --out $(OUT)/tables

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# JupyterLab refuses to run as root (containers, CI images, lab servers) without --allow-root, so
# root gets it. It prints the URL to open instead of starting a browser (on a headless machine that
# may be a text one); LAB_IP=0.0.0.0 makes it reachable from outside a container.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/ --no-browser --ip=$(LAB_IP) $(if $(filter 0,$(shell id -u)),--allow-root)

# -qq: errors only. pip warns once per package about index locations a machine's pip.conf names
# but lacks, and setuptools about folders that could shadow the package on every editable install.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --upgrade pip
	$(PY) -m pip install -qq -r requirements.lock
	$(PY) -m pip install -qq --no-deps -e .
	touch $(STAMP)

# Re-pin after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m pip freeze --exclude-editable | grep -v '^pressespiegel' > requirements.lock

# Removes the rendered reports and their cache; the environment stays (distclean removes it too).
clean:
	rm -rf $(OUT)/*.html $(OUT)/articles $(OUT)/entities $(OUT)/assets $(OUT)/tables \
		$(OUT)/manifest.csv $(OUT)/site.json $(OUT)/.report-state.json $(OUT)/.cache

distclean: clean
	rm -rf $(VENV)
