"""The Wagtail admin speaks Albanian to whoever has not chosen another language, whatever the
browser asks for; a choice made in the account is kept."""

import html
import json
import re

import pytest
from wagtail.users.models import UserProfile


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        username="redaktore", email="redaktore@example.org", password="pw-not-used"
    )


def test_sign_in_page_is_albanian_for_an_english_browser(client, db):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.status_code == 200
    assert response["Content-Language"] == "sq"
    assert '<html lang="sq"' in response.text
    assert "Keni harruar fjalëkalimin?" in response.text
    assert "Forgotten password?" not in response.text


def test_sign_in_page_ignores_the_readers_lang_cookie(client, db):
    client.cookies["lang"] = "en"

    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")

    assert "Keni harruar fjalëkalimin?" in response.text


def test_dashboard_is_albanian_for_staff_who_chose_nothing(client, staff):
    client.force_login(staff)

    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8")

    assert response.status_code == 200
    assert '<html lang="sq"' in response.text
    assert "Paneli" in response.text


def test_dashboard_follows_the_language_chosen_in_the_account(client, staff):
    UserProfile.get_for_user(staff).__class__.objects.filter(user=staff).update(
        preferred_language="en"
    )
    client.force_login(staff)

    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="sq")

    assert response.status_code == 200
    assert '<html lang="en"' in response.text
    assert "Dashboard" in response.text


def test_public_pages_still_follow_the_url_language(client, home):
    response = client.get("/en/", HTTP_ACCEPT_LANGUAGE="sq")

    assert response["Content-Language"] == "en"


def test_the_page_editor_opens_with_both_languages_fields(client, staff, home):
    """The SQ / EN buttons of the editor start with both on: English under each Albanian field."""
    client.force_login(staff)

    response = client.get(f"/admin/pages/{home.pk}/edit/")

    assert response.status_code == 200
    found = re.search(r'data-model-translations="([^"]+)"', response.text)
    options = json.loads(html.unescape(found[1]))
    assert options["locale_picker_default"] == ["sq", "en"]
    assert options["languages"] == ["sq", "en"]
    assert options["viewEditString"] == "Shiko / redakto fushat për"
