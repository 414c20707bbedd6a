"""Admin login throttling (django-axes): lockout after repeated failures, without telling
whether the account exists."""

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.conf import settings

from website.models import User

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/"


@pytest.fixture
def staff_user(db):
    return User.objects.create_user(
        username="vjollca",
        email="vjollca@example.org",
        password="the-right-password-42",
        is_staff=True,
        is_superuser=True,
    )


def attempt(client, username, password="wrong-password"):  # noqa: S107
    return client.post(LOGIN_URL, {"username": username, "password": password, "next": "/admin/"})


def fail_until_locked(client, username):
    """The responses to AXES_FAILURE_LIMIT wrong passwords, then the response to one more."""
    failures = [attempt(client, username) for _ in range(settings.AXES_FAILURE_LIMIT)]
    return failures, attempt(client, username)


def test_failure_limit_is_five():
    assert settings.AXES_FAILURE_LIMIT == 5


def test_wrong_passwords_below_the_limit_show_the_login_form_again(client, staff_user):
    failures = [attempt(client, "vjollca") for _ in range(settings.AXES_FAILURE_LIMIT - 1)]

    assert [response.status_code for response in failures] == [200] * 4
    assert AccessAttempt.objects.get(username="vjollca").failures_since_start == 4


def test_attempt_after_the_limit_is_locked_out(client, staff_user):
    failures, locked = fail_until_locked(client, "vjollca")

    assert [response.status_code for response in failures] == [200, 200, 200, 200, 429]
    assert locked.status_code == 429
    page = BeautifulSoup(locked.content.decode(), "html.parser")
    assert page.h1.get_text(strip=True) == "Shumë përpjekje"
    assert page.find("form") is None


def test_lockout_holds_even_with_the_right_password(client, staff_user):
    fail_until_locked(client, "vjollca")

    response = attempt(client, "vjollca", password="the-right-password-42")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_page_is_identical_for_existing_and_unknown_accounts(client, staff_user):
    _failures, existing = fail_until_locked(client, "vjollca")
    _failures, unknown = fail_until_locked(client, "nobody-by-this-name")

    assert existing.status_code == unknown.status_code
    assert existing.content == unknown.content
    assert "vjollca" not in existing.content.decode()


def test_failed_login_message_is_identical_for_existing_and_unknown_accounts(client, staff_user):
    existing = attempt(client, "vjollca")
    unknown = attempt(client, "nobody-by-this-name")

    def errors(response):
        return sorted(str(error) for error in response.context["form"].non_field_errors())

    assert errors(existing) == errors(unknown)
    assert len(errors(existing)) == 1


def test_lockout_of_one_account_does_not_lock_another(client, staff_user):
    fail_until_locked(client, "nobody-by-this-name")

    response = attempt(client, "vjollca", password="the-right-password-42")

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_successful_login_resets_the_failure_count(client, staff_user):
    attempt(client, "vjollca")
    attempt(client, "vjollca")

    attempt(client, "vjollca", password="the-right-password-42")

    assert AccessAttempt.objects.filter(username="vjollca").count() == 0
