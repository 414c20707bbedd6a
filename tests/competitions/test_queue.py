"""The moderation queue (the `EntryViewSet`'s listing): what it lists, its filters, its exports,
its queries, and the permission policy Wagtail sees."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.permissions import policy_registry

from competitions.enums import ContentWarning, EntryState
from competitions.models import Entry
from competitions.viewsets import EntryPermissionPolicy
from tests.factories.competitions import (
    CompetitionCategoryFactory,
    CompetitionPageFactory,
    EntryFactory,
)

QUEUE = "/admin/entries/"
QUEUE_QUERIES = 14


def _references(response):
    return [entry.reference for entry in response.context["object_list"]]


@pytest.mark.parametrize("count", [1, 60])
def test_queue_query_count_is_the_same_for_one_and_many_entries(
    client, photo, moderator, django_assert_num_queries, count
):
    for _ in range(count):
        EntryFactory(competition=photo)
    client.force_login(moderator)

    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(QUEUE)

    assert len(response.context["object_list"]) == min(count, 50)


def test_safeguarding_queue_query_count_is_the_same_for_one_and_many_entries(
    client, photo, officer, django_assert_num_queries
):
    client.force_login(officer)
    EntryFactory(competition=photo, state=EntryState.SAFEGUARDING_HOLD)
    url = reverse("competitions_admin:safeguarding_queue")
    client.get(url)  # the first request of a session loads the user's settings once

    with django_assert_num_queries(11) as one:
        client.get(url)
    for _ in range(20):
        EntryFactory(competition=photo, state=EntryState.SAFEGUARDING_HOLD)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)

    assert len(response.context["page_obj"]) == 21


def test_queue_opens_on_the_entries_to_decide_all_states_one_click_away(client, photo, moderator):
    entries = {state: EntryFactory(competition=photo, state=state) for state in EntryState}
    client.force_login(moderator)

    default = client.get(QUEUE)
    everything = client.get(f"{QUEUE}?show=all")

    assert _references(default) == [entries[EntryState.IN_MODERATION].reference]
    assert _references(everything) == [
        entries[state].reference
        for state in (
            EntryState.IN_MODERATION,
            EntryState.CHANGES_REQUESTED,
            EntryState.APPROVED,
            EntryState.REJECTED,
        )
    ]
    assert default.context["counts"] == [
        (EntryState.IN_MODERATION, 1),
        (EntryState.CHANGES_REQUESTED, 1),
        (EntryState.APPROVED, 1),
        (EntryState.REJECTED, 1),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=approved", ["approved"]),
        ("show=all&age_group=minor", ["minor", "story"]),
        ("show=all&age_group=adult", ["plain", "approved", "warning", "kosovo", "category"]),
        ("show=all&country=XK", ["kosovo"]),
        ("show=all&content_warning=violence", ["warning"]),
        ("show=all&kind=story", ["story"]),
    ],
)
def test_queue_filters(client, photo, story, moderator, query, expected):
    category = CompetitionCategoryFactory(page=photo)
    made = {
        "plain": EntryFactory(competition=photo),
        "approved": EntryFactory(competition=photo, state=EntryState.APPROVED),
        "minor": EntryFactory(competition=photo, minor=True),
        "warning": EntryFactory(competition=photo, content_warning=ContentWarning.VIOLENCE),
        "kosovo": EntryFactory(competition=photo, country="XK"),
        "category": EntryFactory(competition=photo, category=category),
        "story": EntryFactory(competition=story, age=17),
    }
    client.force_login(moderator)

    response = client.get(f"{QUEUE}?{query}")

    assert _references(response) == [made[name].reference for name in expected]


def test_queue_filters_by_competition_and_category(client, index, photo, moderator):
    other = CompetitionPageFactory(parent=index, edition=4)
    category = CompetitionCategoryFactory(page=photo)
    mine = EntryFactory(competition=photo, category=category)
    EntryFactory(competition=photo)
    EntryFactory(competition=other)
    client.force_login(moderator)

    by_category = client.get(f"{QUEUE}?category={category.pk}")
    by_competition = client.get(f"{QUEUE}?show=all&competition={other.pk}")

    assert _references(by_category) == [mine.reference]
    assert _references(by_competition) == ["US4-PHOTO-0001"]
    assert [n for _state, n in by_competition.context["counts"]] == [1, 0, 0, 0]


def test_queue_export_keeps_the_filters_and_neutralises_formulas(client, photo, moderator):
    EntryFactory(competition=photo, title="=1+1", entrant__full_name="-2+3")
    EntryFactory(competition=photo, state=EntryState.APPROVED, title="Approved")
    client.force_login(moderator)

    csv_response = client.get(
        reverse("competitions_admin:export", args=["csv"]) + "?state=in_moderation"
    )
    xlsx_response = client.get(f"{QUEUE}?state=in_moderation&export=xlsx")

    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert (csv_response["Cache-Control"], len(lines)) == (
        "no-store, max-age=0, no-cache, must-revalidate, private",
        2,
    )
    fields = lines[1].split(",")
    assert fields[:5] + fields[9:10] == [
        "US3-PHOTO-0001",
        "Fotografia",
        "Në kontroll",  # the moderator reads the admin in Albanian
        "",
        "'=1+1",
        "'-2+3",
    ]
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert [row[4] for row in sheet.iter_rows(values_only=True)] == ["Titulli", "'=1+1"]


def test_queue_links_each_entry_to_its_screen_and_a_checkbox_to_the_bulk_form(
    client, photo, moderator
):
    entry = EntryFactory(competition=photo)
    client.force_login(moderator)

    html = client.get(QUEUE).content.decode()

    assert f'<a href="/admin/entries/{entry.pk}/">' in html
    assert (
        f'<input type="checkbox" name="entries" value="{entry.pk}" id="select-{entry.pk}" '
        'form="moderation-bulk"'
    ) in html
    assert '<form method="post" action="/admin/entries/bulk/" id="moderation-bulk"' in html


def test_wagtail_sees_the_competitions_permission_policy(photo, moderator, officer, superuser):
    policy = policy_registry.get_by_type(Entry)
    queued = EntryFactory(competition=photo)
    held = EntryFactory(competition=photo, state=EntryState.SAFEGUARDING_HOLD)

    assert isinstance(policy, EntryPermissionPolicy)
    assert [
        (user.username, list(policy.instances_user_has_permission_for(user, "view")))
        for user in (moderator, officer, superuser)
    ] == [("moderator", [queued]), ("officer", [held]), ("root", [queued])]
    assert [policy.user_has_permission(moderator, action) for action in ("view", "change")] == [
        True,
        False,
    ]
    assert policy.user_has_permission_for_instance(moderator, "view", held) is False
