"""Moderation by keyboard at 1280×800: the queue opens on what needs a decision, j/k choose a
row and o opens it; on the entry, ? shows the shortcuts, a approves and the next waiting entry
opens with a message; r asks for a reason, then for a confirmation; keys typed in a field are
only text."""

from datetime import timedelta

import pytest
from django.utils import timezone

from competitions.enums import EntryState
from tests.browser.test_competitions_browser import (
    admin_login,
    make_staff,
    navigate,
)
from tests.factories.competitions import (
    CompetitionIndexPageFactory,
    CompetitionPageFactory,
    EntryFactory,
)
from website import demo

from .conftest import desk_page

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_page(browser):
    context, page = desk_page(browser, "en-GB")
    yield page
    context.close()


@pytest.fixture
def entries(live_site):
    home = demo.get_or_create_home()
    index = CompetitionIndexPageFactory(parent=home)
    photo = CompetitionPageFactory(parent=index, edition=3)
    now = timezone.now()
    made = [
        EntryFactory(competition=photo, submitted_at=now - timedelta(days=days), title=title)
        for days, title in ((3, "E para"), (2, "E dyta"), (1, "E treta"))
    ]
    EntryFactory(competition=photo, state=EntryState.APPROVED, title="E miratuar")
    return made


def test_moderate_by_keyboard_and_land_on_the_next_entry(live_site, admin_page, entries):
    first, second, third = entries
    make_staff("moderator", "Competition moderators")
    page = admin_page
    admin_login(page, live_site, "moderator", "/admin/entries/")

    # The queue: the three waiting entries, oldest first; j, j, k chooses the second; o opens it.
    links = page.locator("#listing-results tbody td.title a")
    assert links.all_inner_texts() == [e.reference for e in entries]
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.locator("tr.queue-row--chosen td.title a").inner_text() == first.reference
    page.keyboard.press("j")
    navigate(page, lambda: page.keyboard.press("o"))
    assert page.url == f"{live_site}/admin/entries/{second.pk}/"

    # ? shows the shortcuts; p goes to the previous entry, n back.
    page.keyboard.press("?")
    assert page.locator("#moderation-shortcuts").evaluate("details => details.open")
    page.keyboard.press("?")
    navigate(page, lambda: page.keyboard.press("p"))
    assert page.url == f"{live_site}/admin/entries/{first.pk}/"

    # Typing in the message field is only text: "a" there approves nothing.
    page.locator("#id_note").press_sequentially("a car")
    assert page.url == f"{live_site}/admin/entries/{first.pk}/"
    page.locator("#id_note").blur()

    # a approves: the next waiting entry opens, with a message saying what was done.
    navigate(page, lambda: page.keyboard.press("a"))
    assert page.url == f"{live_site}/admin/entries/{second.pk}/"
    assert f"{first.reference} approved for judging." in page.inner_text(".messages")
    first.refresh_from_db()
    assert (first.state, first.events.get().note) == (EntryState.APPROVED, "a car")

    # r without a reason goes to the reason; with one, r asks to confirm; Enter confirms.
    page.keyboard.press("r")
    assert page.evaluate("document.activeElement.id") == "id_reason"
    page.select_option("#id_reason", "off_theme")
    page.locator("#id_reason").blur()
    navigate(page, lambda: page.keyboard.press("r"))
    assert page.inner_text("#moderation-confirm h2") == f"Reject {second.reference}?"
    second.refresh_from_db()
    assert second.state == EntryState.IN_MODERATION
    navigate(page, lambda: page.keyboard.press("Enter"))  # the confirm button has the focus
    assert page.url == f"{live_site}/admin/entries/{third.pk}/"
    assert f"{second.reference} rejected." in page.inner_text(".messages")
    second.refresh_from_db()
    assert second.state == EntryState.REJECTED
