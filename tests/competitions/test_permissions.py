"""competitions/permissions.py: the rules the matrix (tests/test_permission_matrix.py) does not
show cell by cell."""

from django.core import mail

from competitions import permissions, services, tokens
from competitions.duplicates import record_duplicates
from competitions.enums import Actor, EntryState, NotificationKind, Recipient
from competitions.notifications import Notice, build_messages
from tests.factories import UserFactory, member_of
from tests.factories.competitions import EntryFactory


def test_superuser_moderates_but_is_no_safeguarding_officer(superuser):
    assert permissions.can_moderate(superuser) == (True, "")
    assert permissions.can_safeguard(superuser) == (
        False,
        "Only Safeguarding officers can see entries held for safeguarding.",
    )
    assert list(permissions.safeguarding_officers()) == []


def test_superuser_in_the_officers_group_is_an_officer(db):
    root = UserFactory(username="root", superuser=True, groups=["Safeguarding officers"])

    assert permissions.can_safeguard(root) == (True, "")
    assert list(permissions.safeguarding_officers()) == [root]


def test_inactive_officer_is_no_officer(db):
    former = member_of("Safeguarding officers", is_active=False)

    assert (permissions.can_safeguard(former)[0], list(permissions.safeguarding_officers())) == (
        False,
        [],
    )


def test_entrant_is_told_a_hold_is_a_check(photo):
    held = EntryFactory(competition=photo, state=EntryState.SAFEGUARDING_HOLD)
    approved = EntryFactory(competition=photo, state=EntryState.APPROVED)

    assert permissions.state_shown_to_entrant(held) == EntryState.IN_MODERATION
    assert permissions.state_shown_to_entrant(approved) == EntryState.APPROVED


def test_entrant_link_stops_at_withdrawal(photo):
    entry = EntryFactory(competition=photo)
    token = tokens.entrant_token(entry)
    assert permissions.entry_for_entrant(token) == entry

    services.withdraw_entry(entry)

    assert permissions.entry_for_entrant(token) is None


def test_guardian_link_only_while_consent_is_awaited(photo):
    waiting = EntryFactory(competition=photo, awaiting_consent=True)
    token = tokens.guardian_token(waiting)
    assert permissions.entry_for_guardian(token) == waiting

    services.give_consent(waiting)

    assert permissions.entry_for_guardian(token) is None


def test_moderator_never_sees_a_held_entry_among_duplicates(client, photo, moderator):
    probe = EntryFactory(competition=photo)
    twin = EntryFactory(competition=photo)
    held = EntryFactory(competition=photo, state=EntryState.SAFEGUARDING_HOLD)
    record_duplicates(probe)
    client.force_login(moderator)

    duplicates = client.get(f"/admin/entries/{probe.pk}/").context["duplicates"]

    assert [(other.reference, distance) for other, distance in duplicates] == [(twin.reference, 0)]
    assert held.reference not in client.get(f"/admin/entries/{probe.pk}/").content.decode()


def test_safeguarding_alert_in_each_officers_language_with_only_the_reference(photo, moderator):
    sq = member_of("Safeguarding officers", username="besa", preferred_language="sq")
    en = member_of("Safeguarding officers", username="john", preferred_language="en")
    entry = EntryFactory(competition=photo, title="Secret title")
    services.move_entry(entry, EntryState.SAFEGUARDING_HOLD, actor=Actor.MODERATOR, by=moderator)
    mail.outbox.clear()
    notification = Notice(
        entry=entry, kind=NotificationKind.SAFEGUARDING_ALERT, recipient=Recipient.SAFEGUARDING
    )

    messages = build_messages(notification)

    assert [(m.to, "Secret title" in m.body) for m in messages] == [
        ([sq.email], False),
        ([en.email], False),
    ]
    assert [m.body.splitlines()[1] for m in messages] == [
        f"http://testserver/admin/entries/safeguarding/{entry.pk}/"
    ] * 2
    assert [m.subject for m in messages] == [
        f"Mbrojtje: punimi {entry.reference} kërkon vëmendjen tuaj",
        f"Safeguarding: entry {entry.reference} needs your attention",
    ]
