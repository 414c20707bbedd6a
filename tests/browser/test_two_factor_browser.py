"""Two-factor sign-in in Chromium: a juror's and a superuser's first sign-in, enrolment with an
authenticator app (the code computed here from the key the page shows), the recovery codes, and
the page they asked for. Marked `second_factor`: nothing marks these sign-ins verified."""

import base64

import pytest
from django_otp.oath import totp

from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.second_factor]

PASSWORD = "correct-horse-battery-staple-7"


def navigate(page, action):
    with page.expect_navigation(wait_until="load"):
        action()


def h1(page):
    return page.inner_text("h1").strip()


def code_from_the_page(page):
    secret = page.inner_text(".two-factor__secret").replace(" ", "")
    return f"{totp(base64.b32decode(secret)):06d}"


def test_juror_enrols_on_first_sign_in_in_albanian(page, live_site, axe_violations):
    UserFactory(username="gjyqtari", password=PASSWORD)
    page.goto(f"{live_site}/sq/juri/hyrje/")
    page.fill("#id_username", "gjyqtari")
    page.fill("#id_password", PASSWORD)
    navigate(page, lambda: page.keyboard.press("Enter"))

    assert page.url == f"{live_site}/sq/juri/dy-hapa/konfigurimi/?next=%2Fsq%2Fjuri%2F"
    assert h1(page) == "Konfiguroni hyrjen me dy hapa"
    assert page.locator(".two-factor__qr svg").count() == 1
    assert axe_violations(page) == []

    page.fill("input[name=code]", code_from_the_page(page))
    navigate(page, lambda: page.click("form.two-factor__form button[type=submit]"))

    assert h1(page) == "Kodet e rikuperimit"
    assert page.locator(".two-factor__codes li").count() == 10
    navigate(page, lambda: page.click("text=I kam ruajtur, vazhdo"))
    assert page.url == f"{live_site}/sq/juri/"


def test_superuser_enrols_in_the_admin(page, live_site, axe_violations):
    UserFactory(username="rrenja", password=PASSWORD, superuser=True, preferred_language="en")
    page.goto(f"{live_site}/admin/login/")
    page.fill("input[name=username]", "rrenja")
    page.fill("input[name=password]", PASSWORD)
    navigate(page, lambda: page.click("form button[type=submit]"))

    assert page.url == f"{live_site}/admin/two-factor/set-up/?next=%2Fadmin%2F"
    assert axe_violations(page) == []

    page.fill("input[name=code]", code_from_the_page(page))
    navigate(page, lambda: page.click("form.two-factor__form button[type=submit]"))
    assert page.locator(".two-factor__codes li").count() == 10
    navigate(page, lambda: page.click("a.two-factor__continue"))
    assert page.url == f"{live_site}/admin/"
