"""jury.permissions: what a juror sees and may do, and who sees results."""

import pytest
from django.contrib.auth.models import AnonymousUser

from competitions.enums import EntryState
from competitions.models import Entry
from jury import permissions, services
from jury.enums import RoundState
from tests.factories import UserFactory, member_of
from tests.factories.jury import ConflictDeclarationFactory, JurorFactory
from tests.jury.conftest import make_round


def test_visible_entries_are_assigned_judgeable_and_unconflicted(score_round, entries, jurors):
    Entry.objects.filter(pk=entries[1].pk).update(state=EntryState.SAFEGUARDING_HOLD)
    ConflictDeclarationFactory(juror=jurors[1], entry=entries[2])

    visible = set(permissions.visible_entries(jurors[1], score_round))

    assert visible == {entries[0], entries[3]}
    assert set(permissions.visible_entries(jurors[0], score_round)) == {
        entries[0],
        entries[2],
        entries[3],
    }


def test_juror_rounds_never_show_a_draft(jury, entries, jurors, moderator):
    draft = make_round(jury, position=1)
    opened = make_round(jury, position=2)
    services.open_round(opened, by=moderator)

    assert list(permissions.juror_rounds(jurors[1])) == [opened]
    assert list(permissions.juror_rounds(JurorFactory())) == []
    assert permissions.is_juror(jurors[1], draft) == (False, "This round is not open yet.")
    assert permissions.is_juror(jurors[1], opened) == (True, "")


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("anonymous", False), ("juror", False), ("chair", True), ("moderator", True), ("admin", True)],
)
def test_who_sees_results_and_exports(score_round, jurors, moderator, who, allowed):
    user = {
        "anonymous": AnonymousUser(),
        "juror": jurors[1],
        "chair": jurors[0],
        "moderator": moderator,
        "admin": UserFactory(superuser=True),
    }[who]
    reason = "" if allowed else "Only the jury's chair and the moderators see the results."

    assert permissions.can_see_results(user, score_round) == (allowed, reason)
    assert permissions.can_export_results(user, score_round) == (allowed, reason)
    assert permissions.can_decide(user, score_round) == (allowed, reason)


def test_only_moderators_manage_juries(db, jurors):
    assert permissions.can_manage(member_of("Competition moderators"))[0] is True
    assert permissions.can_manage(member_of("Editors")) == (
        False,
        "Only Competition moderators can manage juries.",
    )
    assert permissions.can_manage(jurors[0])[0] is False


def test_closed_round_is_read_only(score_round, entries, jurors, moderator):
    assert permissions.can_mark(round=score_round, juror=jurors[1], entry=entries[0]) == (True, "")

    services.move_round(score_round, RoundState.CLOSED, by=moderator)

    assert permissions.can_mark(round=score_round, juror=jurors[1], entry=entries[0]) == (
        False,
        "This round is closed: its marks can no longer change.",
    )


def test_can_see_entry_follows_the_list(score_round, entries, jurors):
    ConflictDeclarationFactory(juror=jurors[1], entry=entries[2])

    assert permissions.can_see_entry(jurors[1], entries[0]) == (True, "")
    assert permissions.can_see_entry(jurors[1], entries[2]) == (
        False,
        "This entry is not on your list.",
    )
    assert permissions.can_see_entry(UserFactory(), entries[0])[0] is False
