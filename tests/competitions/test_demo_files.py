"""The demo as people see it: every demo entry has a title and an image, and each file answers
200 to the people who may see it (a moderator in the admin, an assigned juror in the jury room)
and is refused to everyone else, also after the worker's daily purge has run.

Every file of every entry is asked for by each person who may see it: a file missing or refused
to one of them fails. A refusal does not depend on the entry (the views refuse by who asks,
before they look at a file), so each person who may not see a file asks for a fixed sample: the
first and the last entry of each kind (the photography competition's entries in moderation and
approved, the art competition's works with and without a content warning, shortlisted or not),
both variants. That is some 700 requests instead of 1,900, for the same promise.

The demo is the run's shared one (tests/demo_database.py: loaded as `load_demo` loads it, then
the purge)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from competitions.enums import EntryState
from competitions.models import Entry
from jury.models import Advancement, Round

VARIANTS = ("image", "thumbnail")


@pytest.fixture
def demo(db, shared_demo):
    return list(Entry.objects.order_by("pk"))


def user(username):
    return get_user_model().objects.get(username=username)


def admin_file(entry, variant):
    return reverse("competitions_admin:file", args=[entry.pk, variant])


def jury_file(round, entry, variant):
    with translation.override("sq"):
        return reverse("jury:entry_file", args=[round.pk, entry.jury_code.code, variant])


def statuses(client, urls):
    return {client.get(url).status_code for url in urls}


def kinds(entries):
    """{(competition, approved, content warning, shortlisted): its entries, in order}."""
    shortlisted = set(Advancement.objects.values_list("entry_id", flat=True))
    found = {}
    for entry in entries:
        kind = (
            entry.form_token.split("-")[1],  # "entry" (photography) or "art3"
            entry.state == EntryState.APPROVED,
            bool(entry.content_warning),
            entry.pk in shortlisted,
        )
        found.setdefault(kind, []).append(entry)
    return found


def sample(entries):
    """The first and the last entry of each kind (module doc), in the order of `entries`."""
    chosen = {entry.pk for group in kinds(entries).values() for entry in (group[0], group[-1])}
    return [entry for entry in entries if entry.pk in chosen]


def test_demo_entries_keep_title_and_files_for_those_who_may_see_them(client, demo):
    """Titles and files, then who gets them: every file for those who may see it, a sample for
    those who may not (module doc)."""
    artworks = [entry for entry in demo if entry.form_token.startswith("demo-art3-")]
    first = Round.objects.get(position=1)
    some = sample(demo)
    admin_urls = {
        "every": [admin_file(entry, variant) for entry in demo for variant in VARIANTS],
        "sample": [admin_file(entry, variant) for entry in some for variant in VARIANTS],
    }
    jury_urls = {
        "every": [jury_file(first, entry, "image") for entry in artworks],
        "sample": [jury_file(first, e, v) for e in some if e in artworks for v in VARIANTS],
    }
    jury_thumbnails = [jury_file(first, entry, "thumbnail") for entry in artworks]
    may_see = {"moderator": ("every", "sample"), "juror1": ("sample", "every")}
    may_see["juror5"] = may_see["juror1"]

    seen = {}
    for username in ("moderator", "editor", "juror1", "juror5", "juror"):
        admin, jury = may_see.get(username, ("sample", "sample"))
        client.force_login(user(username))
        seen[username] = (statuses(client, admin_urls[admin]), statuses(client, jury_urls[jury]))
    client.force_login(user("juror1"))
    chair_thumbnails = statuses(client, jury_thumbnails)
    client.logout()
    anonymous = client.get(admin_urls["every"][0])

    assert (len(demo), len(artworks)) == (3 + 114, 114)
    # The sample has each kind: both competitions, in moderation and approved, with and without
    # a content warning, shortlisted and not.
    assert sorted(kinds(demo)) == [
        ("art3", True, False, False),
        ("art3", True, False, True),
        ("art3", True, True, False),
        ("art3", True, True, True),
        ("entry", False, False, False),
        ("entry", True, False, False),
    ]
    assert len(some) == 10  # one kind has a single entry
    assert [entry for entry in demo if not (entry.title and entry.image and entry.thumbnail)] == []
    assert [entry for entry in demo if entry.erased_at] == []
    assert seen == {
        "moderator": ({200}, {404}),  # every entry in the admin; the jury room is not theirs
        "editor": ({403}, {404}),
        "juror1": ({403}, {200}),  # the chair, a juror of the round
        "juror5": ({403}, {200}),
        "juror": ({403}, {404}),  # a juror of the demo accounts who sits on no jury
    }
    assert chair_thumbnails == {200}
    assert (anonymous.status_code, anonymous["Location"].split("?")[0]) == (302, "/admin/login/")
