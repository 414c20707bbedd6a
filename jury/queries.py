"""Reads that need thought: which entries a round holds, a juror's lists and progress, results.

Every listing here runs a fixed number of queries, whatever the number of entries or jurors.
"""

import hashlib

from django.db.models import Count, Subquery

from competitions.enums import EntryState
from competitions.models import Entry
from jury import aggregation, permissions
from jury.enums import EntrySource, RoundKind, RoundState
from jury.models import (
    Advancement,
    Assignment,
    Award,
    ConflictDeclaration,
    RankBallot,
    Round,
    Score,
    ShortlistVote,
)


def previous_round(round):
    return (
        Round.objects.filter(jury_id=round.jury_id, position__lt=round.position)
        .order_by("-position")
        .first()
    )


def round_entries(round):
    """The entries in `round` now: judgeable ones (a withdrawn or held entry leaves at once),
    all of the competition's or those advanced from the previous round."""
    entries = Entry.objects.judgeable().filter(competition_id=round.jury.competition_id)
    if round.source == EntrySource.ADVANCED:
        entries = entries.filter(
            pk__in=Advancement.objects.filter(
                round__jury_id=round.jury_id, round__position=Subquery(_previous_position(round))
            ).values("entry_id")
        )
    return entries.order_by("number", "pk")


def is_final_round(round):
    """The last round of its jury (the highest position)."""
    return not Round.objects.filter(jury_id=round.jury_id, position__gt=round.position).exists()


def _previous_position(round):
    return (
        Round.objects.filter(jury_id=round.jury_id, position__lt=round.position)
        .order_by("-position")
        .values("position")[:1]
    )


def conflict_pairs(entry_ids):
    return set(
        ConflictDeclaration.objects.filter(entry_id__in=entry_ids).values_list(
            "juror_id", "entry_id"
        )
    )


def juror_entries(round, juror):
    """The entries on the juror's list in `round` (`jury.permissions.visible_entries`), with each
    entry's anonymous code and category, as a queryset in reference order (for counts and ids;
    a juror is shown `juror_list`)."""
    return (
        permissions.visible_entries(juror, round)
        .select_related("jury_code", "category")
        .order_by("number", "pk")
    )


def shuffle_key(round_id, juror_id, entry_id):
    """The place of an entry in a juror's list: a keyed hash of (round, juror, entry). Each
    juror sees the entries of a round in their own random order (so that no entry is always
    read first or last, when jurors are fresh or tired), the same on every request."""
    digest = hashlib.blake2b(
        f"{entry_id}".encode(), key=f"jury-order:{round_id}:{juror_id}".encode(), digest_size=8
    ).digest()
    return int.from_bytes(digest, "big"), entry_id


def juror_list(round, juror):
    """The juror's list in `round` as they see it: `juror_entries` in the juror's own random
    order, fixed per juror and round (seeded by both ids), stable across requests and when
    entries come or go, so that previous/next and any page of the list agree. Each entry
    carries `jury_category` (`jury.permissions.jury_category`)."""
    competition = round.jury.competition
    entries = list(juror_entries(round, juror))
    for entry in entries:
        entry.jury_category = permissions.jury_category(entry, competition)
    entries.sort(key=lambda entry: shuffle_key(round.pk, juror.pk, entry.pk))
    return entries


def marked_entry_ids(round, juror):
    """Entries the juror has finished in `round` (every criterion marked, or voted)."""
    if round.kind == RoundKind.SHORTLIST:
        return set(
            ShortlistVote.objects.filter(round=round, juror=juror).values_list(
                "entry_id", flat=True
            )
        )
    if round.kind == RoundKind.RANK:
        ballot = RankBallot.objects.filter(round=round, juror=juror).first()
        return set(ballot.order) if ballot else set()
    needed = round.criteria.count()
    rows = (
        Score.objects.filter(round=round, juror=juror)
        .values("entry_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=needed)
    )
    return {row["entry_id"] for row in rows}


def juror_rounds(juror):
    """The rounds a juror sits on that are open or closed, with their progress:
    [(round, marked, total)]. Three queries whatever the number of rounds."""
    rounds = list(
        permissions.juror_rounds(juror)
        .select_related("jury__competition")
        .annotate(criteria_count=Count("criteria", distinct=True))
        .order_by("jury__competition__title", "position")
    )
    if not rounds:
        return []
    round_ids = [round.pk for round in rounds]
    totals = dict(
        permissions.juror_assignments(juror, round_ids)
        .values("round_id")
        .annotate(n=Count("pk"))
        .values_list("round_id", "n")
    )
    per_entry = (
        Score.objects.filter(
            round_id__in=round_ids, juror=juror, entry__state__in=EntryState.judgeable()
        )
        .exclude(entry__jury_conflicts__juror=juror)
        .values("round_id", "entry_id")
        .annotate(n=Count("pk", distinct=True))
    )
    criteria = {round.pk: round.criteria_count for round in rounds}
    marked = {}
    for row in per_entry:
        if row["n"] >= criteria[row["round_id"]]:
            marked[row["round_id"]] = marked.get(row["round_id"], 0) + 1
    votes = dict(
        ShortlistVote.objects.filter(round_id__in=round_ids, juror=juror)
        .exclude(entry__jury_conflicts__juror=juror)
        .filter(entry__state__in=EntryState.judgeable())
        .values("round_id")
        .annotate(n=Count("pk"))
        .values_list("round_id", "n")
    )
    result = []
    for round in rounds:
        done = (
            votes.get(round.pk, 0) if round.kind == RoundKind.SHORTLIST else marked.get(round.pk, 0)
        )
        result.append((round, done, totals.get(round.pk, 0)))
    return result


def criteria_of(round):
    return list(round.criteria.all())


def aggregation_criteria(criteria):
    return [
        aggregation.Criterion(
            id=criterion.pk,
            weight=float(criterion.weight),
            scale_min=float(criterion.scale_min),
            scale_max=float(criterion.scale_max),
        )
        for criterion in criteria
    ]


SHORTLIST_CRITERION = aggregation.Criterion(id=0, weight=1.0, scale_min=0.0, scale_max=1.0)


def round_results(round):
    """The ranked table of a round: {"rows", "entries", "jurors", "criteria", "advanced",
    "awards"}. A constant number of queries (eight) for any number of entries and jurors.
    Awards are listed only for a closed round: a prize never shows against an entry of a round
    still open or in draft (recorded awards belong to the competition, not to the round)."""
    entries = list(round_entries(round).select_related("jury_code", "category"))
    entry_ids = [entry.pk for entry in entries]
    by_id = {entry.pk: entry for entry in entries}
    criteria = criteria_of(round)
    excluded = conflict_pairs(entry_ids)
    jurors = {user.pk: user for user in round.jury.jurors.all()}
    if round.kind == RoundKind.RANK:
        ballots = {
            ballot.juror_id: ballot.order for ballot in RankBallot.objects.filter(round=round)
        }
        assigned = {}
        for juror_id, entry_id in Assignment.objects.filter(round=round).values_list(
            "juror_id", "entry_id"
        ):
            assigned.setdefault(juror_id, set()).add(entry_id)
        rows = aggregation.rank_round_results(
            entry_ids, ballots, excluded=excluded, assigned=assigned
        )
    else:
        sheets = {}
        if round.kind == RoundKind.SHORTLIST:
            plan = [SHORTLIST_CRITERION]
            for juror_id, entry_id, vote in ShortlistVote.objects.filter(round=round).values_list(
                "juror_id", "entry_id", "vote"
            ):
                sheets[(juror_id, entry_id)] = {0: 1.0 if vote else 0.0}
        else:
            plan = aggregation_criteria(criteria)
            for juror_id, entry_id, criterion_id, value in Score.objects.filter(
                round=round, entry_id__in=entry_ids
            ).values_list("juror_id", "entry_id", "criterion_id", "value"):
                sheets.setdefault((juror_id, entry_id), {})[criterion_id] = float(value)
        if not plan:
            rows = []
        else:
            rows = aggregation.rank_results(
                entries=entry_ids,
                criteria=plan,
                scores=sheets,
                method=aggregation.Method(round.method),
                standardise_jurors=round.use_z_scores,
                excluded=excluded,
                expected=expected_scores(round, excluded),
            )
    advanced = set(Advancement.objects.filter(round=round).values_list("entry_id", flat=True))
    awards = {}
    if round.state == RoundState.CLOSED:
        for award in Award.objects.filter(competition_id=round.jury.competition_id):
            awards.setdefault(award.entry_id, []).append(award)
    return {
        "rows": rows,
        "entries": by_id,
        "jurors": jurors,
        "criteria": criteria,
        "advanced": advanced,
        "awards": awards,
    }


def expected_scores(round, excluded):
    """{entry id: how many jurors should score it in `round`}: the jurors assigned to it, less
    those who declared a conflict (`excluded` pairs). One query."""
    expected = {}
    for juror_id, entry_id in Assignment.objects.filter(round=round).values_list(
        "juror_id", "entry_id"
    ):
        if (juror_id, entry_id) not in excluded:
            expected[entry_id] = expected.get(entry_id, 0) + 1
    return expected


def unfinished_jurors(round):
    """Jurors on the jury with an entry on their list (`visible_entries`) not yet finished."""
    unfinished = set()
    for juror in round.jury.jurors.all():
        total = juror_entries(round, juror).values_list("pk", flat=True)
        if set(total) - marked_entry_ids(round, juror):
            unfinished.add(juror.pk)
    return unfinished
