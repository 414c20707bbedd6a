"""newsletter/permissions.py: every role against every rule, and the readers' links."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone, translation

from newsletter import permissions, services
from newsletter.enums import SendState, SubscriberState
from newsletter.tokens import InvalidToken, make_confirm_token
from tests.factories import UserFactory, member_of
from tests.factories.newsletter import BulletinSendFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "Editors",
    "Publishers",
    "Competition moderators",
    "Safeguarding officers",
    "Jurors",
    "superuser",
]
# Who holds the newsletter's permissions (migration 0002): Publishers, and superusers.
STAFF = {"Publishers", "superuser"}

STAFF_RULES = {
    permissions.can_view_subscribers: "You do not have permission to see the subscribers.",
    permissions.can_import_subscribers: "You do not have permission to import subscribers.",
    permissions.can_export_subscribers: "You do not have permission to export subscribers.",
    permissions.can_open_sends: "You do not have permission to send bulletins.",
    permissions.can_test_send: "You do not have permission to send bulletins.",
    permissions.can_see_deliveries: "You do not have permission to send bulletins.",
}


def user_in(role):
    if role == "anonymous":
        return AnonymousUser()
    if role == "superuser":
        return UserFactory(superuser=True)
    return member_of(role)


def answer(result):
    allowed, reason = result
    with translation.override("en"):
        return allowed, str(reason)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("rule", list(STAFF_RULES), ids=lambda rule: rule.__name__)
def test_only_publishers_and_superusers_pass_the_staff_rules(role, rule):
    user = user_in(role)

    result = answer(rule(user))

    assert result == ((True, "") if role in STAFF else (False, STAFF_RULES[rule]))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("action", "refusal"),
    [
        ("view", "You do not have permission to see the subscribers."),
        ("change", "You do not have permission to change subscribers."),
        ("delete", "You do not have permission to delete subscribers."),
    ],
)
def test_subscriber_records_are_for_publishers_and_superusers(role, action, refusal):
    user = user_in(role)

    result = answer(permissions.can_act_on_subscribers(user, action))

    assert result == ((True, "") if role in STAFF else (False, refusal))


@pytest.mark.parametrize("role", ROLES)
def test_nobody_adds_a_subscriber_by_hand(role):
    result = answer(permissions.can_act_on_subscribers(user_in(role), "add"))

    assert result == (False, "Subscribers join only through the subscribe form or an import.")


def test_listings_are_empty_for_those_without_the_permission(bulletin):
    SubscriberFactory()
    users = {role: user_in(role) for role in ROLES}

    listings = {
        role: (
            list(permissions.bulletins_for_sending(user)),
            permissions.subscribers_for_export(user).count(),
        )
        for role, user in users.items()
    }

    assert listings == {role: ([bulletin], 1) if role in STAFF else ([], 0) for role in ROLES}


def test_a_bulletin_is_sent_once_when_published(bulletin, publisher):
    assert answer(permissions.can_send(bulletin, publisher)) == (True, "")

    bulletin.unpublish()
    draft = answer(permissions.can_send(bulletin, publisher))
    bulletin.save_revision().publish()
    bulletin.refresh_from_db()
    BulletinSendFactory(page=bulletin)
    sent = answer(permissions.can_send(bulletin, publisher))

    assert draft == (
        False,
        "Publish the bulletin first: the e-mail links to its page on the site.",
    )
    assert sent == (False, "This bulletin has already been sent.")


def test_an_editor_cannot_send_even_a_published_bulletin(bulletin, editor):
    assert answer(permissions.can_send(bulletin, editor)) == (
        False,
        "You do not have permission to send bulletins.",
    )


NOT_STALLED = "This send is not stalled: a job is working on it, or it has finished."


@pytest.mark.parametrize(
    ("state", "job_id", "lease", "expected"),
    [
        (SendState.SENDING, "", None, (True, "")),  # its job stopped and let go
        (SendState.SENDING, "dead", -60, (True, "")),  # its job died holding it
        (SendState.SENDING, "alive", 60, (False, NOT_STALLED)),  # a job is working on it
        (SendState.FINISHED, "", None, (False, NOT_STALLED)),
    ],
)
def test_only_a_stalled_send_can_be_resumed(home, publisher, state, job_id, lease, expected):
    lease_until = None if lease is None else timezone.now() + timedelta(seconds=lease)
    send = BulletinSendFactory(page=home, state=state, job_id=job_id, lease_until=lease_until)

    assert answer(permissions.can_resume_send(send, publisher)) == expected


def test_an_editor_cannot_resume_a_stalled_send(home, editor):
    send = BulletinSendFactory(page=home)

    assert answer(permissions.can_resume_send(send, editor)) == (
        False,
        "You do not have permission to send bulletins.",
    )
    with pytest.raises(services.SendRefused):
        services.resume_send(send, by=editor)


def test_resume_on_the_send_screen_finishes_a_stalled_send(
    client, publisher, bulletin, fast_sending, django_capture_on_commit_callbacks
):
    reader = SubscriberFactory(email="reader@example.org")
    send = services.start_send(bulletin, by=publisher)  # on_commit not run: the job never ran
    client.force_login(publisher)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/newsletter/send/{bulletin.pk}/", {"action": "resume"})

    assert response.status_code == 302
    send.refresh_from_db()
    assert send.state == SendState.FINISHED
    assert [message.to for message in mail.outbox] == [[reader.email]]


@pytest.mark.parametrize(
    ("state", "allowed"),
    [
        (SubscriberState.PENDING, True),
        (SubscriberState.CONFIRMED, True),
        (SubscriberState.UNSUBSCRIBED, False),
        (SubscriberState.SUPPRESSED, False),
    ],
)
def test_the_personal_link_opens_the_preferences_while_subscribed(state, allowed):
    subscriber = SubscriberFactory(state=state)

    result = answer(permissions.can_change_subscription(subscriber))

    assert result == (
        (True, "") if allowed else (False, "You will receive no more e-bulletins at this address.")
    )


def test_the_personal_link_finds_its_subscriber_and_nothing_else():
    subscriber = SubscriberFactory()

    assert permissions.subscriber_for_link(subscriber.token) == subscriber
    assert permissions.subscriber_for_link(subscriber.token[:-1]) is None
    assert permissions.subscriber_for_link("") is None
    assert permissions.subscriber_for_link(subscriber.token + "x" * 64) is None


@pytest.mark.parametrize(
    "state", [SubscriberState.CONFIRMED, SubscriberState.UNSUBSCRIBED, SubscriberState.SUPPRESSED]
)
def test_a_confirmation_link_works_only_while_pending(state):
    subscriber = SubscriberFactory(pending=True)
    token = make_confirm_token(subscriber)
    assert permissions.confirmable_subscriber(token) == subscriber
    subscriber.state = state
    subscriber.suppression_reason = "bounced" if state == SubscriberState.SUPPRESSED else ""
    subscriber.save(update_fields=["state", "suppression_reason"])

    with pytest.raises(InvalidToken):
        permissions.confirmable_subscriber(token)


def test_a_confirmation_link_works_once():
    subscriber = SubscriberFactory(pending=True)
    token = make_confirm_token(subscriber)

    services.confirm_subscription(token=token)
    subscriber.refresh_from_db()
    services.move_subscriber(subscriber, SubscriberState.UNSUBSCRIBED, by=None)
    services.move_subscriber(subscriber, SubscriberState.PENDING, by=None)  # a new nonce

    with pytest.raises(InvalidToken):
        permissions.confirmable_subscriber(token)
