"""Wagtail's password reset (what staff and jurors use) throttled per account and per client
address, with the same answer whatever the account (website/password_reset.py)."""

import pytest
from django.core import mail

from website import password_reset
from website.models import User

pytestmark = pytest.mark.django_db

RESET_URL = "/admin/password_reset/"
DONE_URL = "/admin/password_reset/done/"


@pytest.fixture
def staff(db):
    return User.objects.create_user(
        username="arta", email="arta@example.org", password="a-long-password-42", is_staff=True
    )


def reset(client, email, address="192.0.2.10"):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=address)


def test_ten_resets_for_one_account_in_a_minute_send_one_email(
    client, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        responses = [reset(client, "arta@example.org") for _ in range(10)]

    assert [(r.status_code, r["Location"]) for r in responses] == [(302, DONE_URL)] * 10
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["arta@example.org"]


def test_one_account_from_ten_addresses_still_gets_one_email(
    client, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for index in range(10):
            reset(client, "arta@example.org", address=f"198.51.100.{index}")

    assert len(mail.outbox) == 1


def test_one_address_is_held_back_after_its_hourly_limit(
    client, django_capture_on_commit_callbacks
):
    for index in range(password_reset.ADDRESS_LIMIT + 1):
        User.objects.create_user(
            username=f"staff{index}", email=f"staff{index}@example.org", password="x-42-long-pw"
        )

    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            reset(client, f"staff{index}@example.org")
            for index in range(password_reset.ADDRESS_LIMIT + 1)
        ]

    assert [r["Location"] for r in responses] == [DONE_URL] * (password_reset.ADDRESS_LIMIT + 1)
    assert len(mail.outbox) == password_reset.ADDRESS_LIMIT
    assert "staff10@example.org" not in [message.to[0] for message in mail.outbox]


def test_answer_is_the_same_for_an_account_an_unknown_address_and_a_throttled_one(client, staff):
    known = reset(client, "arta@example.org", address="192.0.2.1")
    unknown = reset(client, "nobody@example.org", address="192.0.2.2")
    throttled = reset(client, "arta@example.org", address="192.0.2.3")

    answers = [(r.status_code, r["Location"], r.content) for r in (known, unknown, throttled)]
    assert answers == [(302, DONE_URL, b"")] * 3


def test_done_page_does_not_name_the_account(client, staff):
    reset(client, "arta@example.org")

    page = client.get(DONE_URL)

    assert page.status_code == 200
    assert "arta@example.org" not in page.content.decode()
