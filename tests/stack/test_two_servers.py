"""Two app servers behind the front, as production runs them: real gunicorn processes with the
production settings, Varnish with deploy/varnish/default.vcl, the task worker in its own
process, PostgreSQL, Redis and SeaweedFS (the object store).

The stack is conftest.py's `two_servers`, started once per session (migrated database, demo
content, static files), in a throwaway PostgreSQL database and Redis database. E-mail leaves
through Django's file-based backend into a temporary folder, so the messages the worker sends
can be counted.
"""

import io
import re
import time
from datetime import date, timedelta
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
import requests
from django_otp.oath import totp
from PIL import Image

pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("two_servers")]


@pytest.fixture
def stack(two_servers):
    return two_servers


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
