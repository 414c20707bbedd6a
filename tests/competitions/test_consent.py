"""Consent that a child cannot fake so easily: addresses compared normalised, a guardian's
address in the entrant's mailbox or a throwaway one flagged for a moderator, a refused consent
e-mail shown to the entrant with a way to correct it (once a day), the consent page saying what
the guardian agrees to, the link telling how it ended, and the credit starting on a pen name."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from competitions import services, tokens
from competitions.consent import normalise_email
from competitions.enums import ConsentCheck, ConsentState
from competitions.models import Entry
from tests.competitions.conftest import minor_birthday, submit
from tests.competitions.refusing_mail import REFUSED


def submit_minor(competition, guardian_email, **overrides):
    return submit(
        competition,
        date_of_birth=minor_birthday(),
        guardian_name="Besa Hoxha",
        guardian_email=guardian_email,
        **overrides,
    )


@pytest.mark.parametrize(
    ("address", "mailbox"),
    [
        ("Kid+Mum@Example.com", "kid@example.com"),
        ("k.i.d+mum@googlemail.com", "kid@gmail.com"),
        ("K.I.D@gmail.com", "kid@gmail.com"),
        ("k.i.d@example.com", "k.i.d@example.com"),  # dots count elsewhere
    ],
)
def test_normalise_email(address, mailbox):
    assert normalise_email(address) == mailbox


def test_guardian_address_in_entrants_mailbox_flagged_for_moderator(client, photo, moderator):
    entry = submit_minor(photo, "kid+mum@example.com", email="kid@example.com")
    assert entry.consent_check == ConsentCheck.SAME_MAILBOX

    services.give_consent(entry)
    client.force_login(moderator)
    queue = client.get(reverse("competitions_admin:queue"))
    detail = client.get(reverse("competitions_admin:detail", args=[entry.pk])).content.decode()

    # The admin speaks the user's language: the label is looked for in the one it rendered.
    with translation.override(queue.context["LANGUAGE_CODE"]):
        label = escape(str(ConsentCheck.SAME_MAILBOX.label))
    assert [row.consent_check for row in queue.context["object_list"]] == ["same_mailbox"]
    assert label in queue.content.decode()
    assert 'class="status-tag status-tag--warning consent-check"' in detail
    assert label in detail


def test_gmail_dots_and_disposable_domains_flagged(photo):
    gmail = submit_minor(photo, "a.n.a@googlemail.com", email="ana@gmail.com", token="g")
    throwaway = submit_minor(photo, "mum@yopmail.com", email="b@example.com", token="t")
    parent = submit_minor(photo, "mira@example.com", email="c@example.com", token="p")

    assert [gmail.consent_check, throwaway.consent_check, parent.consent_check] == [
        ConsentCheck.SAME_MAILBOX,
        ConsentCheck.DISPOSABLE,
        "",
    ]


@pytest.fixture
def refusing_mail(settings):
    settings.MAIL_DELIVERY_BACKEND = "tests.competitions.refusing_mail.Backend"


def test_refused_consent_email_shown_and_mailed_to_entrant_then_corrected_once_a_day(
    client, photo, refusing_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = submit_minor(photo, REFUSED, email="arta@example.com")
    entry.refresh_from_db()
    assert entry.consent_undelivered_at is not None
    told = [m for m in mail.outbox if m.subject.endswith("did not arrive")]
    assert [m.to for m in told] == [["arta@example.com"]]
    assert REFUSED in told[0].body
    page_url = reverse("competitions:entry", args=[tokens.entrant_token(entry)])
    page = client.get(page_url).content.decode()
    assert "Your parent or guardian did not get our e-mail" in page
    old_link = tokens.guardian_token(entry)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page_url, {"action": "guardian_email", "guardian_email": "Mira@Example.com"}
        )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.entrant.guardian_email == "mira@example.com"
    assert entry.consent_undelivered_at is None
    assert [m.to for m in mail.outbox] == [["mira@example.com"]]
    assert tokens.guardian_token(entry) != old_link
    # The old link no longer opens the entry: it reads as expired.
    old = client.get(reverse("competitions:guardian", args=[old_link]))
    assert "This consent link has expired" in old.content.decode()

    again = client.post(page_url, {"action": "guardian_email", "guardian_email": "x@example.com"})

    assert again.status_code == 200
    assert "You can send it again tomorrow" in again.content.decode()
    assert Entry.objects.get(pk=entry.pk).entrant.guardian_email == "mira@example.com"
    services.change_guardian_email(
        entry, email="x@example.com", now=timezone.now() + timedelta(hours=25)
    )
    assert Entry.objects.get(pk=entry.pk).entrant.guardian_email == "x@example.com"


def test_consent_page_says_what_is_agreed_with_the_credit(client, photo):
    entry = submit_minor(photo, "mira@example.com", credit="pen_name", pen_name="Dallëndyshja")

    page = client.get(reverse("competitions:guardian", args=[tokens.guardian_token(entry)]))

    html = page.content.decode()
    assert "What you agree to" in html
    assert "credited with the pen name “Dallëndyshja”, never with the real name" in html


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        ("consent", "You have given your consent."),
        ("refuse", "You did not consent, so the entry and its personal data have been deleted."),
    ],
)
def test_reopened_consent_link_shows_the_answer(client, photo, answer, shown):
    entry = submit_minor(photo, "mira@example.com")
    url = reverse("competitions:guardian", args=[tokens.guardian_token(entry)])
    client.post(url, {"action": answer})

    again = client.get(url)

    assert again.status_code == 200
    assert shown in again.content.decode()
    assert "Drita" not in again.content.decode()


def test_reopened_consent_link_after_expiry_says_expired(client, photo):
    entry = submit_minor(photo, "mira@example.com")
    url = reverse("competitions:guardian", args=[tokens.guardian_token(entry)])
    Entry.objects.filter(pk=entry.pk).update(submitted_at=timezone.now() - timedelta(days=15))
    services.expire_unconsented()

    again = client.get(url)

    assert (Entry.objects.get(pk=entry.pk).consent_state, again.status_code) == (
        ConsentState.EXPIRED,
        200,
    )
    assert "This consent link has expired" in again.content.decode()
    assert client.get(reverse("competitions:guardian", args=["forged"])).status_code == 404


def test_credit_starts_on_pen_name_with_why(client, photo):
    response = client.get(reverse("competitions:enter", args=[photo.pk]))

    html = response.content.decode()
    assert response.context["form"]["credit"].value() == "pen_name"
    assert re.search(r'<input type="radio" name="credit" value="pen_name"[^>]* checked', html)
    assert "A pen name or no name protects you" in html
