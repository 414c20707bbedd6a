"""The demo database: the demo loaded once per test run, copied for each module that uses it.

Loading the demo as `load_demo` does (the accounts, the competitions, the jury, the exhibition;
then the worker's daily purge) takes some 40 s on PostgreSQL. The modules that read it, or change
it and let their changes be undone, share one load (tests/database.py migrates the same way):

- `demo_database` (session): the first process that needs it builds it under tests/database.py's
  lock, from the migrated database (never from a worker's own, which earlier tests may have
  flushed): on PostgreSQL the database `test_<name>_demo`, copied from the migrated template, the
  demo loaded into it; on SQLite a backup file. The files the demo writes into MEDIA_ROOT and
  PRIVATE_MEDIA_ROOT (per-process folders) are copied into the run's folder beside it. The xdist
  controller, or the end of a run without xdist, drops it (`drop_made`).
- `demo_copy(demo, django_db_blocker)`: for a module's duration the process's `default`
  database is a copy of the demo (PostgreSQL: a database copied from it, dropped afterwards;
  SQLite: the demo restored into the in-memory database, and the database as it was restored
  afterwards), and the demo's files are linked into the process's media folders.
- `shared_demo` (module): `demo_copy` and `kept_for_a_module`: each test in its own savepoint,
  so what one test changes is gone for the next. A transactional module (a live server) uses
  `demo_copy` alone: its flush empties the copy, which is thrown away.

Where tests/database.py falls back to pytest-django's set-up (`--reuse-db`, `--no-migrations`),
there is no migrated database to build from: `demo_database` is None, and each module loads the
demo itself (`demo_copy` yields False, `shared_demo` loads it inside the module's transaction).
"""

import io
import json
import os
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connections, transaction
from django.test import override_settings
from django.utils import translation
from wagtail.models import Site

from competitions import demo as competitions_demo
from competitions import services as competition_services
from exhibition import demo as exhibition_demo
from jury import demo as jury_demo
from tests.database import (
    DEMO_RECORD,
    RECORD,
    _drop,
    _locked,
    _use,
    kept_for_a_module,
    shared_folder,
    sqlite_backup,
    sqlite_restore,
)
from website import demo as website_demo

SQLITE_DEMO = "test-demo.sqlite3"
DEMO_LOCK = "test-demo.lock"
MEDIA_FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}


def load_demo():
    """The demo as `load_demo` loads it on a site with DEBUG on (the demo accounts and jurors
    exist only then), then the worker's daily purge (competitions.tasks), which must not take the
    demo's works away. Returns (subject, recipients) of every e-mail that the jury's and the
    exhibition's demo sent."""
    out = io.StringIO()
    with translation.override(settings.LANGUAGE_CODE), override_settings(DEBUG=True):
        home = website_demo.get_or_create_home()
        # Served on the test client's host, as tests/conftest.py's `home` (make_home) does.
        Site.objects.filter(is_default_site=True).update(hostname="testserver", port=80)
        website_demo.load_accounts(out)
        competitions_demo.load(home, out)
        before = len(mail.outbox)
        jury_demo.load(home, out)
        exhibition_demo.load(home, out)
        sent = [(message.subject, message.to) for message in mail.outbox[before:]]
    competition_services.purge_entries()
    return sent


def _files(folder):
    return {path.relative_to(folder) for path in Path(folder).rglob("*") if path.is_file()}


@pytest.fixture(scope="session")
def demo_database(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The record of the demo database (module doc), built on first use; None where
    tests/database.py fell back to pytest-django's set-up."""
    shared = shared_folder(request.config, tmp_path_factory)
    # Its own lock: a worker that is still waiting to copy the migrated database (LOCK) need not
    # wait for the demo as well; the demo is built from the migrated database, made before.
    with django_db_blocker.unblock(), _locked(shared / DEMO_LOCK):
        if not (shared / RECORD).exists():
            return None
        if not (shared / DEMO_RECORD).exists():
            _build(connections["default"], shared)
        return json.loads((shared / DEMO_RECORD).read_text())


def _build(connection, shared):
    migrated = json.loads((shared / RECORD).read_text())["name"]
    before = {folder: _files(getattr(settings, key)) for folder, key in MEDIA_FOLDERS.items()}
    outbox = getattr(mail, "outbox", None)
    mail.outbox = []
    if connection.vendor == "postgresql":
        name = f"{migrated}_demo"
        _create_from(connection, name, migrated)
        original = connection.settings_dict["NAME"]
        _use(connection, name)
        try:
            sent = _load_as_in_a_test(connection)
        finally:
            connection.close()  # a template must have no connection when it is copied
            _use(connection, original)
    else:
        name = str(shared / SQLITE_DEMO)
        with _sqlite_state_kept(connection):
            sqlite_restore(migrated, connection)
            sent = _load_as_in_a_test(connection)
            sqlite_backup(connection.connection, name)
    mail.outbox = outbox
    for folder, key in MEDIA_FOLDERS.items():
        source = Path(getattr(settings, key))
        for path in _files(source) - before[folder]:
            (shared / "demo" / folder / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / path, shared / "demo" / folder / path)
    record = {"vendor": connection.vendor, "name": name, "files": str(shared / "demo")}
    (shared / DEMO_RECORD).write_text(json.dumps({**record, "sent": sent}))


def _load_as_in_a_test(connection):
    """`load_demo()` committed, with what it leaves to after the commit dropped, as in a test's
    transaction, where the modules that read the demo loaded it before it was shared (the
    e-mails and tasks that services queue with `transaction.on_commit`, and the files they
    delete then)."""
    block = transaction.atomic()
    block._from_testcase = True  # a service's durable block may run inside, as in a test
    with block:
        sent = load_demo()
        connection.run_on_commit.clear()
    return sent


def _create_from(connection, name, template):
    quote = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")


@contextmanager
def _sqlite_state_kept(connection):
    """The in-memory database as it is now, back when the block ends."""
    connection.ensure_connection()
    kept = sqlite3.connect(":memory:")
    try:
        sqlite_backup(connection.connection, kept)
        yield
    finally:
        connection.ensure_connection()
        sqlite_restore(kept, connection)
        kept.close()


def _link_files(source, target):
    """The demo's files into a process's folder: hard links (the demo never rewrites a file in
    place, a test that deletes one removes its own link only), replacing a file of that name."""
    for path in _files(source):
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).unlink(missing_ok=True)
        try:
            os.link(source / path, target / path)
        except OSError:  # another file system
            shutil.copy2(source / path, target / path)


@contextmanager
def demo_copy(demo, django_db_blocker):
    """The process's `default` database is a copy of the demo database `demo` (the record
    `demo_database` gives) while the block runs (module doc); yields False when there is no demo
    database (the caller loads the demo itself)."""
    if demo is None:
        yield False
        return
    connection = connections["default"]
    with django_db_blocker.unblock():
        for folder, key in MEDIA_FOLDERS.items():
            _link_files(Path(demo["files"]) / folder, Path(getattr(settings, key)))
        if connection.vendor == "postgresql":
            original = connection.settings_dict["NAME"]
            name = f"{original}_module"
            connection.close()
            _create_from(connection, name, demo["name"])
            _use(connection, name)
            try:
                yield True
            finally:
                _drop(connection, name)  # a live server's thread may still hold it
                _use(connection, original)
        else:
            with _sqlite_state_kept(connection):
                sqlite_restore(demo["name"], connection)
                yield True


@pytest.fixture(scope="module")
def shared_demo(demo_database, django_db_blocker):
    """The demo for the tests of one module, on the `db` fixture (module doc); the e-mails that
    the jury's and the exhibition's demo sent, as (subject, recipients)."""
    with (
        demo_copy(demo_database, django_db_blocker) as copied,
        kept_for_a_module(django_db_blocker),
    ):
        yield demo_database["sent"] if copied else load_demo()
