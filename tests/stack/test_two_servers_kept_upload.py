"""The image kept across a form error (decision 35, `PendingUpload`) on the two-server stack:
the photo is sent with an error through one app server, kept in the private bucket of the
object store (SeaweedFS), and the form is sent again through the other app server without the
file; the entry is stored with the photo, in the object store, and the kept copy is gone.

Uses conftest.py's `two_servers` (two gunicorn app servers with the production settings, the
worker, PostgreSQL, Redis, SeaweedFS, Varnish), the same stack as tests/stack/test_two_servers.py.
"""

import re

import pytest
import requests

from tests.factories.competitions import entry_form_data
from tests.stack.test_two_servers import jpeg

pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("two_servers")]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def shell(stack, code):
    """The last line `code` prints, run by manage.py shell with the stack's settings."""
    return stack.manage("shell", "--no-imports", "-c", code).strip().splitlines()[-1]


def entry_form(title, token):
    return entry_form_data(
        token,
        full_name="Drita Kola",
        email="drita.kept@example.org",
        title=title,
        description="The river at dusk.",
    )


def test_an_image_kept_by_one_server_is_sent_through_the_other(two_servers, object_store):
    stack = two_servers
    first, second = stack.app_ports
    competition_id = shell(
        stack,
        "from competitions.models import CompetitionIndexPage\n"
        "from tests.factories.competitions import CompetitionPageFactory\n"
        # Edition 4: test_two_servers.py opens edition 3 on the same stack, and entry references
        # are numbered per kind and edition (US3-PHOTO-0001).
        "page = CompetitionPageFactory(parent=CompetitionIndexPage.objects.first(),\n"
        "    slug_en='kept-photo', slug_sq='foto-e-mbajtur', edition=4)\n"
        "print(page.pk)\n",
    )
    enter = f"/en/competitions/{competition_id}/enter/"
    browser = requests.Session()  # one browser: its cookies go to both app servers (127.0.0.1)

    form = browser.get(f"http://127.0.0.1:{first}{enter}", timeout=30)
    token = FORM_TOKEN.search(form.text)[1]
    with_error = browser.post(
        f"http://127.0.0.1:{first}{enter}",
        data={"csrfmiddlewaretoken": CSRF.search(form.text)[1], **entry_form("", token)},
        files={"image": ("IMG_0815.jpg", jpeg((1200, 900)), "image/jpeg")},
        allow_redirects=False,
        timeout=30,
    )

    assert with_error.status_code == 200
    assert "Your image is kept" in with_error.text
    kept = shell(
        stack,
        "from competitions.models import PendingUpload\n"
        "pending = PendingUpload.objects.get(original_name='IMG_0815.jpg')\n"
        "print(pending.image.name, pending.thumbnail.name)\n",
    ).split()
    assert set(kept) <= set(object_store.keys(object_store.private_bucket))

    # The browser sends the form it got back (its CSRF token), now to the other app server.
    sent = browser.post(
        f"http://127.0.0.1:{second}{enter}",
        data={
            "csrfmiddlewaretoken": CSRF.search(with_error.text)[1],
            **entry_form("The river", token),
        },
        allow_redirects=False,
        timeout=30,
    )

    assert sent.status_code == 302, sent.text[-2000:]
    stored = shell(
        stack,
        "from competitions.models import Entry, PendingUpload\n"
        "entry = Entry.objects.get(entrant__email='drita.kept@example.org')\n"
        "print(entry.title, entry.image_width, entry.image_height, entry.image.name,\n"
        "      PendingUpload.objects.filter(original_name='IMG_0815.jpg').count(), sep='|')\n",
    ).split("|")
    title, width, height, image_name, pending_left = stored
    assert (title, width, height, pending_left) == ("The river", "1200", "900", "0")
    private_keys = object_store.keys(object_store.private_bucket)
    assert image_name in private_keys
    assert not set(kept) & set(private_keys)
    assert image_name not in object_store.keys(object_store.media_bucket)
