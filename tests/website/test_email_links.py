"""E-mail that works wherever the site runs: every link starts with SITE_URL (the settings'
WAGTAILADMIN_BASE_URL follows it; `make run PORT=8123` sets it), and the sender name is the one of
the e-mail's language (EMAIL_SENDER_NAMES)."""

import re
import subprocess
from pathlib import Path

import pytest
from django.core import mail

from newsletter import sending
from tests.competitions.conftest import index, photo, submit  # noqa: F401 - fixtures
from tests.factories.bulletins import BulletinIndexPageFactory, BulletinPageFactory, own_item
from website.emails import sender

SITE = "http://127.0.0.1:8123"
LINK = re.compile(r"https?://[^\s\"'<>)]+")


@pytest.fixture
def site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE  # what SITE_URL=http://127.0.0.1:8123 gives
    settings.DEFAULT_FROM_EMAIL = "Untold Stories <no-reply@example.org>"
    return SITE


def _links(message):
    text = message.body + "".join(
        content for content, _type in getattr(message, "alternatives", [])
    )
    return LINK.findall(text)


def test_sender_name_follows_the_language(settings):
    settings.DEFAULT_FROM_EMAIL = "Untold Stories <no-reply@example.org>"
    assert sender("sq") == "Historitë e pathëna <no-reply@example.org>"
    assert sender("en") == "Untold Stories <no-reply@example.org>"
    assert sender("sq", "Buletini <bulletin@example.org>") == (
        "Historitë e pathëna <bulletin@example.org>"
    )


@pytest.mark.parametrize(
    ("url", "language", "name"),
    [("/sq/abonohu/", "sq", "Historitë e pathëna"), ("/en/subscribe/", "en", "Untold Stories")],
)
def test_a_subscription_confirmation_links_to_site_url_from_the_sender_of_its_language(
    client, home, site_url, django_capture_on_commit_callbacks, url, language, name
):
    form = {"email": "a@example.org", "language": language, "consent": "on", "source": "page"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {**form, "website": ""}).status_code == 303

    (message,) = mail.outbox
    links = _links(message)
    assert links
    assert [link for link in links if not link.startswith(SITE + "/")] == []
    assert message.from_email == f"{name} <no-reply@example.org>"


def test_an_entrant_receipt_links_to_site_url(photo, site_url, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        submit(photo)

    assert mail.outbox
    for message in mail.outbox:
        links = _links(message)
        assert links
        assert [link for link in links if not link.startswith(SITE + "/")] == []


def _wrong(urls):
    """URLs not on SITE_URL that point at the site: relative, or on another host of ours."""
    return [
        url
        for url in urls
        if url.startswith("/") or re.match(r"https?://(localhost|testserver|127\.0\.0\.1)", url)
        if not url.startswith(SITE + "/")
    ]


def test_every_link_and_image_of_a_bulletin_email_starts_with_site_url(
    home, site_settings, image, site_url
):
    page = BulletinPageFactory(
        parent=BulletinIndexPageFactory(parent=home), items=[own_item(3, image=image), own_item(11)]
    )

    for mode in ("sq", "en", "both"):
        rendered = sending.render_mode(page, mode, token="t0ken")
        urls = re.findall(r'(?:href|src)="([^"]+)"', rendered["html"])
        images = re.findall(r'<img[^>]*src="([^"]+)"', rendered["html"])
        assert images, mode
        assert [url for url in images if not url.startswith(SITE + "/")] == [], mode
        assert any(url.startswith(f"{SITE}/{'en' if mode == 'en' else 'sq'}/") for url in urls)
        assert _wrong(urls) == [], mode
        assert _wrong(LINK.findall(rendered["text"])) == [], mode


def test_make_run_gives_the_port_to_the_demo_and_to_the_server():
    """The demo's e-mails are written by load_demo, before the server starts: both get SITE_URL."""
    root = Path(__file__).resolve().parents[2]
    commands = subprocess.run(
        ["make", "-n", "run", "PORT=8123"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.splitlines()

    demo = next(line for line in commands if "load_demo" in line)
    assert demo.startswith('SITE_URL="${SITE_URL:-http://127.0.0.1:8123}" ')
    server = (root / "bin" / "run-dev").read_text()
    assert 'export SITE_URL="${SITE_URL:-http://127.0.0.1:${PORT}}"' in server
    assert "PORT=8123 bin/run-dev" in commands
