"""Two app servers behind the front, as production runs them: real gunicorn processes with the
production settings, Varnish with deploy/varnish/default.vcl, the task worker in its own
process, PostgreSQL, Redis and SeaweedFS (the object store).

One stack for the whole module (started once: migrate, demo content, static files), in a
throwaway PostgreSQL database and Redis database. E-mail leaves through Django's file-based
backend into a temporary folder, so the messages the worker sends can be counted.
"""

import http.client
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
import redis

from deploy import servers

pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE = f"us_two_servers_{os.getpid()}"
REDIS_DB = 14
SUBSCRIBE_LIMIT = 2

SETTINGS = f"""
from website.settings.production import *  # noqa: F403

STATIC_ROOT = {{static_root!r}}
# Small enough to reach in a test; the same limit for every app server.
NEWSLETTER_SUBSCRIBE_RATE = ({SUBSCRIBE_LIMIT}, 600)
"""


def _missing(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it: .ci/run)")
    pytest.skip(reason)


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


def _drop_database():
    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


@pytest.fixture(scope="module")
def stack(object_store):
    if servers.varnishd() is None:
        _missing("varnishd is not installed: apt-get install varnish")
    try:
        _drop_database()
        with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')
        redis.Redis.from_url(f"redis://127.0.0.1:6379/{REDIS_DB}").flushdb()
    except (psycopg.OperationalError, redis.ConnectionError) as error:
        _missing(f"PostgreSQL and Redis on 127.0.0.1 are needed: {error}")

    tmp = Path(tempfile.mkdtemp(prefix="us-two-servers-"))
    tmp.chmod(0o755)
    mail_dir = tmp / "mail"
    mail_dir.mkdir()
    (tmp / "two_servers_settings.py").write_text(SETTINGS.format(static_root=str(tmp / "static")))
    front_port = servers.free_port()
    app_ports = [servers.free_port(), servers.free_port()]
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DEBUG"}
        and not key.startswith(("SECURE_", "EMAIL_", "ANYMAIL_", "S3_", "AWS_"))
    }
    env.update(
        object_store.environ,
        DJANGO_SETTINGS_MODULE="two_servers_settings",
        PYTHONPATH=f"{tmp}{os.pathsep}{ROOT}",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        APP_SERVERS="2",
        SITE_URL=f"http://127.0.0.1:{front_port}",
        SECURE_SSL_REDIRECT="off",
        SECURE_HSTS_SECONDS="0",
        SECURE_COOKIES="off",
        EMAIL_URL=f"filemail://{mail_dir}",
        CACHE_FRONT_PURGE_URL=f"http://127.0.0.1:{front_port}",
        WEB_CONCURRENCY="1",
        PYTHONUNBUFFERED="1",
    )
    processes = []
    stack = Stack(front_port, app_ports, mail_dir, env)
    try:
        setup_env = {key: value for key, value in env.items() if key != "CACHE_FRONT_PURGE_URL"}
        for args in (
            ["migrate", "--noinput", "-v", "0"],
            ["load_demo"],
            ["collectstatic", "--noinput", "-v", "0"],
        ):
            Stack(front_port, app_ports, mail_dir, setup_env).manage(*args)
        processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--queue-name", "*"],
                cwd=ROOT,
                env=env,
                stdout=(tmp / "worker.log").open("wb"),
                stderr=subprocess.STDOUT,
            )
        )
        for port in app_ports:
            processes.append(
                subprocess.Popen(
                    [GUNICORN, "--config", "deploy/gunicorn.conf.py", "website.wsgi:application"],
                    cwd=ROOT,
                    env={**env, "BIND": f"127.0.0.1:{port}"},
                    stdout=(tmp / f"app-{port}.log").open("wb"),
                    stderr=subprocess.STDOUT,
                )
            )
        for port, process in zip(app_ports, processes[1:], strict=True):
            servers.wait_for_port(port, timeout=60, process=process)
            servers.wait_for_http(f"http://127.0.0.1:{port}/en/", timeout=60, ok=(200,))
        with (tmp / "varnishd.log").open("wb") as log:
            processes.append(
                servers.start_varnish(
                    tmp / "varnish", port=front_port, backend_ports=app_ports, memory="64m", log=log
                )
            )
        servers.wait_for_http(f"http://127.0.0.1:{front_port}/en/", timeout=60, ok=(200,))
        yield stack
    finally:
        for process in reversed(processes):
            servers.stop(process, timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
        _drop_database()


def subscribe(stack, port, email, *, source="127.0.0.1"):
    """The subscribe form, read and posted through `port` from `source`: the POST's status."""
    status, headers, page = stack.request(port, "GET", "/en/subscribe/", source=source)
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookies = SimpleCookie()
    for header in headers.get_all("Set-Cookie"):
        cookies.load(header)
    cookie = cookies["csrftoken"].value
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "email": email,
            "language": "en",
            "consent": "on",
            "source": "page",
            "website": "",
        }
    )
    status, _headers, _page = stack.request(
        port,
        "POST",
        "/en/subscribe/",
        source=source,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
        },
    )
    return status


def test_rate_limit_counts_are_shared_by_the_app_servers(stack):
    first, second = stack.app_ports

    statuses = [
        subscribe(stack, first, "a1@example.org", source="127.0.0.21"),
        subscribe(stack, second, "a2@example.org", source="127.0.0.21"),
        subscribe(stack, first, "a3@example.org", source="127.0.0.21"),
    ]

    assert statuses == [303, 303, 429]


def test_two_readers_behind_the_front_are_limited_separately(stack):
    front = stack.front_port

    one = [subscribe(stack, front, f"b{n}@example.org", source="127.0.0.31") for n in range(3)]
    two = [subscribe(stack, front, f"c{n}@example.org", source="127.0.0.32") for n in range(2)]

    assert one == [303, 303, 429]
    assert two == [303, 303]


@pytest.mark.xfail(
    reason="not seen passing yet: no message reached the file-based backend's folder within "
    "30 s although the worker ran mail.tasks.send_message (issue 12, item 6: to investigate)",
    strict=False,
)
def test_the_worker_sends_the_confirmation_exactly_once(stack):
    def sent_to(address):
        # The file-based backend appends to one file per connection and second: count the
        # messages, not the files.
        return sum(path.read_text().count(f"To: {address}\n") for path in stack.mails())

    assert subscribe(stack, stack.front_port, "once@example.org", source="127.0.0.41") == 303
    deadline = time.monotonic() + 30
    while sent_to("once@example.org") == 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # long enough for a second, wrong delivery to show

    assert sent_to("once@example.org") == 1, stack.worker_log()


def test_a_publish_in_another_process_purges_the_page_served_by_the_front(stack):
    path = "/en/stories/"
    stack.request(stack.front_port, "GET", path)
    status, headers, page = stack.request(stack.front_port, "GET", path)
    assert (status, headers["X-Cache"]) == (200, "HIT")
    assert "Changed by the second server" not in page

    stack.manage(
        "shell",
        "--no-imports",
        "-c",
        "from stories.models import StoryIndexPage\n"
        "page = StoryIndexPage.objects.get()\n"
        "page.intro_en = 'Changed by the second server'\n"
        "page.save_revision().publish()\n",
    )

    status, headers, page = stack.request(stack.front_port, "GET", path)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    assert "Changed by the second server" in page
