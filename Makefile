# The two commands a newcomer needs: `make run` and `make test`. Both work from a fresh clone.
# `make stack`: the production-shaped site on one machine (docs/deploy.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run stack varnish nginx test install messages makemessages check-messages lint format bench lock node clean backup restore check-html lighthouse

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
	# The demo's e-mails (receipts, consent requests) are written now: their links follow PORT too.
	SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" $(PY) manage.py load_demo --if-empty
	PORT=$(PORT) bin/run-dev

# Debian's Varnish when it is missing (as root); the service the package starts is stopped and
# disabled: the stack and the tests run their own varnishd.
varnish:
	@command -v varnishd >/dev/null || test -x /usr/sbin/varnishd || { \
	  test "$$(id -u)" = 0 || { echo "make stack needs Varnish: sudo apt-get install varnish"; exit 1; }; \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends varnish >/dev/null && \
	  { systemctl disable --now varnish varnishncsa >/dev/null 2>&1 || true; }; }

# Debian's nginx-light for `make bench` (nginx serves the same bytes as the cached page: the
# machine's limit); installed and its service stopped like Varnish's above.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
	  test "$$(id -u)" = 0 || { echo "make bench needs nginx: sudo apt-get install nginx-light"; exit 1; }; \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null && \
	  { systemctl disable --now nginx >/dev/null 2>&1 || true; }; }

# The front listens on PORT when given (make stack PORT=9000), 8080 otherwise.
STACK_PORT = $(if $(filter file,$(origin PORT)),8080,$(PORT))
# exec: bin/stack itself gets the SIGTERM that make passes to its child (a shell would die alone
# and leave the servers running).
stack: messages varnish
	PORT=$(STACK_PORT) exec $(PY) bin/stack

# The suite in parallel processes (pytest-xdist; TEST_WORKERS=0 runs it in one process). Tests
# marked `xdist_group` run on one worker, so that what their group starts (the two-server stack,
# the demo) is started once.
# COVERAGE=1 measures branch coverage, prints it and fails below COVERAGE_FLOOR (CI does).
TEST_WORKERS ?= auto
COVERAGE_FLOOR ?= 92
test: messages node
	DJANGO_SETTINGS_MODULE=website.settings.test $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup \
	  $(if $(COVERAGE),--cov --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_FLOOR)) $(PYTEST_ARGS)

# Fails when `makemessages` would change the committed catalogues.
check-messages: install
	bin/check-messages

makemessages: install
	bin/makemessages

# The W3C Nu checker (npm vnu-jar, on Java 17) on 30+ public pages of a fresh demo: 0 errors.
check-html: messages node
	$(PY) bin/check-html

# Lighthouse (npm, on Debian's Chromium; mobile, simulated throttling) on the demo's Albanian home
# page, a story and a competition under production settings: 1.0 in all four categories.
# LIGHTHOUSE_ARGS='--runs 3' takes the median of three runs per page.
lighthouse: messages node
	$(PY) bin/lighthouse $(LIGHTHOUSE_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The cached page through Varnish is compared with nginx: both installed when missing.
bench: messages varnish nginx
	bin/bench

# One encrypted archive of the database and every stored file (bin/backup, docs/backups.md).
backup: install
	bin/backup

# Rebuilds the database and the stored files from ARCHIVE (FORCE=1 replaces a non-empty site),
# then brings the schema up to the code and erases what the retention rules no longer allow.
restore: install
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=backups/untold-stories-….tar.age [FORCE=1]"; exit 2; }
	bin/restore "$(ARCHIVE)" $(if $(FORCE),--force)
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py purge_entries

lock: install
	$(PY) -m pip freeze --exclude-editable > requirements.txt

clean:
	rm -rf $(VENV) node_modules staticfiles
