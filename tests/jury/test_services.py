"""Jury services: marks and their refusals, conflicts, removals, rounds, awards, e-mails."""

import io
import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from competitions import services as competition_services
from competitions.enums import Actor, EntryState
from jury import queries, services
from jury.assignment import juror_loads
from jury.enums import AwardKind, RoundState
from jury.models import AnonymousCode, Assignment, Award, ConflictDeclaration, Score
from jury.notifications import reminders
from tests.jury.conftest import make_entry, make_round


def criteria(round):
    return list(round.criteria.all())


def full_marks(round, low=False):
    return {c.pk: (c.scale_min if low else c.scale_max) for c in criteria(round)}


# --- Opening ---------------------------------------------------------------------------------


def test_open_round_assigns_every_entry_to_every_juror_and_codes_them(score_round, jurors):
    assert score_round.state == RoundState.OPEN
    assert Assignment.objects.filter(round=score_round).count() == 4 * 3
    codes = list(AnonymousCode.objects.values_list("code", flat=True))
    assert len(codes) == 4
    assert len(set(codes)) == 4
    assert all(code.startswith("J-") and len(code) == 6 for code in codes)


def test_open_round_k_mode_gives_each_entry_k_jurors_balanced(k_round, jurors):
    rows = Assignment.objects.filter(round=k_round)
    per_entry = {}
    for juror_id, entry_id in rows.values_list("juror_id", "entry_id"):
        per_entry.setdefault(entry_id, set()).add(juror_id)
    assert [len(j) for j in per_entry.values()] == [2, 2, 2, 2]
    loads = juror_loads(per_entry, [j.pk for j in jurors]).values()
    assert max(loads) - min(loads) <= 1


def test_open_round_logged_and_jurors_told_in_their_language(
    jury, entries, jurors, moderator, django_capture_on_commit_callbacks
):
    jurors[1].preferred_language = "en"
    jurors[1].save()
    round = make_round(jury)
    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(round, by=moderator)
    assert ModelLogEntry.objects.filter(action="jury.round.open", user=moderator).count() == 1
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["juror2@example.org"] == "Jury round open: Round 1"
    assert subjects["juror1@example.org"] == "Raundi i vlerësimit është hapur: Raundi 1"


def test_open_round_twice_refused(score_round, moderator):
    with pytest.raises(services.JuryError):
        services.open_round(score_round, by=moderator)


# --- Marks -----------------------------------------------------------------------------------


def test_save_sheet_stores_marks(score_round, entries, jurors):
    services.save_sheet(
        round=score_round, entry=entries[0], juror=jurors[0], marks=full_marks(score_round)
    )
    assert sorted(Score.objects.values_list("value", flat=True)) == [5, 10]


def test_save_sheet_twice_keeps_one_row_per_criterion_last_write_wins(score_round, entries, jurors):
    first, _second = criteria(score_round)
    for value in (3, 7):
        services.save_sheet(
            round=score_round, entry=entries[0], juror=jurors[0], marks={first.pk: value}
        )
    assert list(Score.objects.values_list("criterion_id", "value")) == [(first.pk, 7)]


def test_save_sheet_when_other_tab_inserted_the_row_meanwhile_upserts(score_round, entries, jurors):
    """The row the other tab wrote between our check and our write: no error, one row."""
    first, _second = criteria(score_round)
    Score.objects.create(
        round=score_round, juror=jurors[0], entry=entries[0], criterion=first, value=2
    )
    services.save_sheet(round=score_round, entry=entries[0], juror=jurors[0], marks={first.pk: 9})
    assert list(Score.objects.values_list("value", flat=True)) == [9]


def test_save_sheet_none_clears_a_mark(score_round, entries, jurors):
    first, second = criteria(score_round)
    services.save_sheet(
        round=score_round, entry=entries[0], juror=jurors[0], marks={first.pk: 4, second.pk: 2}
    )
    services.save_sheet(
        round=score_round, entry=entries[0], juror=jurors[0], marks={first.pk: None}
    )
    assert list(Score.objects.values_list("criterion_id", flat=True)) == [second.pk]


class Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture
def caplog():
    """The refusals logged by `jury.services` (pytest's own logging plugin is off here)."""
    handler = Records()
    logger = logging.getLogger("jury.services")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def refused(caplog, **kwargs):
    with pytest.raises(services.MarkRefused) as info:
        services.save_sheet(**kwargs)
    assert Score.objects.count() == 0
    assert len(caplog.messages) == 1
    assert caplog.messages[0].startswith("Jury mark refused: ")
    return str(info.value)


def test_mark_for_unassigned_entry_refused(k_round, entries, jurors, caplog):
    assigned = set(
        Assignment.objects.filter(round=k_round, juror=jurors[0]).values_list("entry_id", flat=True)
    )
    other = next(entry for entry in entries if entry.pk not in assigned)
    reason = refused(caplog, round=k_round, entry=other, juror=jurors[0], marks=full_marks(k_round))
    assert reason == "This entry is not on your list."


def test_mark_in_closed_round_refused(score_round, entries, jurors, moderator, caplog):
    services.close_round(score_round, by=moderator)
    reason = refused(
        caplog, round=score_round, entry=entries[0], juror=jurors[0], marks=full_marks(score_round)
    )
    assert reason == "This round is closed: its marks can no longer change."


def test_mark_before_round_opens_refused(jury, entries, jurors, moderator, caplog):
    now = timezone.now()
    round = make_round(jury, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=3))
    services.open_round(round, by=moderator)
    reason = refused(
        caplog, round=round, entry=entries[0], juror=jurors[0], marks=full_marks(round)
    )
    assert reason == "This round is not open for marking."


def test_mark_in_draft_round_refused(jury, entries, jurors, caplog):
    round = make_round(jury)
    reason = refused(
        caplog, round=round, entry=entries[0], juror=jurors[0], marks=full_marks(round)
    )
    assert reason == "This round is not open for marking."


@pytest.mark.parametrize("value", [0, 11, -3])
def test_mark_outside_scale_refused(score_round, entries, jurors, caplog, value):
    first, second = criteria(score_round)
    reason = refused(
        caplog,
        round=score_round,
        entry=entries[0],
        juror=jurors[0],
        marks={second.pk: 3, first.pk: value},
    )
    assert reason == "“Originality” takes a mark from 1 to 10."


def test_mark_for_criterion_of_another_round_refused(score_round, jury, entries, jurors, caplog):
    other = make_round(jury, position=2)
    foreign = criteria(other)[0]
    reason = refused(
        caplog, round=score_round, entry=entries[0], juror=jurors[0], marks={foreign.pk: 5}
    )
    assert reason == "This criterion is not one of the round's."


def test_mark_without_required_comment_refused(score_round, entries, jurors, caplog):
    first = criteria(score_round)[0]
    first.comment_required = True
    first.save()
    reason = refused(
        caplog, round=score_round, entry=entries[0], juror=jurors[0], marks={first.pk: 5}
    )
    assert reason == "“Originality” needs a comment."


def test_mark_by_someone_off_the_jury_refused(score_round, entries, moderator, caplog):
    reason = refused(
        caplog, round=score_round, entry=entries[0], juror=moderator, marks=full_marks(score_round)
    )
    assert reason == "You are not on this jury."


# --- Conflicts, removals, withdrawals ---------------------------------------------------------


def test_conflict_removes_entry_from_list_and_aggregate(score_round, entries, jurors):
    for juror in jurors:
        services.save_sheet(
            round=score_round,
            entry=entries[0],
            juror=juror,
            marks=full_marks(score_round, low=juror == jurors[0]),
        )
    services.declare_conflict(round=score_round, entry=entries[0], juror=jurors[0])

    assert entries[0] not in list(queries.juror_entries(score_round, jurors[0]))
    row = next(r for r in queries.round_results(score_round)["rows"] if r.entry == entries[0].pk)
    assert sorted(row.scores) == sorted([jurors[1].pk, jurors[2].pk])
    assert row.result == 100.0
    assert Score.objects.filter(juror=jurors[0]).count() == 2  # kept for the record


def test_conflict_in_k_mode_gives_the_entry_to_another_juror(k_round, entries, jurors):
    entry_jurors = set(
        Assignment.objects.filter(round=k_round, entry=entries[0]).values_list(
            "juror_id", flat=True
        )
    )
    leaving = min(entry_jurors)
    juror = next(j for j in jurors if j.pk == leaving)

    services.declare_conflict(round=k_round, entry=entries[0], juror=juror)

    now = set(
        Assignment.objects.filter(round=k_round, entry=entries[0]).values_list(
            "juror_id", flat=True
        )
    )
    assert len(now) == 2
    assert leaving not in now
    assert ConflictDeclaration.objects.filter(juror=juror, entry=entries[0]).count() == 1


def test_juror_removed_mid_round_keeps_scores_and_unscored_entries_move(
    k_round, entries, jurors, moderator
):
    leaving = jurors[1]
    theirs = list(queries.juror_entries(k_round, leaving))
    scored = theirs[0]
    services.save_sheet(round=k_round, entry=scored, juror=leaving, marks=full_marks(k_round))

    services.remove_juror(jury=k_round.jury, juror=leaving, by=moderator)

    remaining = set(
        Assignment.objects.filter(round=k_round, juror=leaving).values_list("entry_id", flat=True)
    )
    assert remaining == {scored.pk}
    for entry in entries:
        others = Assignment.objects.filter(round=k_round, entry=entry).exclude(juror=leaving)
        expected = 1 if entry.pk == scored.pk else 2
        assert others.count() == expected, entry
    assert Score.objects.filter(juror=leaving).count() == 2
    assert ModelLogEntry.objects.filter(action="jury.juror.remove").count() == 1


def test_withdrawn_or_held_entry_leaves_lists_and_results(score_round, entries, jurors):
    for juror in jurors:
        services.save_sheet(
            round=score_round, entry=entries[1], juror=juror, marks=full_marks(score_round)
        )
    competition_services.move_entry(entries[1], EntryState.WITHDRAWN, actor=Actor.ENTRANT)
    competition_services.move_entry(entries[2], EntryState.SAFEGUARDING_HOLD, actor=Actor.MODERATOR)

    listed = {entry.pk for entry in queries.juror_entries(score_round, jurors[0])}
    assert listed == {entries[0].pk, entries[3].pk}
    result_ids = {row.entry for row in queries.round_results(score_round)["rows"]}
    assert result_ids == {entries[0].pk, entries[3].pk}


# --- Closing, advancing, awards, the chair -------------------------------------------------------


def test_close_round_logged_and_advance_top(score_round, entries, jurors, moderator):
    for value, entry in zip((10, 8, 6, 4), entries, strict=True):
        for juror in jurors:
            first, second = criteria(score_round)
            services.save_sheet(
                round=score_round, entry=entry, juror=juror, marks={first.pk: value, second.pk: 5}
            )
    services.close_round(score_round, by=jurors[0])
    assert ModelLogEntry.objects.filter(action="jury.round.close", user=jurors[0]).count() == 1

    count = services.advance_entries(
        round=score_round, entry_ids=[entries[0].pk, entries[1].pk], by=jurors[0]
    )
    next_round = make_round(score_round.jury, position=2, source="advanced")
    assert count == 2
    assert list(queries.round_entries(next_round)) == [entries[0], entries[1]]


def test_advance_before_closing_refused(score_round, entries, jurors):
    with pytest.raises(services.JuryError):
        services.advance_entries(round=score_round, entry_ids=[entries[0].pk], by=jurors[0])


def test_record_award_logged(competition, entries, jurors, finished_round):
    award = services.record_award(
        competition=competition, entry=entries[0], kind=AwardKind.FIRST, note="Bold", by=jurors[0]
    )
    services.record_award(
        competition=competition, entry=entries[0], kind=AwardKind.FIRST, note="Bolder", by=jurors[0]
    )
    assert Award.objects.get().note == "Bolder"
    assert award.kind == AwardKind.FIRST
    assert ModelLogEntry.objects.filter(action="jury.award.record").count() == 2


def test_chair_told_once_when_every_juror_finished(
    score_round, entries, jurors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for juror in jurors:
            for entry in entries:
                services.save_sheet(
                    round=score_round, entry=entry, juror=juror, marks=full_marks(score_round)
                )
    chair_mails = [m for m in mail.outbox if m.to == ["juror1@example.org"]]
    assert len(chair_mails) == 1
    assert chair_mails[0].subject == "Të gjithë anëtarët e jurisë kanë mbaruar: Raundi 1"


def test_reminders_two_days_before_closing_only_to_unfinished(
    jury, entries, jurors, moderator, django_capture_on_commit_callbacks
):
    now = timezone.now()
    round = make_round(jury, closes_at=now + timedelta(days=1))
    services.open_round(round, by=moderator)
    for entry in entries:
        services.save_sheet(round=round, entry=entry, juror=jurors[0], marks=full_marks(round))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders(now=now) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["juror2@example.org", "juror3@example.org"]
    assert reminders(now=now) == 0


def test_new_entry_after_approval_gets_a_code_on_opening(competition, jury, moderator):
    make_entry(competition, 7)
    round = make_round(jury)
    services.open_round(round, by=moderator)
    assert AnonymousCode.objects.count() == 1


def test_jury_reminders_command(jury, entries, jurors, moderator):
    round = make_round(jury, closes_at=timezone.now() + timedelta(hours=30))
    services.open_round(round, by=moderator)
    mail.outbox.clear()
    out = io.StringIO()
    call_command("jury_reminders", stdout=out)
    assert out.getvalue().strip() == "Jury reminders sent: 3"


def test_shortlist_round_votes_count_as_share_of_yes(jury, entries, jurors, moderator):
    round = make_round(jury, kind="shortlist", criteria=0)
    services.open_round(round, by=moderator)
    for juror, vote in zip(jurors, (True, True, False), strict=True):
        services.save_shortlist_vote(round=round, entry=entries[0], juror=juror, vote=vote)
    services.save_shortlist_vote(round=round, entry=entries[0], juror=jurors[2], vote=True)
    row = queries.round_results(round)["rows"][0]
    assert (row.entry, row.result) == (entries[0].pk, 100.0)


def test_rank_round_ballots_combined_by_schulze(jury, entries, jurors, moderator):
    round = make_round(jury, kind="rank", criteria=0)
    services.open_round(round, by=moderator)
    a, b, c, d = (entry.pk for entry in entries)
    services.save_ballot(round=round, juror=jurors[0], order=[b, a, c, d])
    services.save_ballot(round=round, juror=jurors[1], order=[b, c, a, d])
    services.save_ballot(round=round, juror=jurors[2], order=[a, b, c, d])
    rows = queries.round_results(round)["rows"]
    assert [(row.rank, row.entry) for row in rows] == [(1, b), (2, a), (3, c), (4, d)]
    with pytest.raises(services.MarkRefused):
        services.save_ballot(round=round, juror=jurors[0], order=[a, a])
