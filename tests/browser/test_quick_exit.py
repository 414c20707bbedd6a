"""The quick exit fires only on purpose, in a real browser: typing capitalised names (Shift held
for each capital, as people type) into the entry form, the search box and a juror's comment
keeps the page and what was typed; Shift pressed three times on its own still leaves.

Capitals are typed the way a keyboard sends them: Shift goes down, the letter is pressed, Shift
comes up (Playwright's `type` would send "A" without any Shift).
"""

import pytest

from jury.models import AnonymousCode
from tests.browser.conftest import quick_exit_target
from tests.browser.test_jury_browser import build, path, sign_in
from tests.factories.competitions import CompetitionIndexPageFactory, CompetitionPageFactory
from website import demo

pytestmark = pytest.mark.browser

NAME = "Ana Maria Berisha"
# Typing speed of a quick typist: the three capitals fall well within 1.5 seconds.
KEY_DELAY_MS = 40


def type_like_a_person(page, text):
    for character in text:
        if character.isupper():
            page.keyboard.down("Shift")
            page.keyboard.type(character)
            page.keyboard.up("Shift")
        else:
            page.keyboard.type(character)
        page.wait_for_timeout(KEY_DELAY_MS)


def press_shift_three_times(page):
    for _ in range(3):
        page.keyboard.press("Shift")


def assert_stays(page, url, field, text):
    page.wait_for_timeout(300)
    assert page.url == url
    assert page.input_value(field) == text


def assert_left(page, live_site):
    page.wait_for_url(quick_exit_target(live_site))
    assert page.url == quick_exit_target(live_site)


def open_entry_form(page, live_site):
    index = CompetitionIndexPageFactory(parent=demo.get_or_create_home())
    competition = CompetitionPageFactory(parent=index, slug_sq="foto-prove", slug_en="photo-test")
    url = live_site + path("competitions:enter", competition.pk)
    page.goto(url)
    return url


def test_typing_a_capitalised_name_into_the_entry_form_stays(page, live_site):
    url = open_entry_form(page, live_site)
    page.click("#id_full_name")

    type_like_a_person(page, NAME)
    page.click("#id_title")
    type_like_a_person(page, "Rruga Për Në Shtëpi")

    assert_stays(page, url, "#id_full_name", NAME)
    assert page.input_value("#id_title") == "Rruga Për Në Shtëpi"


def test_shift_three_times_alone_in_the_entry_form_leaves(page, live_site):
    open_entry_form(page, live_site)
    page.click("#id_full_name")
    type_like_a_person(page, NAME)

    press_shift_three_times(page)

    assert_left(page, live_site)


def test_shift_with_a_key_between_starts_the_count_again(page, live_site):
    url = open_entry_form(page, live_site)
    page.click("#id_full_name")

    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    page.keyboard.down("Control")
    page.keyboard.press("Shift")
    page.keyboard.up("Control")

    assert_stays(page, url, "#id_full_name", "a")


def test_shift_while_composing_never_counts(page, live_site):
    url = open_entry_form(page, live_site)
    page.click("#id_full_name")

    page.evaluate(
        """() => {
            for (let i = 0; i < 3; i++) {
                for (const type of ["keydown", "keyup"]) {
                    document.activeElement.dispatchEvent(new KeyboardEvent(type, {
                        key: "Shift", bubbles: true, isComposing: true,
                    }));
                }
            }
        }"""
    )

    assert_stays(page, url, "#id_full_name", "")


def test_typing_a_capitalised_name_into_the_search_box_stays(page, live_site):
    url = live_site + "/sq/"
    page.goto(url)
    page.click("#site-search-q")

    type_like_a_person(page, NAME)

    assert_stays(page, url, "#site-search-q", NAME)
    press_shift_three_times(page)
    assert_left(page, live_site)


def test_typing_a_capitalised_name_into_a_jurors_comment_stays(page, live_site):
    _competition, entries, round, _juror, _moderator = build()
    code = AnonymousCode.objects.get(entry=entries[0]).code
    sign_in(page, live_site, "juristi")
    page.goto(live_site + path("jury:entry", round.pk, code))
    url = page.url
    comment = "textarea[name^=comment-]"
    page.locator(comment).first.click()

    type_like_a_person(page, f"{NAME} e ka shkruar mirë. Drita Është E Qartë")

    page.wait_for_timeout(300)
    assert page.url == url
    assert page.locator(comment).first.input_value() == (
        f"{NAME} e ka shkruar mirë. Drita Është E Qartë"
    )
    press_shift_three_times(page)
    assert_left(page, live_site)
