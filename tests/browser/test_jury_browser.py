"""The jury room to the public results, in a real browser (Albanian, as most users read it).

A juror signs in, scores three entries with the keyboard only, and declares a conflict on a
fourth; the chair closes the round, advances a shortlist and records two winners; each winner
confirms publication through the private link (one with a pen name, one anonymously); a
moderator ticks the checklist in the admin; the results page shows them credited as they chose.

The data is built with the factories (five entries). Every ORM call happens while the browser
is idle, so the live server and the test never use the database at once.
"""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from competitions import tokens
from competitions.enums import CreditChoice, EntryState
from exhibition.enums import PublicationState
from exhibition.models import Publication
from jury import queries, services
from jury.enums import AwardKind
from jury.models import AnonymousCode, ConflictDeclaration, Score
from tests.factories import UserFactory
from tests.factories.competitions import (
    CompetitionIndexPageFactory,
    CompetitionPageFactory,
    EntryFactory,
)
from tests.factories.jury import CriterionFactory, JuryFactory, RoundFactory
from website import demo

pytestmark = pytest.mark.browser
User = get_user_model()

PASSWORD = "correct-horse-battery-staple-7"
PEN_NAME = "Zëri i Heshtur"
ROLES = {
    "Jurors": [],
    "Competition moderators": [
        ("wagtailadmin", "access_admin"),
        ("competitions", "moderate_entry"),
    ],
}


def path(name, *args, lang="sq"):
    with translation.override(lang):
        return reverse(name, args=args)


def navigate(page, action):
    with page.expect_navigation(wait_until="load"):
        action()


def make_user(username, group_name):
    # The live server's flush removed the role groups the migrations made: make this one again.
    group, _created = Group.objects.get_or_create(name=group_name)
    for app_label, codename in ROLES[group_name]:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return UserFactory(
        username=username,
        password=PASSWORD,
        first_name=username.capitalize(),
        last_name="Test",
        groups=[group_name],
    )


def english_admin(user):
    """The Wagtail admin speaks Albanian unless the user chose otherwise: this one chose English."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def build():
    """A competition with five approved artworks, a jury of two (the chair and a juror) and an
    open score round with two criteria."""
    home = demo.get_or_create_home()  # made by `live_site`, on the live server's site
    index = CompetitionIndexPageFactory(
        parent=home, title_sq="Konkurset", slug_sq="konkurse", slug_en="competitions"
    )
    competition = CompetitionPageFactory(
        parent=index,
        artwork=True,
        title_sq="Arti kundër trafikimit",
        title_en="Art against trafficking",
        slug_sq="art-prove",
        slug_en="art-test",
    )
    entries = [
        EntryFactory(
            competition=competition,
            state=EntryState.APPROVED,
            title=f"Vepra {seed}",
            image_color=(40 * seed % 255, 90, 150),
            entrant__full_name=f"Emri Vërtetë{seed}",
            entrant__email=f"artist{seed}@example.com",
            entrant__credit=CreditChoice.REAL_NAME,
            entrant__pen_name="",
        )
        for seed in range(5)
    ]
    chair = make_user("kryetari", "Jurors")
    juror = make_user("juristi", "Jurors")
    moderator = english_admin(make_user("moderatori", "Competition moderators"))
    jury = JuryFactory(competition=competition, chair=chair, jurors=[chair, juror])
    round = RoundFactory(jury=jury, name_sq="Përzgjedhja", name_en="Selection", criteria=0)
    for index_, (sq, en, weight) in enumerate(
        [("Mesazhi", "Message", 2), ("Mjeshtëria", "Craft", 1)]
    ):
        CriterionFactory(
            round=round, sort_order=index_, name_sq=sq, name_en=en, weight=Decimal(weight)
        )
    services.open_round(round, by=moderator)
    return competition, entries, round, juror, moderator


def sign_in(page, base_url, username):
    page.goto(base_url + path("jury:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    navigate(page, lambda: page.keyboard.press("Enter"))


def score_with_keyboard(page, marks):
    """On an entry's page: Tab through the form to each mark (past its comment box), type it;
    Enter saves. Every mark is typed, nothing is clicked."""
    page.locator("input[name^=c-]").first.focus()
    for index, mark in enumerate(marks):
        while index and not page.evaluate(
            "document.activeElement.name && document.activeElement.name.startsWith('c-')"
        ):
            page.keyboard.press("Tab")
        page.keyboard.type(str(mark))
        page.keyboard.press("Tab")
    page.locator("input[name^=c-]").last.focus()
    navigate(page, lambda: page.keyboard.press("Enter"))


def assert_nothing_fixed_over_last_column(page):
    """No fixed or sticky element overlaps a cell of the results table's last column (checked
    by bounding boxes), and each cell is what the browser finds at its own centre."""
    cells = page.locator(".jury-table tr > :last-child")
    assert cells.count() > 1
    covering = page.evaluate(
        """() => {
            const pinned = [...document.querySelectorAll("body *")].filter((el) =>
                ["fixed", "sticky"].includes(getComputedStyle(el).position));
            const cells = [...document.querySelectorAll(".jury-table tr > :last-child")];
            const overlaps = (a, b) => a.left < b.right && b.left < a.right
                && a.top < b.bottom && b.top < a.bottom;
            const found = [];
            for (const cell of cells) {
                cell.scrollIntoView({block: "center", inline: "center"});
                const box = cell.getBoundingClientRect();
                for (const el of pinned) {
                    if (overlaps(box, el.getBoundingClientRect())) found.push(el.outerHTML.slice(0, 80));
                }
                const hit = document.elementFromPoint(
                    box.left + box.width / 2, box.top + box.height / 2);
                if (!cell.contains(hit)) found.push("covered by " + (hit ? hit.outerHTML.slice(0, 80) : "nothing"));
            }
            return found;
        }"""
    )
    assert covering == []


def test_from_jury_room_to_public_results(live_site, page, browser):
    _competition, _entries, round, juror, _moderator = build()
    _chair = User.objects.get(username="kryetari")
    # The juror's list is in the juror's own random order (fixed per juror and round).
    entries = queries.juror_list(round, juror)
    codes = {code.entry_id: code.code for code in AnonymousCode.objects.filter(entry__in=entries)}
    # Marks for the first three entries on the juror's list: the first is best, the second next.
    marks = [(10, 9), (8, 8), (4, 5)]

    # 1. The juror scores three entries with the keyboard and declares a conflict on the fourth.
    sign_in(page, live_site, "juristi")
    page.goto(live_site + path("jury:entry", round.pk, codes[entries[0].pk]))
    for number, sheet in enumerate(marks):
        score_with_keyboard(page, sheet)
        assert page.locator("input[name^=c-]").first.input_value() == str(sheet[0])
        navigate(page, lambda: page.keyboard.press("ArrowRight"))
        assert codes[entries[number + 1].pk] in page.url
    navigate(page, lambda: page.click("form[action$='/konflikt/'] button"))
    assert Score.objects.filter(round=round, juror=juror).count() == 6
    assert ConflictDeclaration.objects.filter(juror=juror, entry=entries[3]).exists()

    # 2. The chair scores the same three entries (while the browser is idle); the fifth entry
    #    has no score, the fourth only the chair could score: both are incomplete.
    for entry, sheet in zip(entries, marks, strict=False):
        first, second = round.criteria.all()
        services.save_sheet(
            round=round,
            entry=entry,
            juror=_chair,
            marks={first.pk: sheet[0], second.pk: sheet[1]},
        )
    # The chair closes the round, advances a shortlist of three and chooses two winners from
    # the ranked list, each confirmed on its own page, at 1280×800.
    chair_context = browser.new_context(locale="sq-AL", viewport={"width": 1280, "height": 800})
    chair_page = chair_context.new_page()
    sign_in(chair_page, live_site, "kryetari")
    chair_page.goto(live_site + path("jury:results", round.pk))
    assert chair_page.locator("header.site-header, footer.site-footer, .help-bar").count() == 0
    navigate(chair_page, lambda: chair_page.click("button[value=close]"))
    apart = chair_page.locator(".jury-table__apart")
    assert "i paplotë (0 nga 1 notë)" in apart.locator(f"#row-{codes[entries[3].pk]}").inner_text()
    assert "i paplotë (0 nga 2 nota)" in apart.locator(f"#row-{codes[entries[4].pk]}").inner_text()
    assert_nothing_fixed_over_last_column(chair_page)
    chair_page.fill("#advance-count", "3")
    navigate(chair_page, lambda: chair_page.click("button[value=advance_top]"))
    for entry, kind in [(entries[0], AwardKind.FIRST), (entries[1], AwardKind.SECOND)]:
        chair_page.check(f"input[name=entry][value={codes[entry.pk]}]")
        chair_page.select_option("#award-kind", kind.value)
        navigate(chair_page, lambda: chair_page.click("#award-chooser button[type=submit]"))
        confirmation = chair_page.inner_text(".jury-confirm")
        with translation.override("sq"):
            label = str(kind.label)
        assert f"Po regjistroni „{label}“ për punimin {codes[entry.pk]}." in confirmation
        assert entry.title in confirmation
        navigate(chair_page, lambda: chair_page.click(".jury-confirm button[type=submit]"))
        assert f"U regjistrua: {label} për punimin {codes[entry.pk]}." in chair_page.inner_text(
            ".jury__messages"
        )
        assert label in chair_page.inner_text(f"#row-{codes[entry.pk]}")
    assert_nothing_fixed_over_last_column(chair_page)
    chair_context.close()
    round.refresh_from_db()
    assert round.state == "closed"
    assert round.advancements.count() == 3
    assert Publication.objects.filter(state=PublicationState.PENDING).count() == 2

    # 3. Each winner confirms through the private link: a pen name, and anonymously.
    for entry, credit in [(entries[0], "pen_name"), (entries[1], "anonymous")]:
        winner_context = browser.new_context(locale="sq-AL")
        winner = winner_context.new_page()
        winner.goto(live_site + path("competitions:entry", tokens.entrant_token(entry)))
        navigate(winner, lambda w=winner: w.click(".publication-link a"))
        winner.check(f"input[name=credit][value={credit}]")
        if credit == "pen_name":
            winner.fill("input[name=pen_name]", PEN_NAME)
        winner.check("input[name=agree]")
        navigate(winner, lambda w=winner: w.click("button:has-text('Po, publikoje veprën time')"))
        assert "Faleminderit" in winner.inner_text("#publication-state")
        winner_context.close()

    # 4. The moderator ticks the checklist of each in the admin.
    moderator_context = browser.new_context(locale="en-GB")
    admin = moderator_context.new_page()
    admin.goto(f"{live_site}/admin/login/?next=/admin/publications/")
    admin.fill("input[name=username]", "moderatori")
    admin.fill("input[name=password]", PASSWORD)
    navigate(admin, lambda: admin.click("form button[type=submit]"))
    for entry in entries[:2]:
        publication = Publication.objects.get(entry=entry)
        admin.goto(f"{live_site}/admin/publications/{publication.pk}/")
        for name in ("no_unconsented_people", "no_victim_identifiable", "caption_reviewed"):
            admin.check(f"input[name={name}]")
        admin.fill("textarea[name=caption_sq]", f"Vepër fituese {entry.number}")
        admin.fill("textarea[name=caption_en]", f"Winning work {entry.number}")
        navigate(admin, lambda: admin.click("button:has-text('Record the check')"))
    moderator_context.close()
    assert Publication.objects.filter(state=PublicationState.PUBLISHED).count() == 2

    # 5. The public results, in Albanian and English, credit the winners as they chose.
    page.goto(live_site + path("exhibition:results", "art-prove"))
    winners = page.locator(".winner")
    assert winners.count() == 2
    assert winners.nth(0).inner_text().split("\n")[0].startswith("Çmimi i parë")
    assert PEN_NAME in winners.nth(0).inner_text()
    assert "Anonim" in winners.nth(1).inner_text()
    body = page.inner_text("body")
    assert "Emri Vërtetë0" not in body and "Emri Vërtetë1" not in body
    page.goto(live_site + path("exhibition:results", "art-test", lang="en"))
    assert "Anonymous" in page.locator(".winner").nth(1).inner_text()


# --- A story round with redaction -------------------------------------------------------------

AUTHOR = "Besjana Dervishi"
STORY = (
    "Unë jam besjana dervishi nga Tropoja. Një mbrëmje një burrë i panjohur na premtoi punë në "
    "qytet, por shoqja ime nuk u kthye më. Tani e tregoj këtë histori që të tjerët të kujdesen."
)
REDACTED = (
    "Unë jam [emri]. Një mbrëmje një burrë i panjohur na premtoi punë në qytet, por shoqja ime "
    "nuk u kthye më. Tani e tregoj këtë histori që të tjerët të kujdesen."
)


def build_story_round():
    """A story in moderation whose author names herself, a jury of one and a draft round."""
    home = demo.get_or_create_home()
    index = CompetitionIndexPageFactory(
        parent=home, title_sq="Konkurset", slug_sq="konkurse", slug_en="competitions"
    )
    competition = CompetitionPageFactory(
        parent=index,
        story=True,
        title_sq="Histori të pathëna",
        title_en="Untold stories",
        slug_sq="histori-prove",
        slug_en="story-test",
        story_min_words=5,
        story_max_words=200,
    )
    entry = EntryFactory(
        competition=competition,
        story_text=STORY,
        entrant__full_name=AUTHOR,
        entrant__email="besjana.d@example.com",
    )
    juror = make_user("juristi", "Jurors")
    moderator = english_admin(make_user("moderatori", "Competition moderators"))
    jury = JuryFactory(competition=competition, chair=juror, jurors=[juror])
    round = RoundFactory(jury=jury, name_sq="Leximi", name_en="Reading")
    return entry, round, juror, moderator


def test_story_round_with_redaction(live_site, page, browser):
    entry, round, juror, moderator = build_story_round()

    # 1. The moderator cannot approve before confirming the redacted text; the screen marks the
    #    author's name, written in lower case without capitals.
    admin_context = browser.new_context(locale="en-GB")
    admin = admin_context.new_page()
    admin.goto(f"{live_site}/admin/login/?next=/admin/entries/{entry.pk}/")
    admin.fill("input[name=username]", "moderatori")
    admin.fill("input[name=password]", PASSWORD)
    navigate(admin, lambda: admin.click("form button[type=submit]"))
    story = admin.locator("[data-redaction-story]")
    assert story.locator("mark").all_inner_texts() == ["besjana dervishi"]
    approve = admin.locator("#moderation-form button[name=action][value=approve]")
    navigate(admin, approve.click)
    assert "Confirm the redacted text for the jury" in admin.inner_text(".messages")
    entry.refresh_from_db()
    assert entry.state == EntryState.IN_MODERATION

    # 2. The moderator writes the redacted text, confirms it, then approves.
    admin.fill("#redacted-text", REDACTED)
    navigate(admin, lambda: admin.click("button[name=confirm]"))
    assert "confirmed for the jury" in admin.inner_text(".messages")
    assert admin.locator("[data-redaction-saved] mark").count() == 0
    approve = admin.locator("#moderation-form button[name=action][value=approve]")
    navigate(admin, approve.click)
    admin_context.close()
    entry.refresh_from_db()
    assert entry.state == EntryState.APPROVED
    assert entry.redaction_confirmed_by == moderator

    # 3. The round opens; the juror reads the redacted text only and scores it.
    services.open_round(round, by=moderator)
    code = AnonymousCode.objects.get(entry=entry).code
    sign_in(page, live_site, "juristi")
    page.goto(live_site + path("jury:round", round.pk))
    navigate(page, lambda: page.click(f"a:has-text('{code}')"))
    text = page.inner_text(".jury-text")
    assert text.startswith("Unë jam [emri]. Një mbrëmje")
    body = page.inner_text("body").lower()
    assert "besjana" not in body and "dervishi" not in body and "tropoja" not in body
    score_with_keyboard(page, [7, 4])
    assert Score.objects.filter(round=round, juror=juror, entry=entry).count() == 2
