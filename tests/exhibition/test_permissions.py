"""exhibition.permissions: who checks and takes down works, and what the public sees."""

import pytest
from django.contrib.auth.models import AnonymousUser

from competitions.enums import Actor, EntryState
from competitions.models import Entry
from exhibition import permissions
from exhibition.enums import PublicationState
from tests.factories import UserFactory, member_of
from tests.factories.exhibition import PublicationFactory
from tests.factories.jury import JurorFactory


@pytest.mark.parametrize(
    ("make_user", "allowed"),
    [
        (lambda: AnonymousUser(), False),
        (lambda: JurorFactory(), False),
        (lambda: member_of("Editors"), False),
        (lambda: member_of("Competition moderators"), True),
        (lambda: UserFactory(superuser=True), True),
    ],
)
def test_can_check(db, make_user, allowed):
    reason = "" if allowed else "Only Competition moderators can check works before publication."

    assert permissions.can_check(make_user()) == (allowed, reason)


@pytest.mark.parametrize(
    ("from_state", "to_state", "actor", "allowed"),
    [
        (PublicationState.PENDING, PublicationState.PUBLISHED, Actor.SYSTEM, True),
        (PublicationState.PENDING, PublicationState.PUBLISHED, Actor.MODERATOR, False),
        (PublicationState.PUBLISHED, PublicationState.TAKEN_DOWN, Actor.GUARDIAN, True),
        (PublicationState.TAKEN_DOWN, PublicationState.PENDING, Actor.ENTRANT, False),
        (PublicationState.TAKEN_DOWN, PublicationState.PENDING, Actor.MODERATOR, True),
    ],
)
def test_can_move_follows_the_table(entries, from_state, to_state, actor, allowed):
    published = from_state == PublicationState.PUBLISHED
    publication = PublicationFactory(entry=entries[0], state=from_state, published=published)

    assert permissions.can_move(publication, to_state, actor)[0] is allowed


def test_visible_publications_only_published_judgeable_not_erased(entries):
    shown = PublicationFactory(entry=entries[0], published=True)
    PublicationFactory(entry=entries[1])
    PublicationFactory(entry=entries[2], taken_down=True)
    held = PublicationFactory(entry=entries[3], published=True)
    Entry.objects.filter(pk=held.entry_id).update(state=EntryState.SAFEGUARDING_HOLD)

    assert list(permissions.visible_publications()) == [shown]
