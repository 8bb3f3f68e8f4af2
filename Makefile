# Every target sets up .venv itself, so a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS ?= seeds
OUT ?= reports

.PHONY: report analyze test lint lab clean lock

report: $(STAMP)
	$(PY) -m analysis report --corpus $(CORPUS) --out $(OUT)

analyze: $(STAMP)
	$(PY) -m analysis analyze --corpus $(CORPUS) --out $(OUT)/tables

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Re-pin after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m pip freeze --exclude-editable | grep -v '^pressespiegel' > requirements.lock

clean:
	rm -rf $(VENV) $(OUT)/*.html $(OUT)/articles $(OUT)/tables $(OUT)/manifest.csv
