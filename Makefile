# The two commands a newcomer needs: `make run` and `make test`. Both work from a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install messages makemessages check-messages lint format bench lock node clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch node_modules/.installed

node: node_modules/.installed

run: messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo --if-empty
	PORT=$(PORT) bin/run-dev

test: messages node
	DJANGO_SETTINGS_MODULE=website.settings.test $(PY) -m pytest $(PYTEST_ARGS)

# Fails when `makemessages` would change the committed catalogues.
check-messages: install
	bin/check-messages

makemessages: install
	bin/makemessages

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: messages
	bin/bench

lock: install
	$(PY) -m pip freeze --exclude-editable > requirements.txt

clean:
	rm -rf $(VENV) node_modules staticfiles
