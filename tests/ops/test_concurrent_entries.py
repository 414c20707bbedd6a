"""The embedded default holds a deadline rush: 20 entries posted at the same moment to the site
served as `make run` serves it (runserver, its threads, and the worker sending receipts) on a
SQLite file give 20 entries, no error and 20 receipts.

Each client connects from its own loopback address (127.0.0.x), so the server sees 20 readers and
the per-address limit of the entry form (`competitions.ratelimit.POSTS_PER_IP`) is not what is
tested.
"""

import email
import http.client
import re
import sqlite3
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils.translation import override

from competitions import ratelimit
from tests.factories.competitions import birthday_for_age, jpeg_bytes
from tests.ops import embedded_site

ENTRIES = 20
pytestmark = [
    pytest.mark.ops,
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="a test of the embedded default (SQLite): it runs in the SQLite pass of the suite",
    ),
]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN_INPUT = re.compile(r'name="form_token" value="([^"]+)"')


def _client_address(number):
    return f"127.0.0.{10 + number}"


def _multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content_type, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Entrant:
    """One reader: opens the form from their own address, then sends it when told."""

    def __init__(self, number, port, path, image):
        self.number = number
        self.port = port
        self.path = path
        self.image = image
        self.status = None
        self.location = ""
        self.error = None

    def _connection(self):
        return http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=120, source_address=(_client_address(self.number), 0)
        )

    def open_form(self):
        conn = self._connection()
        conn.request("GET", self.path)
        response = conn.getresponse()
        page = response.read().decode()
        assert response.status == 200, page[:500]
        # The CSRF cookie and the session the form token is bound to (competitions.tokens).
        cookies = response.headers.get_all("Set-Cookie") or []
        self.cookie = "; ".join(cookie.split(";", 1)[0] for cookie in cookies)
        self.csrf = CSRF_INPUT.search(page)[1]
        self.form_token = FORM_TOKEN_INPUT.search(page)[1]
        conn.close()

    def send(self, barrier):
        try:
            fields = {
                "csrfmiddlewaretoken": self.csrf,
                "full_name": f"Entrant {self.number}",
                "email": f"entrant{self.number}@example.com",
                "date_of_birth": birthday_for_age(20).isoformat(),
                "country": "XK",
                "message_language": "en",
                "credit": "anonymous",
                "title": f"Photo {self.number}",
                "description": "",
                "declare_non_professional": "on",
                "declare_own_work": "on",
                "declare_people_agreed": "on",
                "declare_rules_read": "on",
                "declare_licence": "on",
                "form_token": self.form_token,
                "website": "",
            }
            body, content_type = _multipart(
                fields, {"image": (f"photo{self.number}.jpg", "image/jpeg", self.image)}
            )
            conn = self._connection()
            conn.connect()
            barrier.wait(timeout=60)
            conn.request(
                "POST",
                self.path,
                body=body,
                headers={
                    "Content-Type": content_type,
                    "Cookie": self.cookie,
                    "Referer": f"http://127.0.0.1:{self.port}{self.path}",
                },
            )
            response = conn.getresponse()
            response.read()
            self.status = response.status
            self.location = response.getheader("Location", "")
            conn.close()
        except Exception as error:
            self.error = repr(error)


def _receipts(mail_folder):
    """Recipients of the e-mails written so far."""
    recipients = []
    for path in sorted(Path(mail_folder).glob("*.log")):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                recipients.append(email.message_from_string(chunk.strip())["To"])
    return recipients


@pytest.fixture(scope="module")
def site_folder(django_db_setup, django_db_blocker, tmp_path_factory):
    """The suite's migrated test database (in memory, shared cache) copied into a file: nothing
    to migrate again. Module-scoped, so the copy is taken before the test's transaction opens
    (an open write transaction would hold the copy back)."""
    folder = tmp_path_factory.mktemp("embedded-site")
    with django_db_blocker.unblock():
        source = sqlite3.connect(connection.settings_dict["NAME"], uri=True)
        target = sqlite3.connect(folder / "db.sqlite3")
        source.backup(target)
        target.close()
        source.close()
    return folder


# The mark makes pytest-django set up the test database that `site_folder` copies.
@pytest.mark.django_db
def test_twenty_entries_at_once_on_the_embedded_default_all_saved_and_receipted(site_folder):
    assert ratelimit.POSTS_PER_IP < ENTRIES * 2  # one address for all would test the limit
    env = embedded_site.site_environment(site_folder)
    built = embedded_site.manage("shell", "-c", _BUILD, env=env)
    competition_id = int(built.stdout.split()[-1])
    with override("en"):
        path = reverse("competitions:enter", args=[competition_id])
    port = embedded_site.free_port()
    server = embedded_site.start(
        ["runserver", f"127.0.0.1:{port}", "--noreload"], env=env, log=site_folder / "server.log"
    )
    worker = embedded_site.start(
        ["db_worker", "--queue-name", "*", "--interval", "0.2", "--no-startup-delay"],
        env=env,
        log=site_folder / "worker.log",
    )
    try:
        embedded_site.wait_until_up(f"http://127.0.0.1:{port}{path}", server)
        image = jpeg_bytes(size=(400, 300))
        entrants = [Entrant(number, port, path, image) for number in range(ENTRIES)]
        for entrant in entrants:
            entrant.open_form()
        barrier = threading.Barrier(ENTRIES)
        threads = [threading.Thread(target=entrant.send, args=(barrier,)) for entrant in entrants]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=180)
        deadline = time.monotonic() + 90
        while len(_receipts(site_folder / "mail")) < ENTRIES and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        embedded_site.stop(server)
        embedded_site.stop(worker)
    server_log = (site_folder / "server.log").read_text()
    assert [(entrant.error, entrant.status) for entrant in entrants] == [(None, 302)] * ENTRIES
    assert all("/competitions/received/" in entrant.location for entrant in entrants)
    assert "database is locked" not in server_log
    database = sqlite3.connect(site_folder / "db.sqlite3")
    titles = database.execute(
        "SELECT title FROM competitions_entry WHERE competition_id = ? ORDER BY title",
        [competition_id],
    ).fetchall()
    database.close()
    assert sorted(title for (title,) in titles) == sorted(f"Photo {n}" for n in range(ENTRIES))
    assert sorted(_receipts(site_folder / "mail")) == sorted(
        f"entrant{n}@example.com" for n in range(ENTRIES)
    )
    assert "database is locked" not in (site_folder / "worker.log").read_text()


_BUILD = "from tests.ops.embedded_site import build_open_competition; build_open_competition()"
