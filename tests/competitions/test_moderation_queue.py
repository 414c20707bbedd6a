"""Moderation as a work queue: the queue opens on what needs a decision (nearest deadline first)
with counts per view, thumbnails through the permission-checked file view, filters labelled
beside their controls; the entry's screen in words, a button per action with no default, a
confirmation for reject and flag, and the next waiting entry after each action; and the queue's
queries with 2,000 entries and duplicate flags."""

import re
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from competitions.enums import ConsentCheck, EntryState
from competitions.models import Entry, EntryEvent, PossibleDuplicate
from tests.competitions.conftest import submit
from tests.factories.competitions import CompetitionPageFactory, EntryFactory

QUEUE = "/admin/entries/"
# What the queue page itself asks of the database, whatever the number of entries: the page's
# count, its rows (with the duplicate and answered-changes flags), the counts of every view, and
# the two filter lists (competitions, categories).
QUEUE_OWN_QUERIES = 5
# The Wagtail admin's frame on every admin page, not counted above: the session, the user and
# their permissions (user and group), their admin profile, the menu's checks (the
# safeguarding item, page and collection permissions) and the locales.
CHROME_TABLES = {
    "django_session",
    "website_user",
    "auth_permission",
    "wagtailusers_userprofile",
    "wagtailcore_locale",
    "wagtailcore_grouppagepermission",
    "wagtailcore_groupcollectionpermission",
}
FROM = re.compile(r'\bFROM "(\w+)"')


def detail_url(entry):
    return reverse("competitions_admin:detail", args=[entry.pk])


def references(response):
    return [entry.reference for entry in response.context["object_list"]]


def tirana(*args):
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def moderator(moderator):
    """The moderator, reading the admin in English (it speaks Albanian to whoever chose
    nothing)."""
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "en"
    profile.save()
    return moderator


@pytest.fixture
def later(index):
    """A second photo competition whose deadline is a week after the `photo` fixture's."""
    return CompetitionPageFactory(
        parent=index, edition=4, deadline=timezone.now() + timedelta(days=40)
    )


@pytest.fixture
def sooner(photo):
    photo.deadline = timezone.now() + timedelta(days=3)
    photo.save()
    return photo


# --- The queue ------------------------------------------------------------------------------


def test_queue_opens_on_entries_to_decide_nearest_deadline_then_oldest_first(
    client, sooner, later, moderator
):
    now = timezone.now()
    late_old = EntryFactory(competition=later, submitted_at=now - timedelta(days=9))
    soon_new = EntryFactory(competition=sooner, submitted_at=now - timedelta(days=1))
    soon_old = EntryFactory(competition=sooner, submitted_at=now - timedelta(days=5))
    EntryFactory(
        competition=sooner, state=EntryState.APPROVED, submitted_at=now - timedelta(days=7)
    )
    EntryFactory(competition=sooner, state=EntryState.CHANGES_REQUESTED)
    client.force_login(moderator)

    response = client.get(QUEUE)

    assert references(response) == [soon_old.reference, soon_new.reference, late_old.reference]
    assert response.context["scope"] == "decide"


def test_queue_counts_each_view_and_links_to_it(client, photo, moderator):
    answered = EntryFactory(competition=photo)
    EntryEvent.objects.create(
        entry=answered,
        from_state=EntryState.CHANGES_REQUESTED,
        to_state=EntryState.IN_MODERATION,
        actor="entrant",
    )
    consent = EntryFactory(competition=photo, minor=True, consent_check=ConsentCheck.DISPOSABLE)
    first, second = EntryFactory(competition=photo), EntryFactory(competition=photo)
    PossibleDuplicate.objects.create(entry=first, other=second, distance=0)
    PossibleDuplicate.objects.create(entry=second, other=first, distance=0)
    EntryFactory(competition=photo, state=EntryState.CHANGES_REQUESTED)
    EntryFactory(competition=photo, state=EntryState.APPROVED)
    EntryFactory(competition=photo, state=EntryState.APPROVED)
    EntryFactory(competition=photo, state=EntryState.REJECTED)
    EntryFactory(competition=photo, state=EntryState.SAFEGUARDING_HOLD)  # never counted here
    client.force_login(moderator)

    response = client.get(QUEUE)
    html = response.content.decode()

    assert [(label, count, url) for label, count, url, _current in response.context["tabs"]] == [
        ("Needs a decision", 4, "/admin/entries/"),
        ("Changes answered", 1, "/admin/entries/?check=answered"),
        ("Consent to check", 1, "/admin/entries/?check=consent"),
        ("Possible duplicates", 2, "/admin/entries/?check=duplicate"),
        ("Changes requested", 1, "/admin/entries/?state=changes_requested"),
        ("Approved for judging", 2, "/admin/entries/?state=approved"),
        ("Not accepted", 1, "/admin/entries/?state=rejected"),
        ("All entries", 8, "/admin/entries/?show=all"),
    ]
    assert [current for *_rest, current in response.context["tabs"]] == [True] + [False] * 7
    assert (
        '<a href="/admin/entries/?show=all">All entries <strong class="queue-tabs__count">8'
        "</strong></a>"
    ) in html
    assert references(client.get(f"{QUEUE}?check=answered")) == [answered.reference]
    assert references(client.get(f"{QUEUE}?check=consent")) == [consent.reference]
    assert references(client.get(f"{QUEUE}?check=duplicate")) == [first.reference, second.reference]
    assert len(references(client.get(f"{QUEUE}?show=all"))) == 8


def test_queue_rows_carry_their_checks(client, photo, moderator):
    entry = EntryFactory(competition=photo, minor=True, consent_check=ConsentCheck.SAME_MAILBOX)
    client.force_login(moderator)

    html = client.get(QUEUE).content.decode()
    row = html[html.index(f'value="{entry.pk}"') :]
    row = row[: row.index("</tr>")]

    assert '<span class="queue-tag queue-tag--warning consent-check"' in row
    assert "Albania" in row  # the country's name, not its code
    assert ">AL<" not in row


def test_queue_thumbnails_are_small_lazy_and_permission_checked(
    client, photo, story, moderator, editor
):
    picture = EntryFactory(competition=photo)
    text = EntryFactory(competition=story)
    client.force_login(moderator)

    html = client.get(QUEUE).content.decode()
    thumbnail = f"/admin/entries/{picture.pk}/file/thumbnail/"

    assert (
        f'<img src="{thumbnail}" alt="" width="64" height="48" loading="lazy" decoding="async">'
    ) in html
    assert f"/admin/entries/{text.pk}/file/" not in html  # a story has no picture
    answer = client.get(thumbnail)
    assert (answer.status_code, answer["Content-Type"]) == (200, "image/jpeg")
    assert {"no-store", "private"} <= set(answer["Cache-Control"].split(", "))
    client.force_login(editor)
    assert client.get(thumbnail).status_code == 403
    client.logout()
    assert client.get(thumbnail).status_code == 302  # to the admin's sign-in


def test_queue_filters_have_their_labels_beside_their_controls(client, photo, moderator):
    EntryFactory(competition=photo)
    client.force_login(moderator)

    html = client.get(QUEUE).content.decode()

    for name, label in (("competition", "Competition"), ("state", "State"), ("check", "To check")):
        assert re.search(
            rf'<label for="id_{name}">{label}</label>\s*<select name="{name}" id="id_{name}">',
            html,
        )
    assert 'id="filters-drilldown"' not in html  # not Wagtail's menu that hides them


def test_queue_state_filter_lists_every_entry_in_that_state(client, photo, moderator):
    approved = EntryFactory(competition=photo, state=EntryState.APPROVED)
    EntryFactory(competition=photo)
    client.force_login(moderator)

    response = client.get(f"{QUEUE}?state=approved")

    assert references(response) == [approved.reference]
    assert response.context["scope"] == "all"


def test_queue_queries_without_admin_chrome_with_2000_entries_and_duplicate_flags(
    client, photo, moderator, django_assert_num_queries
):
    """The queue page's own queries, the same for 20 and for 2,000 entries (a thousand of them
    flagged as possible duplicates); the admin frame's queries are listed apart."""

    def build(count):
        Entry.objects.all().delete()
        now = timezone.now()
        entries = Entry.objects.bulk_create(
            Entry(
                competition=photo,
                number=n,
                reference=f"US3-PHOTO-{n:04d}",
                state=EntryState.IN_MODERATION if n % 4 else EntryState.APPROVED,
                title=f"Drita {n}",
                thumbnail=f"entries/{photo.pk}/{n}-thumb.jpg",
                country="AL",
                age=20,
                form_token=f"bulk-{n}",
                access_nonce="x",
                submitted_at=now - timedelta(minutes=n),
            )
            for n in range(1, count + 1)
        )
        # The older half (the queue's first pages) in pairs of possible duplicates, both ways.
        pairs = [(entries[i], entries[i + 1]) for i in range(count // 2, count - 1, 2)]
        PossibleDuplicate.objects.bulk_create(
            PossibleDuplicate(entry=entry, other=other, distance=1)
            for pair in pairs
            for entry, other in (pair, pair[::-1])
        )

    def own_queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(QUEUE)
        tables = [FROM.search(query["sql"]).group(1) for query in captured.captured_queries]
        return response, [table for table in tables if table not in CHROME_TABLES], tables

    client.force_login(moderator)
    client.get(QUEUE)  # the session's first admin page loads the user's settings once
    build(20)
    few, few_own, few_all = own_queries()
    build(2000)
    many, many_own, many_all = own_queries()

    assert len(many_own) == QUEUE_OWN_QUERIES <= 10
    assert many_own == few_own
    assert len(many_all) == len(few_all)
    assert few.context["summary"]["all"] == 20
    # 1,500 entries wait for a decision (every fourth is approved), 750 of them flagged.
    summary = many.context["summary"]
    assert (summary["all"], summary["decide"], summary["duplicate"]) == (2000, 1500, 750)
    rows = many.context["object_list"]
    assert (len(rows), sum(row.possible_duplicate for row in rows)) == (50, 50)


# --- The entry's screen ---------------------------------------------------------------------


def test_entry_screen_says_declarations_and_country_in_words(client, photo, moderator):
    declared = tirana(2026, 12, 1, 14, 3)
    entry = EntryFactory(competition=photo, country="XK", submitted_at=declared)
    client.force_login(moderator)

    html = client.get(detail_url(entry), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert (
        "Declared the work is their own and has not been published before — "
        '<time datetime="2026-12-01 14:03">1 Dec 2026, 14:03</time>'
    ) in html
    assert "Declared they are not a professional photographer, writer or artist" in html
    assert "own_work" not in html and "non_professional:" not in html
    assert "<dd>Kosovo</dd>" in html


def test_entry_screen_has_a_button_per_action_and_no_action_drop_down(client, photo, moderator):
    waiting = EntryFactory(competition=photo)
    approved = EntryFactory(competition=photo, state=EntryState.APPROVED)
    client.force_login(moderator)

    def buttons(entry):
        html = client.get(detail_url(entry)).content.decode()
        assert 'select name="action"' not in html
        return re.findall(r'<button type="submit" name="action" value="(\w+)"', html)

    assert buttons(waiting) == ["approve", "request_changes", "reject", "flag"]
    assert buttons(approved) == ["flag", "reopen"]


def test_a_message_without_an_action_does_nothing_but_say_so(client, photo, moderator):
    entry = EntryFactory(competition=photo)
    client.force_login(moderator)

    response = client.post(detail_url(entry), {"message": "Crop the face, please."})

    entry.refresh_from_db()
    assert (response.status_code, entry.state, entry.events.count()) == (
        200,
        EntryState.IN_MODERATION,
        0,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Nothing was done: choose an action with its button (approve, request changes, reject "
        "or flag for safeguarding)."
    ]
    assert ">\nCrop the face, please.</textarea>" in response.content.decode()


@pytest.mark.parametrize(
    ("action", "extra", "state", "heading"),
    [
        ("reject", {"reason": "off_theme"}, EntryState.REJECTED, "Reject {}?"),
        (
            "flag",
            {"note": "A disclosure."},
            EntryState.SAFEGUARDING_HOLD,
            "Flag {} for safeguarding?",
        ),
    ],
)
def test_reject_and_flag_ask_for_confirmation_first(
    client, photo, moderator, action, extra, state, heading
):
    entry = EntryFactory(competition=photo)
    client.force_login(moderator)

    asked = client.post(detail_url(entry), {"action": action, **extra})
    entry.refresh_from_db()
    html = asked.content.decode()

    assert (asked.status_code, entry.state) == (200, EntryState.IN_MODERATION)
    assert heading.format(entry.reference) in html
    assert '<input type="hidden" name="confirmed" value="1">' in html
    assert f'<input type="hidden" name="action" value="{action}">' in html
    assert 'id="moderation-form"' not in html  # only the confirmation, nothing else to press

    confirmed = client.post(detail_url(entry), {"action": action, "confirmed": "1", **extra})
    entry.refresh_from_db()

    assert (confirmed.status_code, entry.state) == (302, state)


def test_reject_without_a_reason_asks_for_one_before_confirming(client, photo, moderator):
    entry = EntryFactory(competition=photo)
    client.force_login(moderator)

    response = client.post(detail_url(entry), {"action": "reject", "confirmed": "1"})

    entry.refresh_from_db()
    assert entry.state == EntryState.IN_MODERATION
    assert response.context["form"].errors == {"reason": ["Choose a reason."]}


def test_after_an_action_the_next_waiting_entry_opens_with_a_message(client, photo, moderator):
    now = timezone.now()
    first = EntryFactory(competition=photo, submitted_at=now - timedelta(days=3))
    EntryFactory(competition=photo, state=EntryState.APPROVED, submitted_at=now - timedelta(days=2))
    second = EntryFactory(competition=photo, submitted_at=now - timedelta(days=1))
    client.force_login(moderator)

    approved = client.post(detail_url(first), {"action": "approve"}, follow=True)
    rejected = client.post(
        detail_url(second),
        {"action": "reject", "reason": "off_theme", "confirmed": "1"},
        follow=True,
    )

    assert approved.redirect_chain == [(detail_url(second), 302)]
    assert [str(m) for m in approved.context["messages"]] == [
        f"{first.reference} approved for judging."
    ]
    assert rejected.redirect_chain == [(QUEUE, 302)]
    assert [str(m) for m in rejected.context["messages"]] == [
        f"{second.reference} rejected.",
        "No other entry is waiting for a decision.",
    ]


def test_after_the_last_entry_in_order_the_first_waiting_one_opens(client, photo, moderator):
    now = timezone.now()
    first = EntryFactory(competition=photo, submitted_at=now - timedelta(days=2))
    last = EntryFactory(competition=photo, submitted_at=now - timedelta(days=1))
    client.force_login(moderator)

    response = client.post(
        detail_url(last), {"action": "request_changes", "message": "Crop it."}, follow=True
    )

    assert response.redirect_chain == [(detail_url(first), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"Changes to {last.reference} requested from the entrant."
    ]


def test_entry_screen_links_previous_and_next_waiting_entries(client, photo, moderator):
    now = timezone.now()
    first, middle, last = (
        EntryFactory(competition=photo, submitted_at=now - timedelta(days=days))
        for days in (3, 2, 1)
    )
    client.force_login(moderator)

    html = client.get(detail_url(middle)).content.decode()
    edge = client.get(detail_url(first)).content.decode()

    assert f'<a href="{detail_url(first)}" rel="prev" data-moderation-previous>' in html
    assert f'<a href="{detail_url(last)}" rel="next" data-moderation-next>' in html
    assert "data-moderation-previous" not in edge


def test_entry_screen_shows_the_image_and_title_of_a_submitted_artwork(client, photo, moderator):
    entry = submit(photo, title="Stacioni i fundit")
    client.force_login(moderator)

    html = client.get(detail_url(entry)).content.decode()

    assert '<h2 class="entry-title">Stacioni i fundit</h2>' in html
    assert f'<img src="/admin/entries/{entry.pk}/file/thumbnail/" alt="Stacioni i fundit">' in html


def test_moderation_pages_load_their_script_and_styles_as_files(client, photo, moderator):
    entry = EntryFactory(competition=photo)
    client.force_login(moderator)

    for url in (QUEUE, detail_url(entry)):
        html = client.get(url).content.decode()
        assert '<script src="/static/competitions/admin/moderation.js" defer></script>' in html
        assert 'data-moderation="' in html
        assert "<kbd>?</kbd>" in html
