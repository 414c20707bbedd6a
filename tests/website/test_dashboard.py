"""The admin home as a dashboard of the work to do: entries waiting per competition (moderators),
the next scheduled publications (page editors), the last bulletin send (comms staff); each panel
shown only to who may see its data, in the admin's language, in a constant number of queries."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from wagtail.users.models import UserProfile

from competitions.enums import EntryState
from newsletter.enums import DeliveryState, SendState
from newsletter.models import BulletinSend
from tests.factories.bulletins import BulletinIndexPageFactory, BulletinPageFactory
from tests.factories.competitions import (
    CompetitionIndexPageFactory,
    CompetitionPageFactory,
    EntryFactory,
)
from tests.factories.newsletter import BulletinSendFactory, DeliveryFactory
from tests.factories.website import UserFactory, member_of

HOME = "/admin/"


def _staff(group, username, language="en"):
    """A member of `group` whose admin speaks `language` (the admin's default is Albanian)."""
    user = member_of(group, username=username)
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=language)
    return user


@pytest.fixture
def competitions(home):
    index = CompetitionIndexPageFactory(parent=home)
    photo = CompetitionPageFactory(
        parent=index, title_sq="Fotografia", title_en="Photography", slug_sq="foto", slug_en="photo"
    )
    story = CompetitionPageFactory(
        parent=index,
        story=True,
        title_sq="Tregimi",
        title_en="Story",
        slug_sq="tregim",
        slug_en="story",
    )
    return photo, story


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _panel(response, panel_id):
    html = response.content.decode()
    match = re.search(rf'<section[^>]*id="{panel_id}"[^>]*>.*?</section>', html, re.S)
    return match.group(0) if match else None


def test_a_moderator_sees_the_entries_waiting_per_competition_with_links_to_the_queue(
    client, competitions
):
    photo, story = competitions
    for _ in range(3):
        EntryFactory(competition=photo, state=EntryState.IN_MODERATION)
    EntryFactory(competition=story, state=EntryState.IN_MODERATION)
    EntryFactory(competition=story, state=EntryState.APPROVED)
    EntryFactory(competition=story, state=EntryState.SAFEGUARDING_HOLD)
    client.force_login(_staff("Competition moderators", "mod"))

    panel = _panel(client.get(HOME), "entries-waiting-section")

    assert panel is not None
    text = _text(panel)
    assert "Entries waiting for moderation" in text
    assert "4 entries waiting in all." in text
    assert "Photography 3" in text
    assert "Story 1" in text
    assert f'href="/admin/entries/?competition={photo.pk}&amp;state=in_moderation"' in panel
    assert f'href="/admin/entries/?competition={story.pk}&amp;state=in_moderation"' in panel


def test_the_moderator_panel_in_albanian(client, competitions):
    EntryFactory(competition=competitions[0], state=EntryState.IN_MODERATION)
    client.force_login(_staff("Competition moderators", "mod", language="sq"))

    text = _text(_panel(client.get(HOME), "entries-waiting-section"))

    assert "Fotografia 1" in text
    assert "Punime në pritje të moderimit" in text


def test_the_moderator_panel_keeps_its_query_count_with_more_competitions_and_entries(
    client, home, django_assert_num_queries, django_assert_max_num_queries
):
    index = CompetitionIndexPageFactory(parent=home)
    first = CompetitionPageFactory(parent=index)
    EntryFactory(competition=first, state=EntryState.IN_MODERATION)
    client.force_login(_staff("Competition moderators", "mod"))
    client.get(HOME)
    with django_assert_max_num_queries(1000) as one:
        client.get(HOME)
    for edition in range(4, 8):
        competition = CompetitionPageFactory(parent=index, edition=edition)
        for _ in range(3):
            EntryFactory(competition=competition, state=EntryState.IN_MODERATION)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(HOME)
    assert "13 entries waiting in all." in _text(_panel(response, "entries-waiting-section"))


@pytest.fixture
def sent_bulletin(home, site_settings):
    page = BulletinPageFactory(parent=BulletinIndexPageFactory(parent=home), title_en="December")
    send = BulletinSendFactory(page=page, state=SendState.SENDING)
    for state, count in (
        (DeliveryState.SENT, 5),
        (DeliveryState.FAILED, 2),
        (DeliveryState.QUEUED, 3),
    ):
        for _ in range(count):
            DeliveryFactory(send=send, state=state)
    return page


def test_comms_staff_see_the_last_send_with_its_counts_and_the_next_scheduled_publications(
    client, sent_bulletin
):
    revision = sent_bulletin.save_revision()
    revision.approved_go_live_at = timezone.now() + datetime.timedelta(days=2)
    revision.save()
    client.force_login(_staff("Publishers", "pub"))

    response = client.get(HOME)

    send = _panel(response, "last-bulletin-send-section")
    assert send is not None
    assert f'href="/admin/newsletter/send/{sent_bulletin.pk}/"' in send
    assert "Sent Failed Waiting Recipients 5 2 3 10" in _text(send)
    scheduled = _panel(response, "scheduled-publications-section")
    assert scheduled is not None
    assert f'href="/admin/pages/{sent_bulletin.pk}/edit/"' in scheduled
    assert "Next scheduled publications" in _text(scheduled)
    assert _panel(response, "entries-waiting-section") is None


def test_the_last_send_panel_keeps_its_query_count(
    client, sent_bulletin, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(_staff("Publishers", "pub"))
    client.get(HOME)
    with django_assert_max_num_queries(1000) as one:
        client.get(HOME)
    send = BulletinSend.objects.get(page=sent_bulletin)
    for _ in range(20):
        DeliveryFactory(send=send, state=DeliveryState.SENT)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(HOME)
    assert "25 2 3 30" in _text(_panel(response, "last-bulletin-send-section"))


def test_a_juror_never_reaches_the_admin_home(client, competitions):
    client.force_login(_staff("Jurors", "juror"))

    assert client.get(HOME).status_code == 403


def test_staff_without_those_permissions_see_none_of_the_panels(
    client, competitions, sent_bulletin
):
    EntryFactory(competition=competitions[0], state=EntryState.IN_MODERATION)
    revision = sent_bulletin.save_revision()
    revision.approved_go_live_at = timezone.now() + datetime.timedelta(days=2)
    revision.save()
    user = UserFactory(username="plain")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="en")
    client.force_login(user)

    response = client.get(HOME)

    assert response.status_code == 200
    for panel in ("entries-waiting", "last-bulletin-send", "scheduled-publications"):
        assert _panel(response, f"{panel}-section") is None
    assert "Photography" not in response.content.decode()


def test_pages_awaiting_review_use_wagtails_own_panel(client, home, sent_bulletin):
    workflow = sent_bulletin.get_workflow()
    assert workflow is not None
    sent_bulletin.save_revision(user=_staff("Editors", "ed"))
    workflow.start(sent_bulletin, sent_bulletin.get_latest_revision().user)
    reviewer = _staff("Publishers", "pub")
    client.force_login(reviewer)

    response = client.get(HOME)

    html = response.content.decode()
    assert "Awaiting your review" in html
    assert sent_bulletin.get_admin_display_title() in html
