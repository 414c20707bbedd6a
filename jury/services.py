"""Every write of the jury: opening and closing rounds, assignments, marks, conflicts, removals,
advancement and awards. Views and tasks call these; nothing else changes a round or a mark.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from jury import extensions, permissions, queries
from jury.assignment import AssignmentImpossible, assign_everyone, assign_k, reassign
from jury.enums import (
    ROUND_MOVES,
    AssignmentMode,
    AwardKind,
    NoticeKind,
    RoundKind,
    RoundState,
)
from jury.models import (
    Advancement,
    AnonymousCode,
    Assignment,
    Award,
    ConflictDeclaration,
    RankBallot,
    Round,
    Score,
    ShortlistVote,
    new_code,
)
from jury.tasks import (
    notify_chair_if_finished,
    notify_entrant,
    notify_not_selected,
    notify_round_opened,
    notify_shortlisted,
)

logger = logging.getLogger(__name__)


class JuryError(Exception):
    """A refused jury action; the message is for the person who tried it."""


class MarkRefused(JuryError):
    """A mark (score, vote or ballot) that may not be stored."""


def _refuse(reason, **context):
    logger.warning(
        "Jury mark refused: %s (%s)",
        reason,
        ", ".join(f"{key}={value}" for key, value in sorted(context.items())),
    )
    raise MarkRefused(reason)


def _check_mark(*, round, juror, entry, kind, now):
    if round.kind != kind:
        _refuse(_("This round does not take this kind of mark."), round=round.pk, juror=juror.pk)
    allowed, reason = permissions.can_mark(round=round, juror=juror, entry=entry, now=now)
    if not allowed:
        _refuse(reason, round=round.pk, juror=juror.pk, entry=entry.pk)


# --- Anonymous codes ---------------------------------------------------------------------------


def ensure_codes(competition_id, entry_ids):
    """Give every entry in `entry_ids` its anonymous code (existing codes never change)."""
    have = set(
        AnonymousCode.objects.filter(entry_id__in=entry_ids).values_list("entry_id", flat=True)
    )
    taken = set(
        AnonymousCode.objects.filter(competition_id=competition_id).values_list("code", flat=True)
    )
    new = []
    for entry_id in entry_ids:
        if entry_id in have:
            continue
        code = new_code()
        while code in taken:
            code = new_code()
        taken.add(code)
        new.append(AnonymousCode(entry_id=entry_id, competition_id=competition_id, code=code))
    AnonymousCode.objects.bulk_create(new)


# --- Rounds ------------------------------------------------------------------------------------


def _locked(round):
    return Round.objects.select_for_update().select_related("jury").get(pk=round.pk)


def move_round(round, to_state, *, by, now=None):
    """The one function that changes a round's state (see `ROUND_MOVES`).

    Opening makes the assignments and queues the jurors' e-mails; closing freezes the marks.
    Both are written to the audit log.
    """
    now = now or timezone.now()
    to_state = RoundState(to_state)
    with transaction.atomic():
        locked = _locked(round)
        if (RoundState(locked.state), to_state) not in ROUND_MOVES:
            raise JuryError(
                _("A round that is “%(from)s” cannot become “%(to)s”.")
                % {"from": RoundState(locked.state).label, "to": to_state.label}
            )
        if to_state == RoundState.OPEN:
            if locked.kind == RoundKind.SCORE and not locked.criteria.exists():
                raise JuryError(_("A score round needs at least one criterion."))
            _make_assignments(locked)
            locked.opened_at = now
            fields = ["state", "opened_at"]
            action = "jury.round.open"
        else:
            locked.closed_at = now
            fields = ["state", "closed_at"]
            action = "jury.round.close"
        locked.state = to_state
        locked.save(update_fields=fields)
        log(
            instance=locked,
            action=action,
            user=by,
            data={"round": locked.pk, "competition": locked.jury.competition_id},
        )
        round_id = locked.pk
        if to_state == RoundState.OPEN:
            transaction.on_commit(lambda: notify_round_opened.enqueue(round_id))
        elif queries.is_final_round(locked):
            # Only the entries that did not reach this round: the others may still win.
            transaction.on_commit(lambda: notify_not_selected.enqueue(round_id))
    round.refresh_from_db()
    return round


def open_round(round, *, by, now=None):
    return move_round(round, RoundState.OPEN, by=by, now=now)


def close_round(round, *, by, now=None):
    return move_round(round, RoundState.CLOSED, by=by, now=now)


def _make_assignments(round):
    juror_ids = list(round.jury.jurors.values_list("pk", flat=True))
    entry_ids = list(queries.round_entries(round).values_list("pk", flat=True))
    conflicts = queries.conflict_pairs(entry_ids)
    if round.assignment_mode == AssignmentMode.K:
        try:
            assignment = assign_k(juror_ids, entry_ids, round.k, conflicts=conflicts, seed=round.pk)
        except AssignmentImpossible as impossible:
            raise JuryError(
                _("Each entry needs %(k)s jurors, but only %(n)s can score one of them.")
                % {"k": impossible.needed, "n": impossible.eligible}
            ) from impossible
    else:
        assignment = assign_everyone(juror_ids, entry_ids, conflicts=conflicts)
    Assignment.objects.filter(round=round).delete()
    Assignment.objects.bulk_create(
        Assignment(round=round, juror_id=juror_id, entry_id=entry_id)
        for entry_id, jurors in assignment.items()
        for juror_id in jurors
    )
    ensure_codes(round.jury.competition_id, entry_ids)


def _marked_pairs(round):
    if round.kind == RoundKind.SHORTLIST:
        return set(ShortlistVote.objects.filter(round=round).values_list("juror_id", "entry_id"))
    if round.kind == RoundKind.RANK:
        return {
            (ballot.juror_id, entry_id)
            for ballot in RankBallot.objects.filter(round=round)
            for entry_id in ballot.order
        }
    return set(Score.objects.filter(round=round).values_list("juror_id", "entry_id"))


def _repair_k(round):
    """After a conflict or a juror's removal: every entry back to k jurors, loads balanced,
    marked pairs left where they are (see `jury.assignment.reassign`)."""
    juror_ids = list(round.jury.jurors.values_list("pk", flat=True))
    entry_ids = list(queries.round_entries(round).values_list("pk", flat=True))
    rows = Assignment.objects.filter(round=round, entry_id__in=entry_ids)
    current = {}
    for juror_id, entry_id in rows.values_list("juror_id", "entry_id"):
        current.setdefault(entry_id, set()).add(juror_id)
    try:
        new = reassign(
            current,
            jurors=juror_ids,
            entries=entry_ids,
            k=round.k,
            conflicts=queries.conflict_pairs(entry_ids),
            scored=_marked_pairs(round),
            seed=round.pk,
        )
    except AssignmentImpossible as impossible:
        raise JuryError(
            _("Each entry needs %(k)s jurors, but only %(n)s can score one of them.")
            % {"k": impossible.needed, "n": impossible.eligible}
        ) from impossible
    old_pairs = {(juror, entry) for entry, jurors in current.items() for juror in jurors}
    new_pairs = {(juror, entry) for entry, jurors in new.items() for juror in jurors}
    for juror_id, entry_id in old_pairs - new_pairs:
        Assignment.objects.filter(round=round, juror_id=juror_id, entry_id=entry_id).delete()
    Assignment.objects.bulk_create(
        Assignment(round=round, juror_id=juror_id, entry_id=entry_id)
        for juror_id, entry_id in sorted(new_pairs - old_pairs)
    )


def _live_rounds(jury):
    return Round.objects.filter(jury=jury, state__in=[RoundState.DRAFT, RoundState.OPEN])


# --- Marks ---------------------------------------------------------------------------------------


def save_sheet(*, round, entry, juror, marks, comments=None, now=None):
    """Store a juror's marks for an entry: `marks` is {criterion id: value or None}.

    Each (juror, entry, criterion) has one row; saving again overwrites it (the last write wins,
    two tabs at once still give one row). `None` clears a mark. Refused, with nothing stored and a
    log line: a round that is not open, an entry not on the juror's list, a criterion of another
    round, a value outside the scale, a missing required comment.
    """
    now = now or timezone.now()
    comments = comments or {}
    _check_mark(round=round, juror=juror, entry=entry, kind=RoundKind.SCORE, now=now)
    criteria = {criterion.pk: criterion for criterion in round.criteria.all()}
    context = {"round": round.pk, "juror": juror.pk, "entry": entry.pk}
    for criterion_id, value in marks.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            _refuse(
                _("This criterion is not one of the round's."), criterion=criterion_id, **context
            )
        if value is None:
            continue
        if not criterion.scale_min <= value <= criterion.scale_max:
            _refuse(
                _("“%(criterion)s” takes a mark from %(min)s to %(max)s.")
                % {
                    "criterion": criterion.name,
                    "min": criterion.scale_min,
                    "max": criterion.scale_max,
                },
                criterion=criterion_id,
                value=value,
                **context,
            )
        if criterion.comment_required and not (comments.get(criterion_id) or "").strip():
            _refuse(
                _("“%(criterion)s” needs a comment.") % {"criterion": criterion.name},
                criterion=criterion_id,
                **context,
            )
    rows = [
        Score(
            round=round,
            juror=juror,
            entry=entry,
            criterion_id=criterion_id,
            value=int(value),
            comment=(comments.get(criterion_id) or "").strip(),
            updated_at=now,
        )
        for criterion_id, value in marks.items()
        if value is not None
    ]
    cleared = [criterion_id for criterion_id, value in marks.items() if value is None]
    with transaction.atomic():
        if rows:
            Score.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["juror", "entry", "criterion"],
                update_fields=["value", "comment", "updated_at"],
            )
        if cleared:
            Score.objects.filter(juror=juror, entry=entry, criterion_id__in=cleared).delete()
        _after_mark(round, juror)
    return len(rows)


def save_shortlist_vote(*, round, entry, juror, vote, now=None):
    now = now or timezone.now()
    _check_mark(round=round, juror=juror, entry=entry, kind=RoundKind.SHORTLIST, now=now)
    with transaction.atomic():
        ShortlistVote.objects.bulk_create(
            [ShortlistVote(round=round, juror=juror, entry=entry, vote=bool(vote), updated_at=now)],
            update_conflicts=True,
            unique_fields=["round", "juror", "entry"],
            update_fields=["vote", "updated_at"],
        )
        _after_mark(round, juror)


def save_ballot(*, round, juror, order, now=None):
    """A juror's order of their entries, best first (entry ids; only entries on their list)."""
    now = now or timezone.now()
    if round.kind != RoundKind.RANK:
        _refuse(_("This round does not take this kind of mark."), round=round.pk, juror=juror.pk)
    if not round.accepts_marks_at(now):
        _refuse(_("This round is not open for marking."), round=round.pk, juror=juror.pk)
    allowed = set(queries.juror_entries(round, juror).values_list("pk", flat=True))
    if len(set(order)) != len(order) or not set(order) <= allowed:
        _refuse(_("This entry is not on your list."), round=round.pk, juror=juror.pk)
    with transaction.atomic():
        RankBallot.objects.update_or_create(
            round=round, juror=juror, defaults={"order": list(order), "updated_at": now}
        )
        _after_mark(round, juror)


def _after_mark(round, juror):
    """When the juror has just finished their list, check (after commit) whether the chair can
    be told that every juror has finished."""
    if round.chair_notified_at is not None:
        return
    listed = set(queries.juror_entries(round, juror).values_list("pk", flat=True))
    if listed and listed <= queries.marked_entry_ids(round, juror):
        round_id = round.pk
        transaction.on_commit(lambda: notify_chair_if_finished.enqueue(round_id))


# --- Conflicts and changes to the jury -----------------------------------------------------------


def declare_conflict(*, round, entry, juror, note=""):
    """The juror may know who made the entry: it leaves their list in every open or draft round
    of the competition, their marks on it never count, and with k-juror assignment another juror
    gets it."""
    allowed, reason = permissions.can_declare_conflict(round=round, juror=juror, entry=entry)
    if not allowed:
        raise JuryError(reason)
    with transaction.atomic():
        declaration, _created = ConflictDeclaration.objects.get_or_create(
            juror=juror, entry=entry, defaults={"round": round, "note": note}
        )
        for live in _live_rounds(round.jury).select_related("jury"):
            if live.assignment_mode == AssignmentMode.K and live.state == RoundState.OPEN:
                _repair_k(live)
            else:
                Assignment.objects.filter(round=live, juror=juror, entry=entry).delete()
    return declaration


def remove_juror(*, jury, juror, by):
    """Take a juror off the jury mid-round: their marks stay on record; with k-juror assignment
    their unmarked entries go to the others; otherwise their unmarked entries leave their list."""
    with transaction.atomic():
        jury.jurors.remove(juror)
        for live in _live_rounds(jury).select_related("jury"):
            if live.state != RoundState.OPEN:
                continue
            if live.assignment_mode == AssignmentMode.K:
                _repair_k(live)
            else:
                marked = {entry for j, entry in _marked_pairs(live) if j == juror.pk}
                Assignment.objects.filter(round=live, juror=juror).exclude(
                    entry_id__in=marked
                ).delete()
        log(instance=jury, action="jury.juror.remove", user=by, data={"juror": juror.pk})


def add_juror(*, jury, juror, by):
    """A juror joins: in open "every juror" rounds they get every entry without a conflict."""
    with transaction.atomic():
        jury.jurors.add(juror)
        for live in _live_rounds(jury).select_related("jury"):
            if live.state != RoundState.OPEN:
                continue
            if live.assignment_mode == AssignmentMode.K:
                _repair_k(live)
                continue
            entry_ids = list(queries.round_entries(live).values_list("pk", flat=True))
            conflicts = queries.conflict_pairs(entry_ids)
            Assignment.objects.bulk_create(
                [
                    Assignment(round=live, juror=juror, entry_id=entry_id)
                    for entry_id in entry_ids
                    if (juror.pk, entry_id) not in conflicts
                ],
                ignore_conflicts=True,
            )


# --- Results -----------------------------------------------------------------------------------


def advance_entries(*, round, entry_ids, by):
    """Put `entry_ids` through to the next round (only a closed round's entries)."""
    if round.state != RoundState.CLOSED:
        raise JuryError(_("Close the round before advancing entries."))
    in_round = set(queries.round_entries(round).values_list("pk", flat=True))
    chosen = [entry_id for entry_id in entry_ids if entry_id in in_round]
    with transaction.atomic():
        Advancement.objects.bulk_create(
            [Advancement(round=round, entry_id=entry_id, by=by) for entry_id in chosen],
            ignore_conflicts=True,
        )
        log(instance=round, action="jury.round.advance", user=by, data={"entries": len(chosen)})
        round_id = round.pk
        transaction.on_commit(lambda: notify_shortlisted.enqueue(round_id))
    return len(chosen)


def announce_not_selected(*, round, by):
    """The chair's last step: every entry of the competition without an award hears that it was
    not selected (each entrant once, whatever the number of announcements)."""
    if round.state != RoundState.CLOSED:
        raise JuryError(_("Close the round before telling the entrants."))
    if not queries.is_final_round(round):
        raise JuryError(_("Only the last round's results can be announced."))
    with transaction.atomic():
        log(instance=round, action="jury.round.announce", user=by, data={"round": round.pk})
        round_id = round.pk
        transaction.on_commit(lambda: notify_not_selected.enqueue(round_id, finalists=True))


def record_award(*, competition, entry, kind, by, note="", category=None):
    """Record a prize, a mention or a place in the exhibition (the audit log keeps who and when)."""
    kind = AwardKind(kind)
    if entry.competition_id != competition.pk:
        raise JuryError(_("This entry is not in this competition."))
    allowed, reason = permissions.may_be_awarded(entry)
    if not allowed:
        raise JuryError(reason)
    with transaction.atomic():
        award, _created = Award.objects.update_or_create(
            competition=competition,
            entry=entry,
            kind=kind,
            defaults={"note": note, "category": category or entry.category, "by": by},
        )
        log(
            instance=award,
            action="jury.award.record",
            user=by,
            data={"kind": kind.value, "entry": entry.pk},
        )
        # The apps above hear of it in the same transaction (the exhibition makes a pending
        # publication record: nothing is public until the entrant and a moderator agree).
        extensions.award_recorded(award)
        if _created:
            entry_id, key = entry.pk, f"{NoticeKind.AWARDED}:{kind.value}"
            transaction.on_commit(lambda: notify_entrant.enqueue(entry_id, key))
    return award
