"""The test database, migrated once per run however many xdist workers share it.

Migrating is the dearest step of a test run (258 migrations, some 35 s of CPU, almost all of it
Django rendering model states). Without xdist, pytest-django's own set-up runs them once. With
xdist, each worker would run them again for its own database; here the first worker that needs a
database migrates one under a file lock in the run's temporary folder (shared by the workers),
and every worker copies it:

- PostgreSQL: the migrated `test_<name>` is a template; each worker gets
  `CREATE DATABASE test_<name>_gw<n> TEMPLATE test_<name>` (pytest-django's names), drops it at
  its end, and the controller drops the template when the run ends (`drop_template`).
- SQLite: the first worker migrates its own in-memory database as usual and backs it up into a
  file in the run's folder; the others restore that file into their in-memory database.

pytest-django's options that change the set-up (`--reuse-db`, `--no-migrations`), a database
other than `default`, or a test database in a named SQLite file fall back to its own set-up.

Without xdist, pytest-django's own set-up migrates; when a collected test needs the demo
database (tests/demo_database.py, built from the migrated database before any test changed it),
the migrated database is kept as it is in the same way (`keep_migrated`): a PostgreSQL template
`test_<name>_migrated`, or the SQLite backup file, in the run's temporary folder.
"""

import fcntl
import json
import sqlite3
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.test.utils import setup_databases, teardown_databases
from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup
from pytest_django.plugin import blocking_manager_key

RECORD = "test-database.json"
DEMO_RECORD = "test-demo.json"  # tests/demo_database.py
LOCK = "test-database.lock"
SQLITE_COPY = "test-database.sqlite3"


@contextmanager
def _locked(path):
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _copyable(connection):
    if connection.vendor == "postgresql":
        return True
    return connection.vendor == "sqlite" and connection.creation.is_in_memory_db(
        connection.creation._get_test_db_name()
    )


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
    tmp_path_factory,
):
    """pytest-django's `django_db_setup`, migrating once for all xdist workers (module doc)."""
    verbosity = request.config.option.verbose
    worker = getattr(request.config, "workerinput", {}).get("workerid")
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    connection = connections["default"]
    if (
        worker is None
        or not django_db_use_migrations
        or django_db_keepdb
        or aliases != {"default"}
        or not _copyable(connection)
    ):
        keep = (
            worker is None
            and django_db_use_migrations
            and not django_db_keepdb
            and aliases == {"default"}
            and _copyable(connection)
            and any("demo_database" in item.fixturenames for item in request.session.items)
        )
        yield from _own_setup(
            request, django_db_blocker, django_db_use_migrations, django_db_keepdb,
            django_db_createdb, aliases, serialized_aliases,
            keep_in=tmp_path_factory.getbasetemp() if keep else None,
        )  # fmt: skip
        return

    shared = tmp_path_factory.getbasetemp().parent  # the controller's folder for this run
    original_name = connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        with _locked(shared / LOCK):
            if connection.vendor == "postgresql":
                name = _postgresql_copy(connection, worker, shared, verbosity)
            else:
                name = _sqlite_copy(connection, shared, verbosity)
        if "default" in serialized_aliases:
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()

    yield

    with django_db_blocker.unblock():
        connection.close()
        if connection.vendor == "postgresql":
            _drop(connection, name)
        settings.DATABASES["default"]["NAME"] = original_name
        connection.settings_dict["NAME"] = original_name


def _use(connection, name):
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _postgresql_copy(connection, worker, shared, verbosity):
    creation = connection.creation
    copy = creation._get_test_db_name()  # test_<name>_gw<n>: pytest-django's suffix
    template = copy.removesuffix(f"_{worker}")
    if not (shared / RECORD).exists():
        connection.settings_dict["TEST"]["NAME"] = template
        try:
            creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
        finally:
            connection.settings_dict["TEST"]["NAME"] = copy
        connection.close()  # a template must have no connection when it is copied
        (shared / RECORD).write_text(json.dumps({"vendor": "postgresql", "name": template}))
    quote = connection.ops.quote_name
    with creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(copy)}")
        cursor.execute(f"CREATE DATABASE {quote(copy)} TEMPLATE {quote(template)}")
    _use(connection, copy)
    return copy


def _sqlite_copy(connection, shared, verbosity):
    creation = connection.creation
    path = shared / SQLITE_COPY
    if not (shared / RECORD).exists():
        name = creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
        connection.ensure_connection()
        sqlite_backup(connection.connection, str(path))
        (shared / RECORD).write_text(json.dumps({"vendor": "sqlite", "name": str(path)}))
        return name
    name = creation._get_test_db_name()  # the in-memory database of this process
    _use(connection, name)
    connection.ensure_connection()  # keeps the in-memory database alive from now on
    sqlite_restore(str(path), connection)
    return name


def shared_folder(config, tmp_path_factory):
    """The run's temporary folder, the same for the xdist workers (their controller's)."""
    if hasattr(config, "workerinput"):
        return tmp_path_factory.getbasetemp().parent
    return tmp_path_factory.getbasetemp()


def keep_migrated(connection, shared):
    """Without xdist: the migrated database kept as xdist's first worker keeps it (module doc),
    before any test changes it; the record says where."""
    if connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_migrated"
        connection.close()  # a template must have no connection when it is copied
        quote = connection.ops.quote_name
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
            cursor.execute(
                f"CREATE DATABASE {quote(name)} TEMPLATE {quote(connection.settings_dict['NAME'])}"
            )
    else:
        name = str(shared / SQLITE_COPY)
        connection.ensure_connection()
        sqlite_backup(connection.connection, name)
    (shared / RECORD).write_text(json.dumps({"vendor": connection.vendor, "name": name}))


def sqlite_backup(source, path):
    """A SQLite connection's database into the file (or `:memory:` connection) `path`."""
    target = sqlite3.connect(path) if isinstance(path, str) else path
    try:
        source.backup(target)
    finally:
        if isinstance(path, str):
            target.close()


def sqlite_restore(path, connection):
    """The SQLite file `path` (or a connection) into `connection`'s database, replacing it."""
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True) if isinstance(path, str) else path
    try:
        source.backup(connection.connection)
    finally:
        if isinstance(path, str):
            source.close()


def drop_made(connection, shared):
    """The PostgreSQL databases this run kept (the migrated template, the demo), if any."""
    for record in (shared / DEMO_RECORD, shared / RECORD):
        if not record.exists():
            continue
        made = json.loads(record.read_text())
        record.unlink()
        if made["vendor"] == "postgresql":
            _drop(connection, made["name"])


def _own_setup(
    request, django_db_blocker, use_migrations, keepdb, createdb, aliases, serialized_aliases,
    keep_in=None,
):  # fmt: skip
    """pytest-django's `django_db_setup` as it is (pytest_django/fixtures.py); with `keep_in`,
    the migrated database is kept there for the demo database (`keep_migrated`)."""
    if not use_migrations:
        _disable_migrations()
    with django_db_blocker.unblock():
        db_cfg = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
            keepdb=keepdb and not createdb,
        )
        if keep_in is not None:
            keep_migrated(connections["default"], keep_in)
    yield
    if keep_in is not None:
        with django_db_blocker.unblock():
            drop_made(connections["default"], keep_in)
    if not keepdb:
        with django_db_blocker.unblock():
            _end_other_sessions()
            try:
                teardown_databases(db_cfg, verbosity=request.config.option.verbose)
            except Exception as exc:
                request.node.warn(
                    pytest.PytestWarning(f"Error when trying to teardown test databases: {exc!r}")
                )


def _end_other_sessions():
    """PostgreSQL refuses to drop a database that a connection still holds (a live server's
    thread may keep one): those sessions are ended first, as `DROP DATABASE … WITH (FORCE)`."""
    for connection in connections.all():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


def drop_template(session):
    """In the xdist controller, at the end of the run: the PostgreSQL template and the demo
    database (tests/demo_database.py), if they were made."""
    if not session.config.pluginmanager.has_plugin("dsession"):  # not xdist's controller
        return
    with session.config.stash[blocking_manager_key].unblock():
        drop_made(connections["default"], session.config._tmp_path_factory.getbasetemp())


def _drop(connection, name):
    """Even with a connection left open (a live server's thread): the database is thrown away."""
    connection.close()
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


@contextmanager
def kept_for_a_module(django_db_blocker):
    """Rows made inside are kept for the tests of one module, then rolled back: for a module-
    scoped fixture that loads something dear (the demo) once instead of for each test. As in
    Django's `TestCase.setUpTestData`, each test then runs in its own savepoint inside, so what a
    test changes is undone before the next. Only for tests on the `db` fixture (not
    transactional ones)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # as Django's TestCase marks its class-wide block
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
