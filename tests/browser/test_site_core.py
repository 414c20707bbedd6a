"""The site core in a real browser: both languages, the switcher, quick exit, keyboard, axe-core."""

import pytest

from .conftest import quick_exit_target

pytestmark = pytest.mark.browser


def html_lang(page):
    return page.get_attribute("html", "lang")


def h1(page):
    return page.inner_text("h1").strip()


@pytest.mark.parametrize(
    ("path", "lang", "title"),
    [
        ("/sq/", "sq", "Së bashku kundër trafikimit"),
        ("/en/", "en", "Together against human trafficking"),
    ],
)
def test_home_page_loads_in_each_language(page, live_site, path, lang, title):
    response = page.goto(live_site + path)

    assert response.status == 200
    assert html_lang(page) == lang
    assert h1(page) == title
    assert page.locator(".help-bar a strong").all_inner_texts() == [
        "129",
        "116 006",
        "ALO 116 111",
        "nukjevetem.al",
    ]
    # site.css and site.js were served: the quick exit is styled and its script is active.
    assert page.evaluate("getComputedStyle(document.querySelector('.quick-exit')).position") in {
        "fixed",
        "sticky",
        "absolute",
    }


@pytest.mark.parametrize(
    ("start", "switch_to", "expected_path", "expected_h1"),
    [
        ("/sq/", "en", "/en/", "Together against human trafficking"),
        ("/en/", "sq", "/sq/", "Së bashku kundër trafikimit"),
        (
            "/sq/programi-ne-nje-veshtrim/",
            "en",
            "/en/programme-at-a-glance/",
            "Programme at a glance",
        ),
        (
            "/en/programme-at-a-glance/",
            "sq",
            "/sq/programi-ne-nje-veshtrim/",
            "Programi në një vështrim",
        ),
    ],
)
def test_language_switcher_leads_to_the_same_page_in_the_other_language(
    page, live_site, start, switch_to, expected_path, expected_h1
):
    page.goto(live_site + start)

    with page.expect_navigation():
        page.click(f"[data-language-switch='{switch_to}']")

    assert page.url == live_site + expected_path
    assert html_lang(page) == switch_to
    assert h1(page) == expected_h1


def open_from_blank(page, url):
    """Open the site the way a reader would, with a neutral page before it in history."""
    assert page.url == "about:blank"
    page.goto(url)
    assert page.url == url


def assert_left_for_good(page, live_site, our_url):
    target = quick_exit_target(live_site)
    page.wait_for_url(target)
    assert page.url == target
    page.go_back()
    assert page.url == "about:blank"
    assert page.url != our_url


def test_quick_exit_by_click_replaces_history(page, live_site):
    our_url = live_site + "/sq/programi-ne-nje-veshtrim/"
    open_from_blank(page, our_url)

    page.click("[data-quick-exit]")

    assert_left_for_good(page, live_site, our_url)


def test_quick_exit_by_pressing_shift_three_times(page, live_site):
    our_url = live_site + "/en/"
    open_from_blank(page, our_url)

    for _ in range(3):
        page.keyboard.press("Shift")

    assert_left_for_good(page, live_site, our_url)


def test_shift_pressed_twice_does_not_leave(page, live_site):
    our_url = live_site + "/en/"
    open_from_blank(page, our_url)

    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)

    assert page.url == our_url
    assert h1(page) == "Together against human trafficking"


def test_quick_exit_works_as_a_plain_link_without_javascript(browser, live_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_site + "/sq/")

        page.click("[data-quick-exit]")

        page.wait_for_url(quick_exit_target(live_site))
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/sq/", "/en/programme-at-a-glance/"])
def test_first_tab_focuses_the_quick_exit_then_the_skip_link(page, live_site, path):
    page.goto(live_site + path)

    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.hasAttribute('data-quick-exit')")
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.getAttribute('href')")

    assert first is True
    assert second == "#main"


def test_skip_link_moves_focus_to_main(page, live_site):
    page.goto(live_site + "/en/")

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/sq/", 200),
        ("/en/", 200),
        ("/sq/programi-ne-nje-veshtrim/", 200),
        ("/en/programme-at-a-glance/", 200),
        ("/sq/faqe-qe-nuk-ekziston/", 404),
        ("/en/no-such-page/", 404),
    ],
)
def test_no_serious_or_critical_accessibility_violations(
    page, live_site, axe_violations, path, status
):
    response = page.goto(live_site + path)
    assert response.status == status

    assert axe_violations(page) == []


def test_axe_helper_reports_a_serious_violation(page, axe_violations):
    page.set_content(
        '<html lang="en"><head><title>t</title></head>'
        '<body><main><img src="x.png"></main></body></html>'
    )

    violations = axe_violations(page)

    assert [(v["id"], v["impact"], v["targets"]) for v in violations] == [
        ("image-alt", "critical", ["img"])
    ]
