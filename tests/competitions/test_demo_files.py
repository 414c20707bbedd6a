"""The demo as people see it: every demo entry has a title and an image, and each file answers
200 to the people who may see it (a moderator in the admin, an assigned juror in the jury room)
and is refused to everyone else, also after the worker's daily purge has run."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from competitions import demo as competitions_demo
from competitions import services
from competitions.models import Entry
from exhibition import demo as exhibition_demo
from jury import demo as jury_demo
from jury.models import Round
from website import demo as website_demo


@pytest.fixture
def demo(home):
    out = io.StringIO()
    with override_settings(DEBUG=True):
        website_demo.load_accounts(out)
        competitions_demo.load(home, out)
        jury_demo.load(home, out)
        exhibition_demo.load(home, out)
    # The worker's daily purge (competitions.tasks) runs on a real demo site: it must not take
    # the demo's works away.
    services.purge_entries()
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


def test_demo_entries_keep_title_and_files_for_those_who_may_see_them(client, demo):
    """One test, one demo load (it takes a while): titles and files, then who gets them."""
    artworks = [entry for entry in demo if entry.form_token.startswith("demo-art3-")]
    first = Round.objects.get(position=1)
    admin_urls = [admin_file(e, variant) for e in demo for variant in ("image", "thumbnail")]
    jury_urls = [jury_file(first, entry, "image") for entry in artworks]
    jury_thumbnails = [jury_file(first, entry, "thumbnail") for entry in artworks]

    seen = {}
    for username in ("moderator", "editor", "juror1", "juror5", "juror"):
        client.force_login(user(username))
        seen[username] = (statuses(client, admin_urls), statuses(client, jury_urls))
    client.force_login(user("juror1"))
    chair_thumbnails = statuses(client, jury_thumbnails)
    client.logout()
    anonymous = client.get(admin_urls[0])

    assert (len(demo), len(artworks)) == (3 + 114, 114)
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
