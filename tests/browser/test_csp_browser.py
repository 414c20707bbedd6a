"""A script typed into every field of a form: shown as text, never run, and if it ever reached
the page as markup the Content-Security-Policy would refuse it and the report would be counted
(website/security.py)."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from website import security

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOAD = '<script>window.__xss = 1</script><img src="x" onerror="window.__xss = 2">'
# Collects every violation the page sees (an init script runs outside the page's policy).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(event.effectiveDirective);
});
"""
# What a template that forgot to escape would do with the typed text: put it in the page as
# markup; and the classic way to run it: a <script> element with that text.
INJECT = """(html) => {
    document.body.insertAdjacentHTML("beforeend", html);
    const script = document.createElement("script");
    script.textContent = "window.__xss = 3";
    document.body.append(script);
}"""


def type_into_every_field(page, form_selector):
    fields = page.locator(
        f"{form_selector} input:not([type=hidden]):not([type=submit]):not([type=checkbox]),"
        f" {form_selector} textarea"
    )
    count = fields.count()
    for index in range(count):
        fields.nth(index).fill(PAYLOAD)
    return count


def wait_for_counts(expected, seconds=10):
    """The browser posts its reports on its own schedule: wait for them, then compare."""
    deadline = time.monotonic() + seconds
    while security.violation_counts() != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    return security.violation_counts()


def prove_blocked_and_reported(page, area):
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("window.__violations") == []

    page.evaluate(INJECT, PAYLOAD)
    # Polled from here: Playwright's wait_for_function would itself need 'unsafe-eval'.
    deadline = time.monotonic() + 10
    while page.evaluate("window.__violations.length") < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(100)

    assert page.evaluate("window.__xss") is None
    # The <script> inside the markup is inert (markup never runs scripts); its <img> handler and
    # the <script> element are refused.
    assert sorted(page.evaluate("window.__violations")) == ["script-src-attr", "script-src-elem"]
    assert wait_for_counts({(area, "script-src-elem"): 1, (area, "script-src-attr"): 1}) == {
        (area, "script-src-elem"): 1,
        (area, "script-src-attr"): 1,
    }


@pytest.fixture
def csp_page(page):
    page.add_init_script(LISTEN)
    yield page
    # These violations were wanted: the suite's check that none happened is for other tests.
    page.close()
    cache.delete_many(
        [
            security.COUNT_KEY.format(area=area, directive=directive)
            for area, directive in security.violation_counts()
        ]
    )


def test_script_in_the_search_form_is_shown_as_text_and_refused(csp_page, live_site):
    page = csp_page
    page.goto(f"{live_site}/sq/")
    assert security.violation_counts() == {}

    typed = type_into_every_field(page, "form[role=search]")
    page.locator("form[role=search]").first.evaluate("form => form.requestSubmit()")
    page.wait_for_load_state()

    assert typed == 1
    # The search keeps the words of the query only.
    assert (
        page.locator("#search-q").input_value()
        == "script window xss 1 script img src x onerror window xss 2"
    )
    assert page.locator("main img[onerror], main script").count() == 0
    prove_blocked_and_reported(page, "public")


def test_script_in_the_jury_sign_in_form_is_shown_as_text_and_refused(csp_page, live_site):
    page = csp_page
    with translation.override("sq"):
        sign_in = reverse("jury:login")
    page.goto(f"{live_site}{sign_in}")

    typed = type_into_every_field(page, "main form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    assert typed == 2
    assert page.locator("main form input[name=username]").input_value() == PAYLOAD
    assert page.locator("main img[onerror], main script").count() == 0
    prove_blocked_and_reported(page, "jury")
