"""The demo's jury room as a demo juror sees it, in Chromium at 1280×800: every work on their
list in the prize round shows its picture (the image has loaded, `naturalWidth > 0`), the works
behind a content warning once revealed, and nothing else of the entrant.

The demo is the run's shared one, loaded the way `load_demo` loads it (accounts, the
competitions, the jury and the exhibition), followed by the worker's daily purge, as in
tests/competitions/test_demo_files.py: tests/demo_database.py gives this module a copy, which the
live server's flush empties at the end and which is then thrown away.
One juror and one round keep it short: the prize round, whose shortlist is 30 works.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from jury import demo as jury_demo
from jury import queries
from jury.models import Round
from tests.demo_database import demo_copy, load_demo

from .conftest import desk_page

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery-staple-7"
JUROR = "juror2"  # a juror of the demo jury, not the chair; reads Albanian


def path(name, *args):
    with translation.override("sq"):
        return reverse(name, args=args)


def navigate(page, action):
    with page.expect_navigation(wait_until="load"):
        action()


@pytest.fixture(scope="module")
def demo_copied(demo_database, django_db_blocker):
    """This module's copy of the run's demo; False where there is none (module doc)."""
    with demo_copy(demo_database, django_db_blocker) as copied:
        yield copied


@pytest.fixture
def demo_round(demo_copied, role_groups, live_site):
    """The demo on the live server's site; (the prize round, the juror, their list)."""
    if not demo_copied:
        load_demo()
    juror = get_user_model().objects.get(username=JUROR)
    juror.set_password(PASSWORD)
    juror.save(update_fields=["password"])
    prizes = Round.objects.get(jury__competition__slug_sq=jury_demo.COMPETITION_SLUG, position=2)
    return prizes, juror, queries.juror_list(prizes, juror)


@pytest.fixture
def jury_page(browser):
    context, page = desk_page(browser, "sq-AL")
    yield page
    context.close()


def picture_state(page):
    """(shown, loaded, width) of the work's picture on a jury entry page: shown means laid out,
    visible and not blurred (a work behind a content warning is blurred until revealed)."""
    return page.locator("img.jury-work__image").evaluate(
        """img => {
            const style = getComputedStyle(img);
            return [
                img.getBoundingClientRect().width > 0
                    && style.visibility !== "hidden" && !style.filter.includes("blur"),
                img.complete && img.naturalWidth > 0,
                img.naturalWidth,
            ];
        }"""
    )


def test_demo_juror_sees_the_picture_of_every_work_on_their_list(live_site, jury_page, demo_round):
    round, _juror, listed = demo_round
    codes = [entry.jury_code.code for entry in listed]
    titles = [entry.title for entry in listed]
    names = [entry.entrant.full_name for entry in listed]
    warned = {entry.jury_code.code for entry in listed if entry.content_warning}
    assert len(codes) == jury_demo.SHORTLIST
    page = jury_page

    page.goto(live_site + path("jury:login"))
    page.fill("#id_username", JUROR)
    page.fill("#id_password", PASSWORD)
    navigate(page, lambda: page.keyboard.press("Enter"))
    page.goto(live_site + path("jury:round", round.pk))
    # The round's page lists the juror's 30 works by code, in the juror's own order.
    assert page.locator(".jury-list a").all_inner_texts() == codes

    seen, broken, hidden_behind_warning = [], [], []
    for code in codes:
        response = page.goto(live_site + path("jury:entry", round.pk, code))
        assert response.status == 200
        assert page.inner_text("h1.jury-entry__code") == code
        page.wait_for_load_state("load")  # the picture is loaded or has failed
        if code in warned:
            # Behind its content warning the work is blurred until the juror asks to see it.
            if picture_state(page)[0]:
                hidden_behind_warning.append(code)
            page.click("[data-reveal]")
        shown, loaded, width = picture_state(page)
        if not (shown and loaded):
            broken.append(code)
        seen.append(width)
        body = page.inner_text("body")
        assert not any(title in body for title in titles), code
        assert not any(name in body for name in names), code

    assert broken == []
    assert hidden_behind_warning == []
    assert seen == [800] * jury_demo.SHORTLIST  # the demo draws each work 800 px wide
    assert warned  # the walk met at least one work behind a content warning
