"""The moderation queue at 1280×800: the action keys (a, c, r, f) do not act from the list. A
decision is taken on the entry's page, with the work, the declarations and the consent in view;
in the list those keys, like ?, open the shortcuts, which say so."""

from datetime import timedelta

import pytest
from django.utils import timezone

from competitions.enums import EntryState
from competitions.models import Entry
from tests.browser.test_competitions_browser import admin_login, make_staff
from tests.factories.competitions import (
    CompetitionIndexPageFactory,
    CompetitionPageFactory,
    EntryFactory,
)
from website import demo

from .conftest import desk_page

pytestmark = pytest.mark.browser

ENTRY_KEYS = (
    "Approve, request changes, reject and flag work only on an entry's page, where you see the "
    "whole work, the declarations and the consent before you decide. Open the entry first."
)


@pytest.fixture
def admin_page(browser):
    context, page = desk_page(browser, "en-GB")
    yield page
    context.close()


@pytest.fixture
def waiting(live_site):
    home = demo.get_or_create_home()
    photo = CompetitionPageFactory(parent=CompetitionIndexPageFactory(parent=home), edition=3)
    now = timezone.now()
    return [
        EntryFactory(competition=photo, submitted_at=now - timedelta(days=days), title=title)
        for days, title in ((2, "E para"), (1, "E dyta"))
    ]


def test_action_keys_in_the_queue_open_the_shortcuts_and_decide_nothing(
    live_site, admin_page, waiting
):
    make_staff("moderator", "Competition moderators")
    page = admin_page
    admin_login(page, live_site, "moderator", "/admin/entries/")
    help_panel = page.locator("#moderation-shortcuts")
    entry_keys = page.locator("[data-moderation-entry-keys]")

    # ? lists the entry's keys and why they need the entry's page.
    assert not help_panel.evaluate("details => details.open")
    page.keyboard.press("?")
    assert help_panel.evaluate("details => details.open")
    assert entry_keys.is_visible()
    assert " ".join(entry_keys.inner_text().split()) == ENTRY_KEYS
    page.keyboard.press("?")
    assert not help_panel.evaluate("details => details.open")

    # On a chosen row, each action key only opens the shortcuts: nothing is decided, no page
    # opens, and the row stays chosen.
    page.keyboard.press("j")
    chosen = page.locator("tr.queue-row--chosen td.title a")
    assert chosen.inner_text() == waiting[0].reference
    for key in ("a", "c", "r", "f"):
        page.keyboard.press(key)
        assert help_panel.evaluate("details => details.open"), key
        assert entry_keys.is_visible(), key
        assert page.url == f"{live_site}/admin/entries/", key
        help_panel.evaluate("details => { details.open = false; }")
    assert chosen.inner_text() == waiting[0].reference
    states = set(
        Entry.objects.filter(pk__in=[e.pk for e in waiting]).values_list("state", flat=True)
    )
    assert states == {EntryState.IN_MODERATION}
