"""Possible duplicates are found by a task when an entry arrives, stored, and flagged in the
queue; a held entry is never anyone's possible duplicate except a safeguarding officer's."""

import pytest
from django.urls import reverse

from competitions import permissions, services
from competitions.duplicates import record_duplicates
from competitions.enums import Actor, EntryState
from competitions.models import Entry, PossibleDuplicate
from tests.competitions.conftest import submit
from tests.competitions.test_queue import QUEUE, QUEUE_QUERIES
from tests.factories.competitions import CompetitionPageFactory, EntryFactory

STORY = (
    "Në stacionin e autobusit një valixhe e harruar priste gjithë ditën. Askush nuk e mori, "
    "dhe unë u ula pranë saj deri në mbrëmje kur erdhi shiu."
)


def flags(client):
    response = client.get(reverse("competitions_admin:queue") + "?show=all")
    return {entry.reference: entry.possible_duplicate for entry in response.context["object_list"]}


def test_duplicate_photo_found_at_arrival_across_editions(
    index, photo, moderator, client, django_capture_on_commit_callbacks
):
    earlier = CompetitionPageFactory(parent=index, edition=2, reference_prefix="US")
    old = EntryFactory(competition=earlier, state=EntryState.REJECTED)
    other = EntryFactory(competition=photo)
    # Generated images are flat colours with one hash: this one is made to look different.
    Entry.objects.filter(pk=other.pk).update(image_hash="f" * 16)
    with django_capture_on_commit_callbacks(execute=True):
        new = submit(photo)

    pairs = set(PossibleDuplicate.objects.values_list("entry__reference", "other__reference"))
    assert pairs == {
        (new.reference, old.reference),
        (old.reference, new.reference),
    }
    client.force_login(moderator)
    assert flags(client) == {other.reference: False, new.reference: True, old.reference: True}
    detail = client.get(reverse("competitions_admin:detail", args=[new.pk]))
    assert [(o.reference, d) for o, d in detail.context["duplicates"]] == [(old.reference, 0.0)]


def test_duplicate_story_found_by_shingles_at_arrival(story, django_capture_on_commit_callbacks):
    first = EntryFactory(competition=story, story_text=STORY)
    with django_capture_on_commit_callbacks(execute=True):
        second = submit(story, image=False, story_text=STORY + " Fund.", language="sq")

    assert list(
        PossibleDuplicate.objects.filter(entry=second).values_list("other_id", flat=True)
    ) == [first.pk]


def test_held_entry_is_no_ones_duplicate_but_the_officers(
    photo, moderator, officer, superuser, client, django_capture_on_commit_callbacks
):
    held = EntryFactory(competition=photo)
    with django_capture_on_commit_callbacks(execute=True):
        new = submit(photo)
    services.move_entry(held, EntryState.SAFEGUARDING_HOLD, actor=Actor.MODERATOR, by=moderator)

    for user in (moderator, superuser):
        client.force_login(user)
        assert flags(client) == {new.reference: False}
        detail = client.get(reverse("competitions_admin:detail", args=[new.pk]))
        assert detail.context["duplicates"] == []
        assert held.reference not in detail.content.decode()
    assert list(
        permissions.visible_duplicates(officer).filter(entry=new).values_list("other", flat=True)
    ) == [held.pk]


def test_erased_entry_leaves_the_duplicates(photo, django_capture_on_commit_callbacks):
    first = EntryFactory(competition=photo)
    with django_capture_on_commit_callbacks(execute=True):
        new = submit(photo)
    assert PossibleDuplicate.objects.count() == 2

    services.withdraw_entry(new)

    assert PossibleDuplicate.objects.count() == 0
    assert first.possible_duplicates.count() == 0


@pytest.mark.parametrize("count", [1, 60])
def test_queue_with_duplicate_flags_keeps_its_query_count(
    client, photo, moderator, count, django_assert_num_queries
):
    # Every entry has the same image: each row is flagged.
    entries = [EntryFactory(competition=photo) for _ in range(count + 1)]
    record_duplicates(entries[-1])
    client.force_login(moderator)
    client.get(QUEUE)  # warm up

    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(QUEUE)

    rows = response.context["object_list"]
    assert [entry.possible_duplicate for entry in rows] == [True] * min(count + 1, 50)
