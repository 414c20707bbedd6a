"""Two app servers behind the front, as production runs them: real gunicorn processes with the
production settings, Varnish with deploy/varnish/default.vcl, the task worker in its own
process, PostgreSQL, Redis and SeaweedFS (the object store).

One stack for the whole module (started once: migrate, demo content, static files), in a
throwaway PostgreSQL database and Redis database. E-mail leaves through Django's file-based
backend into a temporary folder, so the messages the worker sends can be counted.
"""

import http.client
import io
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
import redis
import requests
from django_otp.oath import totp
from PIL import Image

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
    env = servers.own_environment()
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
        for process in reversed(processes):
            servers.stop(process, timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
        _drop_database()

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
                [sys.executable, "manage.py", "run_worker"],
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


def test_the_worker_sends_the_confirmation_exactly_once(stack):
    def sent_to(address):
        # The file-based backend appends to one file per connection and second: count the
        # messages, not the files.
        return sum(path.read_text().count(f"To: {address}\n") for path in stack.mails())

    assert subscribe(stack, stack.front_port, "once@example.org", source="127.0.0.41") == 303
    deadline = time.monotonic() + 60
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


class Browser:
    """One reader's browser talking straight to one app server: keeps cookies, reads the CSRF
    token of each form it is about to post."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = requests.Session()

    def get(self, path):
        return self.session.get(self.base + path, allow_redirects=False, timeout=30)

    def post_form(self, path, data, *, files=None, form_page=None):
        page = self.get(form_page or path)
        assert page.status_code == 200, (path, page.status_code)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.session.post(
            self.base + path,
            data={"csrfmiddlewaretoken": token, **data},
            files=files,
            allow_redirects=False,
            timeout=30,
        )


def jpeg(size=(640, 480), color=(40, 90, 140)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def test_an_entry_submitted_through_one_server_is_moderated_through_the_other(stack):
    first, second = stack.app_ports
    # An open photo competition, and a moderator with an authenticator app (staff must give a
    # second factor): its key printed, so that this test can compute the codes the app shows.
    created = stack.manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth.models import Group\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "from competitions.models import CompetitionIndexPage\n"
        "from tests.factories.competitions import CompetitionPageFactory\n"
        "from website.models import User\n"
        "page = CompetitionPageFactory(parent=CompetitionIndexPage.objects.first(),\n"
        "    slug_en='open-photo', slug_sq='foto-e-hapur')\n"
        "user = User.objects.create_user('moderator2', 'mod2@example.org', 'moderator-pass-1')\n"
        "user.groups.add(Group.objects.get(name='Competition moderators'))\n"
        "device = TOTPDevice.objects.create(user=user, name='Phone', confirmed=True)\n"
        "print(page.pk, device.key)\n",
    )
    competition_id, key = created.split()[-2:]

    entrant = Browser(first)
    enter = f"/en/competitions/{competition_id}/enter/"
    form = entrant.get(enter)
    form_token = re.search(r'name="form_token" value="([^"]+)"', form.text).group(1)
    submitted = entrant.post_form(
        enter,
        {
            "full_name": "Ana Hoxha",
            "email": "ana.two@example.org",
            "date_of_birth": (date.today() - timedelta(days=20 * 366)).isoformat(),
            "country": "XK",
            "message_language": "en",
            "credit": "anonymous",
            "title": "The way home",
            "description": "A street in the evening.",
            "declare_non_professional": "on",
            "declare_own_work": "on",
            "declare_people_agreed": "on",
            "declare_rules_read": "on",
            "declare_licence": "on",
            "form_token": form_token,
        },
        files={"image": ("photo.jpg", jpeg(), "image/jpeg")},
    )
    assert submitted.status_code == 302, submitted.text[-2000:]
    entry_id, state = stack.manage(
        "shell",
        "--no-imports",
        "-c",
        "from competitions.models import Entry\n"
        "entry = Entry.objects.get(entrant__email='ana.two@example.org')\n"
        "print(entry.pk, entry.state)\n",
    ).split()[-2:]
    assert state == "in_moderation"

    moderator = Browser(second)
    signed_in = moderator.post_form(
        "/admin/login/",
        {"username": "moderator2", "password": "moderator-pass-1", "next": "/admin/"},
    )
    assert (signed_in.status_code, signed_in.headers["Location"]) == (302, "/admin/")
    # Signed in with the password only: the admin asks for the second factor first.
    asked = moderator.get(f"/admin/entries/{entry_id}/")
    assert asked.status_code == 302
    assert asked.headers["Location"].startswith("/admin/two-factor/?next=")
    code = f"{totp(bytes.fromhex(key)):06d}"
    verified = moderator.post_form(
        "/admin/two-factor/verify/", {"code": code, "next": f"/admin/entries/{entry_id}/"}
    )
    assert (verified.status_code, verified.headers["Location"]) == (
        302,
        f"/admin/entries/{entry_id}/",
    )
    approved = moderator.post_form(f"/admin/entries/{entry_id}/", {"action": "approve"})

    # Then the next waiting entry opens (another test's entry), or the queue when none is left.
    assert approved.status_code == 302
    assert re.fullmatch(r"/admin/entries/(\d+/)?", approved.headers["Location"])
    assert approved.headers["Location"] != f"/admin/entries/{entry_id}/"
    assert (
        stack.manage(
            "shell",
            "--no-imports",
            "-c",
            "from competitions.models import Entry\n"
            f"print(Entry.objects.get(pk={entry_id}).state)\n",
        ).split()[-1]
        == "approved"
    )
