"""How the jury's scores become a ranked table: pure functions on plain data, no database.

The jury screens load a round's criteria and scores, call :func:`rank_results` (score and
shortlist rounds) or :func:`schulze_ranking` (rank rounds), and show what comes back. Everything
here is deterministic: the same input always gives the same table, and no tie is ever broken at
random.

Vocabulary
----------
*Criterion*: one thing a round scores, with a weight and a scale (``scale_min``–``scale_max``,
e.g. 1–10). *Sheet*: one juror's criterion scores for one entry (``{criterion_id: value}``).
*Juror score*: the weighted sum of a complete sheet, normalised to 0–100. *Result*: the entry's
aggregate of its jurors' scores (mean, median or trimmed mean, chosen per round).

A *shortlist* round (yes/no) is a score round with one criterion on the scale 0–1 and the mean:
its result is the share of jurors who said yes, as a percentage.

Rules, in the order they are applied
------------------------------------
1. **Only counted sheets count.** A sheet of an excluded pair (a juror who declared a conflict of
   interest on the entry) is dropped. A sheet with a missing criterion score (absent or ``None``,
   an abstention) is *incomplete*: it is left out of the entry's result, never counted as zero;
   the row lists the juror under ``incomplete`` so the chair can chase it. Scores of entries that
   are not in the round's list (withdrawn, flagged) are ignored everywhere, including in the
   jurors' statistics for standardisation. A value outside its criterion's scale or a criterion
   that is not the round's raises ``ValueError``: that is a bug upstream, not data to average.
2. **Juror score** = ``100 × Σ wᵢ·(vᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ`` (see :func:`juror_score`).
3. **Standardisation (optional, per round).** Each juror's scores become z-scores
   ``(x − juror mean) / juror SD`` and are mapped back onto the panel's scale as
   ``panel mean + panel SD × z``, where the panel mean is that of every counted score in the round
   and the panel SD the spread of a typical juror (pooled within-juror SD), so harsh and lenient
   jurors are evened out and results stay comparable to 0–100 (though they may fall a little
   outside it). Guards, see :func:`standardise`:
   a juror with fewer than :data:`MIN_SCORES_TO_STANDARDISE` (5) scores keeps their own 0–100
   scores; a juror with 5 or more scores that are all equal (no spread) gets the panel mean for
   each, since their z-scores are all 0 (they told entries apart in no way, so they neither lift
   nor sink the entries they scored). "Equal" is judged as the ranking judges it, to nine
   decimal places (:data:`DECIMALS_COMPARED`): scores of 50 and 49.99999999999999 (floating-point
   noise of the weighted sum, e.g. 4+7 against 5+6 on two 1–10 criteria) are the same score, and
   their tiny SD is taken as no spread rather than blown up to the panel's (the guard that once
   turned 50 into 10.46). The count in the fewer-than-5 guard is a whole number of sheets and is
   compared exactly. All SDs are population SDs.
4. **Result** = mean, median or trimmed mean of the (standardised) juror scores. The trimmed mean
   drops the single highest and the single lowest score when there are at least
   :data:`MIN_SCORES_TO_TRIM` (5) scores, and is the plain mean below that.
5. **Ranking and the published tie rule** (shown to the chair and the public by
   `jury/templates/jury/includes/tie_rule.html`, translated there):

       Entries are ranked by their result, highest first. When two entries have the same result,
       the one with the higher median of its jurors' scores goes first. If the medians are equal
       too, the one with the higher average score on the heaviest criterion goes first (when
       several criteria share the largest weight, the first of them in the round's order). If
       they are still equal, the entries share the rank and are marked as tied for the chair to
       decide. A tie is never broken at random.

   Numbers are compared to nine decimal places, so that floating-point noise (70 against
   69.99999999999999) is not mistaken for a difference. The median is taken over the same scores
   as the result. The heaviest criterion's average is taken over the same counted sheets, with
   each value placed on 0–100 along its scale; in a standardised round these values are
   standardised per juror too (same rule and guards), or the tie-break would bring back the
   leniency that standardisation removed. Ranks are competition ranks (1, 2, 2, 4). Entries with
   no counted score have no result and no rank and come last, in the order given. When the
   caller says how many jurors should score each entry, an *incomplete* entry (fewer counted
   scores than that) is ranked apart, below every complete entry, until its scores are in.
6. **Spread** (min, max, population SD, number of jurors) is computed on the jurors' own 0–100
   scores, before any standardisation, because those are the numbers jurors gave and discuss.

7. **Rank rounds** use the Schulze method with winning votes, and place entries that neither
   defeats the other by the layer rule below (not the paper's tie-breaking), see
   :func:`schulze_outcome`. The rule published for rank rounds (the ``rank`` text of
   `jury/templates/jury/includes/tie_rule.html`):

       Each juror puts their entries in order. Entry A defeats entry B when the strongest chain of
       majorities leading from A to B is stronger than the strongest chain leading back (a chain
       is as strong as its weakest majority, and a majority counts the jurors in it). The entries
       that no other entry defeats come first and share the rank; then, among the rest, those
       that none of the rest defeats; and so on. An entry is therefore sometimes placed above
       another that it does not defeat: the results mark the groups placed this way, by the rule
       and not by a defeat. Entries that share a rank are marked as tied for the chair to decide.
       A tie is never broken at random.

   As in score rounds, an entry that some juror assigned to it (without a conflict) has not
   placed on their ballot yet is *incomplete* and ranked apart, below every complete entry, until
   every juror has placed it (:func:`rank_round_results`).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import pairwise
from statistics import median

JurorId = int
EntryId = int
CriterionId = int
Pair = tuple[JurorId, EntryId]
Sheet = Mapping[CriterionId, float | None]

MIN_SCORES_TO_STANDARDISE = 5
MIN_SCORES_TO_TRIM = 5
DECIMALS_COMPARED = 9


class Method(StrEnum):
    """How an entry's juror scores are combined into its result."""

    MEAN = "mean"
    MEDIAN = "median"
    TRIMMED_MEAN = "trimmed_mean"


class Adjustment(StrEnum):
    """What standardisation did to one juror's scores."""

    NONE = "none"  # the round does not standardise
    STANDARDISED = "standardised"
    TOO_FEW_SCORES = "too_few_scores"  # kept as given
    NO_SPREAD = "no_spread"  # every score became the panel mean


class TieBreak(StrEnum):
    """The step of the tie rule that placed a row below the row above it."""

    MEDIAN = "median"
    HEAVIEST_CRITERION = "heaviest_criterion"


@dataclass(frozen=True)
class Criterion:
    """A criterion of a score round. ``weight`` > 0; ``scale_max`` > ``scale_min``."""

    id: CriterionId
    weight: float
    scale_min: float
    scale_max: float


@dataclass(frozen=True)
class Spread:
    """How far an entry's jurors agree, on their own 0–100 scores."""

    jurors: int
    minimum: float
    maximum: float
    sd: float  # population standard deviation; 0.0 for a single juror

    @property
    def range(self) -> float:
        return self.maximum - self.minimum


@dataclass(frozen=True)
class JurorScore:
    """One juror's score for one entry: as given (0–100) and as counted in the result."""

    raw: float
    counted: float
    adjustment: Adjustment


@dataclass(frozen=True)
class JurorStats:
    """A juror's scores in a round, as standardisation saw them."""

    scores: int
    mean: float
    sd: float
    adjustment: Adjustment


@dataclass(frozen=True)
class Standardisation:
    """The output of :func:`standardise`."""

    counted: dict[JurorId, dict[EntryId, float]]
    jurors: dict[JurorId, JurorStats]
    panel_mean: float
    panel_sd: float


@dataclass(frozen=True)
class ResultRow:
    """One row of the ranked table.

    ``rank`` is ``None`` (and ``result`` and ``spread`` too) for an entry without a counted score.
    ``tied`` is true when the tie rule could not separate the entry from another one (they share
    the rank). ``tie_broken_by`` names the step of the tie rule that put this row below the row
    above it when both had the same result; ``None`` otherwise.
    """

    rank: int | None
    entry: EntryId
    result: float | None
    spread: Spread | None
    scores: dict[JurorId, JurorScore]
    incomplete: tuple[JurorId, ...] = ()
    tied: bool = False
    tie_broken_by: TieBreak | None = None
    median: float | None = field(default=None, repr=False)
    heaviest_criterion_mean: float | None = field(default=None, repr=False)
    expected: int | None = None  # jurors who should score the entry; None: not known

    @property
    def counted(self) -> int:
        """How many jurors' scores the result counts."""
        return len(self.scores)

    @property
    def complete(self) -> bool:
        """Every juror expected to score the entry has (see :func:`rank_results`)."""
        return self.expected is None or self.counted >= self.expected


# --- Single steps -------------------------------------------------------------------------------


def check_criteria(criteria: Sequence[Criterion]) -> None:
    """Raise ``ValueError`` unless the criteria can be scored: at least one, ids unique, weights
    positive, each scale with ``scale_max`` above ``scale_min``."""
    if not criteria:
        raise ValueError("A score round needs at least one criterion.")
    if len({criterion.id for criterion in criteria}) != len(criteria):
        raise ValueError("Criterion ids must be unique.")
    for criterion in criteria:
        if not criterion.weight > 0:
            raise ValueError(f"Criterion {criterion.id}: the weight must be positive.")
        if not criterion.scale_max > criterion.scale_min:
            raise ValueError(
                f"Criterion {criterion.id}: the scale's maximum must exceed its minimum."
            )


def heaviest_criterion(criteria: Sequence[Criterion]) -> Criterion:
    """The criterion with the largest weight; the first of them in the round's order on a tie."""
    check_criteria(criteria)
    heaviest = criteria[0]
    for criterion in criteria[1:]:
        if criterion.weight > heaviest.weight:
            heaviest = criterion
    return heaviest


def _scoring_plan(criteria: Sequence[Criterion]) -> list[tuple[CriterionId, float, float, float]]:
    """Per criterion: id, scale min, scale max and the factor that turns ``value − min`` into its
    share of the 0–100 score."""
    check_criteria(criteria)
    total_weight = math.fsum(criterion.weight for criterion in criteria)
    return [
        (
            criterion.id,
            criterion.scale_min,
            criterion.scale_max,
            100.0 * criterion.weight / (total_weight * (criterion.scale_max - criterion.scale_min)),
        )
        for criterion in criteria
    ]


def _score_sheet(
    sheet: Sheet,
    plan: list[tuple[CriterionId, float, float, float]],
    known_ids: frozenset[CriterionId],
) -> float | None:
    if not sheet.keys() <= known_ids:
        unknown = sorted(set(sheet) - known_ids)
        raise ValueError(f"Scores for criteria {unknown}, which are not the round's.")
    parts = []
    for criterion_id, low, high, factor in plan:
        value = sheet.get(criterion_id)
        if value is None:
            return None
        if not low <= value <= high:
            raise ValueError(
                f"Criterion {criterion_id}: {value} is outside the scale {low}–{high}."
            )
        parts.append(factor * (value - low))
    return math.fsum(parts)


def juror_score(sheet: Sheet, criteria: Sequence[Criterion]) -> float | None:
    """A juror's score for an entry on 0–100, or ``None`` when the sheet is incomplete.

    ``100 × Σ wᵢ·(vᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ``: each value is placed on its criterion's scale
    (its minimum → 0, its maximum → 1), weighted, and the weighted average is scaled to 0–100.
    With weights 2 and 1, scales 1–10 and 0–5, the sheet (10, 0) scores 66.67 and (5.5, 2.5) 50.

    A missing criterion score (absent or ``None``) makes the sheet incomplete: ``None``, which
    callers leave out of the entry's result (never zero). Raises ``ValueError`` for a value
    outside its scale or a criterion that is not in ``criteria``.
    """
    plan = _scoring_plan(criteria)
    return _score_sheet(sheet, plan, frozenset(criterion.id for criterion in criteria))


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean (exactly rounded sum, so the order of the values does not matter)."""
    if not values:
        raise ValueError("The mean of no values is undefined.")
    return math.fsum(values) / len(values)


def population_sd(values: Sequence[float]) -> float:
    """The population standard deviation; exactly 0.0 when all values are equal to nine decimal
    places (:func:`same_value`), as the ranking compares them."""
    if not values:
        raise ValueError("The standard deviation of no values is undefined.")
    if same_value(min(values), max(values)):
        return 0.0
    centre = mean(values)
    return math.sqrt(math.fsum((value - centre) ** 2 for value in values) / len(values))


def trimmed_mean(values: Sequence[float]) -> float:
    """The mean without the single highest and the single lowest value when there are at least
    :data:`MIN_SCORES_TO_TRIM` (5) values; the plain mean below that.

    Only one value is dropped at each end even when several share the extreme:
    ``[10, 40, 50, 60, 100]`` → mean of 40, 50, 60 = 50; ``[40, 50, 90]`` → 60.
    """
    if len(values) < MIN_SCORES_TO_TRIM:
        return mean(values)
    ordered = sorted(values)
    return mean(ordered[1:-1])


def combine(values: Sequence[float], method: Method) -> float:
    """An entry's result from its jurors' scores by the round's method."""
    if not values:
        raise ValueError("No scores to combine.")
    if method == Method.MEAN:
        return mean(values)
    if method == Method.MEDIAN:
        return float(median(values))
    if method == Method.TRIMMED_MEAN:
        return trimmed_mean(values)
    raise ValueError(f"Unknown method {method!r}.")


def spread(values: Sequence[float]) -> Spread:
    """Number of jurors, lowest and highest score and population SD."""
    return Spread(
        jurors=len(values),
        minimum=min(values),
        maximum=max(values),
        sd=population_sd(values),
    )


def standardise(raw: Mapping[JurorId, Mapping[EntryId, float]]) -> Standardisation:
    """Put each juror's 0–100 scores on a common footing (z-scores on the panel's scale).

    ``raw`` holds every counted score of the round by juror, then entry. For each juror with mean
    ``m`` and population SD ``s`` over their ``n`` scores:

    * ``n < 5``: scores are kept as given (``TOO_FEW_SCORES``). With so few scores the juror's mean
      and spread say more about the entries they happened to get than about how they score.
    * ``n ≥ 5`` and all scores equal to nine decimal places (``s = 0`` then, see
      :func:`population_sd`): every score becomes ``M`` (``NO_SPREAD``). Their z-scores are all 0
      by convention: such a juror separated no entries, so their scores move no entry up or down
      relative to the panel. Floating-point noise (49.99999999999999 among scores of 50) is no
      spread: dividing by its SD would turn noise into the widest gaps of the round.
    * otherwise: ``M + S × (x − m) / s`` (``STANDARDISED``).

    ``M`` (panel mean) is the mean of all the round's scores. ``S`` (panel SD) is the pooled
    *within-juror* SD of the standardised jurors, ``√(Σⱼ nⱼ·sⱼ² / Σⱼ nⱼ)``: the spread of a typical
    juror. (The SD of all scores together would also contain the gaps between harsh and lenient
    jurors, the very thing removed here, and would stretch results past 0–100.) Example: a lenient
    juror (60, 70, 80, 90, 100) and a harsh one (10, 20, 30, 40, 50): ``M`` = 55, ``S`` = √200,
    and both become (35, 45, 55, 65, 75).
    """
    pooled = [score for scores in raw.values() for score in scores.values()]
    if not pooled:
        return Standardisation(counted={}, jurors={}, panel_mean=0.0, panel_sd=0.0)
    panel_mean = mean(pooled)

    jurors: dict[JurorId, JurorStats] = {}
    for juror, scores in raw.items():
        values = list(scores.values())
        if not values:
            continue
        juror_sd = population_sd(values)
        if len(values) < MIN_SCORES_TO_STANDARDISE:
            adjustment = Adjustment.TOO_FEW_SCORES
        elif same_value(juror_sd, 0.0):
            adjustment = Adjustment.NO_SPREAD
        else:
            adjustment = Adjustment.STANDARDISED
        jurors[juror] = JurorStats(
            scores=len(values), mean=mean(values), sd=juror_sd, adjustment=adjustment
        )

    standardised = [
        stats for stats in jurors.values() if stats.adjustment == Adjustment.STANDARDISED
    ]
    count = sum(stats.scores for stats in standardised)
    panel_sd = (
        math.sqrt(math.fsum(stats.scores * stats.sd**2 for stats in standardised) / count)
        if count
        else 0.0
    )

    counted: dict[JurorId, dict[EntryId, float]] = {}
    for juror, stats in jurors.items():
        scores = raw[juror]
        if stats.adjustment == Adjustment.TOO_FEW_SCORES:
            counted[juror] = dict(scores)
        elif stats.adjustment == Adjustment.NO_SPREAD:
            counted[juror] = dict.fromkeys(scores, panel_mean)
        else:
            factor = panel_sd / stats.sd
            juror_mean = stats.mean
            counted[juror] = {
                entry: panel_mean + factor * (score - juror_mean) for entry, score in scores.items()
            }
    return Standardisation(counted=counted, jurors=jurors, panel_mean=panel_mean, panel_sd=panel_sd)


# --- The ranked table ---------------------------------------------------------------------------


def _compared(value: float) -> float:
    return round(value, DECIMALS_COMPARED)


def same_value(a: float, b: float) -> bool:
    """Equal to nine decimal places (:data:`DECIMALS_COMPARED`): how the ranking, the no-spread
    guard and the spread compare numbers, so floating-point noise is never a difference."""
    return _compared(a) == _compared(b)


def rank_results(
    *,
    entries: Sequence[EntryId],
    criteria: Sequence[Criterion],
    scores: Mapping[Pair, Sheet],
    method: Method = Method.MEAN,
    standardise_jurors: bool = False,
    excluded: Collection[Pair] = frozenset(),
    expected: Mapping[EntryId, int] | None = None,
) -> list[ResultRow]:
    """The ranked table of a score (or shortlist) round, best first.

    ``entries``: the entries in the round, in a stable order (it orders rows the tie rule leaves
    tied, and entries without a result). ``criteria``: the round's criteria in the round's order.
    ``scores``: ``{(juror, entry): {criterion: value}}``. ``excluded``: ``(juror, entry)`` pairs
    with a declared conflict of interest, which never count. See the module docstring for every
    rule, including the published tie rule.

    ``expected``: how many jurors should score each entry (those assigned to it, without a
    conflict). When given, an entry with fewer counted scores is *incomplete*: it is ranked
    apart, below every complete entry (ranks go on after the complete ones, by the same rule),
    until its scores are in, so that one lenient juror's 90 never outranks the mean of three.
    """
    plan = _scoring_plan(criteria)
    known_ids = frozenset(criterion.id for criterion in criteria)
    heavy = heaviest_criterion(criteria)
    entry_set = set(entries)
    if len(entry_set) != len(entries):
        raise ValueError("Entry ids must be unique.")
    excluded_pairs = excluded if isinstance(excluded, (set, frozenset)) else set(excluded)

    raw_by_juror: dict[JurorId, dict[EntryId, float]] = {}
    heavy_by_juror: dict[JurorId, dict[EntryId, float]] = {}
    heavy_factor = 100.0 / (heavy.scale_max - heavy.scale_min)
    incomplete: dict[EntryId, list[JurorId]] = {}
    for (juror, entry), sheet in scores.items():
        if entry not in entry_set or (juror, entry) in excluded_pairs:
            continue
        value = _score_sheet(sheet, plan, known_ids)
        if value is None:
            incomplete.setdefault(entry, []).append(juror)
            continue
        raw_by_juror.setdefault(juror, {})[entry] = value
        heavy_by_juror.setdefault(juror, {})[entry] = heavy_factor * (
            sheet[heavy.id] - heavy.scale_min
        )

    if standardise_jurors:
        standardised = standardise(raw_by_juror)
        counted_by_juror = standardised.counted
        adjustments = {juror: stats.adjustment for juror, stats in standardised.jurors.items()}
        heavy_by_juror = standardise(heavy_by_juror).counted
    else:
        counted_by_juror = raw_by_juror
        adjustments = {}
    heavy_values: dict[EntryId, list[float]] = {}
    for values in heavy_by_juror.values():
        for entry, value in values.items():
            heavy_values.setdefault(entry, []).append(value)

    per_entry: dict[EntryId, dict[JurorId, JurorScore]] = {}
    for juror, raw_scores in raw_by_juror.items():
        counted_scores = counted_by_juror[juror]
        adjustment = adjustments.get(juror, Adjustment.NONE)
        for entry, raw_score in raw_scores.items():
            per_entry.setdefault(entry, {})[juror] = JurorScore(
                raw=raw_score, counted=counted_scores[entry], adjustment=adjustment
            )

    scored: list[tuple[tuple[float, float, float], ResultRow]] = []
    unscored: list[ResultRow] = []
    for entry in entries:
        juror_scores = per_entry.get(entry)
        entry_incomplete = tuple(incomplete.get(entry, ()))
        if not juror_scores:
            unscored.append(
                ResultRow(
                    rank=None,
                    entry=entry,
                    result=None,
                    spread=None,
                    scores={},
                    incomplete=entry_incomplete,
                )
            )
            continue
        counted_values = [score.counted for score in juror_scores.values()]
        result = combine(counted_values, method)
        entry_median = float(median(counted_values))
        heavy_mean = mean(heavy_values[entry])
        row = ResultRow(
            rank=None,
            entry=entry,
            result=result,
            spread=spread([score.raw for score in juror_scores.values()]),
            scores=juror_scores,
            incomplete=entry_incomplete,
            median=entry_median,
            heaviest_criterion_mean=heavy_mean,
        )
        key = (-_compared(result), -_compared(entry_median), -_compared(heavy_mean))
        scored.append((key, row))

    if expected is not None:
        scored = [(key, replace(row, expected=expected.get(row.entry, 0))) for key, row in scored]
        unscored = [replace(row, expected=expected.get(row.entry, 0)) for row in unscored]
    scored.sort(key=lambda item: item[0])  # stable: tied rows keep the order of ``entries``
    complete = [(key, row) for key, row in scored if row.complete]
    apart = [(key, row) for key, row in scored if not row.complete]
    return _with_ranks(complete) + _with_ranks(apart, offset=len(complete)) + unscored


def _with_ranks(
    scored: list[tuple[tuple[float, float, float], ResultRow]], offset: int = 0
) -> list[ResultRow]:
    rows: list[ResultRow] = []
    for index, (key, row) in enumerate(scored):
        previous_key = scored[index - 1][0] if index else None
        next_key = scored[index + 1][0] if index + 1 < len(scored) else None
        rank = rows[-1].rank if key == previous_key else offset + index + 1
        broken_by = None
        if previous_key is not None and previous_key[0] == key[0] and previous_key != key:
            broken_by = (
                TieBreak.MEDIAN if previous_key[1] != key[1] else TieBreak.HEAVIEST_CRITERION
            )
        rows.append(
            replace(row, rank=rank, tied=key in (previous_key, next_key), tie_broken_by=broken_by)
        )
    return rows


# --- Rank rounds: the Schulze method ------------------------------------------------------------


@dataclass(frozen=True)
class SchulzeOutcome:
    """The output of :func:`schulze_outcome`.

    ``groups``: the entries in groups, best first; entries in one group are tied. ``by_rule[i]``
    is true when group ``i`` stands below group ``i − 1`` by the layer rule and not by a defeat:
    some entry of group ``i − 1`` has no Schulze defeat over some entry of group ``i`` (neither
    defeats the other). ``by_rule[0]`` is always false.
    """

    groups: list[list[EntryId]]
    by_rule: list[bool]


def schulze_ranking(
    entries: Sequence[EntryId],
    ballots: Mapping[JurorId, Sequence[EntryId]] | Iterable[Sequence[EntryId]],
    *,
    excluded: Collection[Pair] = frozenset(),
    assigned: Mapping[JurorId, Collection[EntryId]] | None = None,
) -> list[list[EntryId]]:
    """The groups of :func:`schulze_outcome`: tied entries, best group first."""
    return schulze_outcome(entries, ballots, excluded=excluded, assigned=assigned).groups


def schulze_outcome(
    entries: Sequence[EntryId],
    ballots: Mapping[JurorId, Sequence[EntryId]] | Iterable[Sequence[EntryId]],
    *,
    excluded: Collection[Pair] = frozenset(),
    assigned: Mapping[JurorId, Collection[EntryId]] | None = None,
) -> SchulzeOutcome:
    """Combine the jurors' orders with the Schulze method; groups of tied entries, best first,
    and where a group is placed by the layer rule rather than by a defeat.

    ``ballots``: each juror's order, best first (``{juror: [entry, ...]}``, or a plain list of
    orders when nothing is excluded or assigned per juror). A juror may rank only some entries:
    the entries they did not rank count as tied with each other, below every entry they ranked.
    When ``assigned`` is given, a juror's ballot speaks only about the entries assigned to them
    (with k-juror assignment, an entry a juror never saw is not placed below the ones they ranked).
    An excluded pair (conflict of interest) removes that juror from every comparison involving that
    entry. Entries on a ballot that are not in ``entries`` (withdrawn) are ignored; an entry twice
    on one ballot raises ``ValueError``.

    The variant: the Schulze method (M. Schulze, "A new monotonic, clone-independent, reversal
    symmetric, and Condorcet-consistent single-winner election method", Social Choice and
    Welfare 36, 2011) with **winning votes** as the strength of a link. ``d[X][Y]`` is the number
    of jurors who prefer X to Y; the link X→Y has strength ``d[X][Y]`` when ``d[X][Y] > d[Y][X]``,
    else 0; ``p[X][Y]`` is the strength of the strongest path from X to Y (a path is as strong as
    its weakest link; computed as widest paths, Floyd–Warshall style). X **defeats** Y when
    ``p[X][Y] > p[Y][X]``; this relation is transitive (the paper's theorem), but two entries may
    have no defeat either way.

    Ties and the order of entries with no defeat between them (this is **not** the paper's
    tie-breaking, which extends the order with a random ballot, "TBRC"; nothing here is random):

    * layer rule: the first group is every entry that no other entry defeats; the next group is
      every remaining entry that no remaining entry defeats; and so on. Every entry of a group is
      defeated by at least one entry of the group above (by transitivity), but not necessarily by
      all of them: when some entry above has no defeat over some entry below, the lower group is
      placed by this rule, not by a defeat, and ``by_rule`` says so (the chair's table marks it);
    * entries within a group share the rank and are tied for the chair to decide (shown in the
      order of ``entries``).

    Cost: O(n³) in the number of entries — meant for finalists, fine into the hundreds.
    """
    index = {entry: position for position, entry in enumerate(entries)}
    if len(index) != len(entries):
        raise ValueError("Entry ids must be unique.")
    size = len(entries)
    if isinstance(ballots, Mapping):
        ballot_items = list(ballots.items())
    else:
        if excluded or assigned is not None:
            raise ValueError("Pass ballots by juror to use exclusions or assignments.")
        ballot_items = list(enumerate(ballots))
    excluded_pairs = set(excluded)

    preferred = [[0] * size for _ in range(size)]
    for juror, ballot in ballot_items:
        if len(set(ballot)) != len(ballot):
            raise ValueError(f"Juror {juror} ranked an entry twice.")
        if assigned is not None:
            scope = {index[entry] for entry in assigned.get(juror, ()) if entry in index}
        else:
            scope = set(range(size))
        scope -= {index[entry] for (j, entry) in excluded_pairs if j == juror and entry in index}
        ranked = [index[entry] for entry in ballot if entry in index and index[entry] in scope]
        unranked = scope.difference(ranked)
        for position, better in enumerate(ranked):
            row = preferred[better]
            for worse in ranked[position + 1 :]:
                row[worse] += 1
            for worse in unranked:
                row[worse] += 1

    strength = [
        [
            preferred[i][j] if i != j and preferred[i][j] > preferred[j][i] else 0
            for j in range(size)
        ]
        for i in range(size)
    ]
    for i in range(size):
        row_i = strength[i]
        for j in range(size):
            if j == i:
                continue
            row_j = strength[j]
            through = row_j[i]
            if not through:
                continue
            for k in range(size):
                if k != i and k != j:
                    candidate = row_i[k] if row_i[k] < through else through
                    if candidate > row_j[k]:
                        row_j[k] = candidate

    remaining = list(range(size))
    layers: list[list[int]] = []
    while remaining:
        top = [
            x
            for x in remaining
            if not any(strength[y][x] > strength[x][y] for y in remaining if y != x)
        ]
        layers.append(top)
        top_set = set(top)
        remaining = [x for x in remaining if x not in top_set]
    by_rule = [False] + [
        any(not strength[x][y] > strength[y][x] for x in upper for y in lower)
        for upper, lower in pairwise(layers)
    ]
    return SchulzeOutcome(groups=[[entries[x] for x in layer] for layer in layers], by_rule=by_rule)


@dataclass(frozen=True)
class RankedEntry:
    """One row of a rank round's table. ``placed_by_rule``: the row's group stands below the
    group above by the layer rule, not by a defeat (see :func:`schulze_outcome`).
    ``counted``: the jurors whose ballot places the entry; ``expected``: the jurors who should
    place it (``None``: not known, see :func:`rank_round_results`)."""

    rank: int
    entry: EntryId
    tied: bool
    placed_by_rule: bool = False
    counted: int | None = None
    expected: int | None = None

    @property
    def complete(self) -> bool:
        """Every juror expected to place the entry has placed it on their ballot."""
        return self.expected is None or (self.counted or 0) >= self.expected


def ranked_groups(
    groups: Sequence[Sequence[EntryId]],
    by_rule: Sequence[bool] | None = None,
    *,
    first_rank: int = 1,
) -> list[RankedEntry]:
    """Rows with competition ranks from :func:`schulze_outcome`'s groups (a group shares a rank)
    and, when ``by_rule`` is given, the mark of each group placed by the layer rule. Ranks start
    at ``first_rank``."""
    rows: list[RankedEntry] = []
    rank = first_rank
    for position, group in enumerate(groups):
        placed = bool(by_rule[position]) if by_rule is not None else False
        rows.extend(
            RankedEntry(rank=rank, entry=entry, tied=len(group) > 1, placed_by_rule=placed)
            for entry in group
        )
        rank += len(group)
    return rows


def rank_round_results(
    entries: Sequence[EntryId],
    ballots: Mapping[JurorId, Sequence[EntryId]],
    *,
    excluded: Collection[Pair] = frozenset(),
    assigned: Mapping[JurorId, Collection[EntryId]] | None = None,
) -> list[RankedEntry]:
    """The ranked table of a rank round, best first, with incomplete entries ranked apart.

    When ``assigned`` is given, an entry expects a place on the ballot of every juror it is
    assigned to, less those with a conflict (``excluded``); an entry that some of them have not
    placed yet (no ballot, or a ballot without it) is *incomplete*. As in score rounds
    (:func:`rank_results`), incomplete entries are ranked apart, below every complete entry,
    until every ballot places them: the complete entries are ranked by :func:`schulze_outcome`
    among themselves, then the incomplete ones among themselves (ranks go on after the complete
    ones), so an entry half the jury has not placed neither joins nor reorders the complete
    ranking. Without ``assigned`` nothing is known to be missing: one ranking, every row complete.
    """
    if assigned is None:
        outcome = schulze_outcome(entries, ballots, excluded=excluded)
        return ranked_groups(outcome.groups, outcome.by_rule)
    excluded_pairs = set(excluded)
    expected: dict[EntryId, int] = {}
    counted: dict[EntryId, int] = {}
    for juror, juror_entries in assigned.items():
        placed = set(ballots.get(juror, ()))
        for entry in juror_entries:
            if (juror, entry) in excluded_pairs:
                continue
            expected[entry] = expected.get(entry, 0) + 1
            if entry in placed:
                counted[entry] = counted.get(entry, 0) + 1
    complete = [entry for entry in entries if counted.get(entry, 0) >= expected.get(entry, 0)]
    apart = [entry for entry in entries if counted.get(entry, 0) < expected.get(entry, 0)]
    rows: list[RankedEntry] = []
    for part in (complete, apart):
        if not part:
            continue
        outcome = schulze_outcome(part, ballots, excluded=excluded_pairs, assigned=assigned)
        rows += ranked_groups(outcome.groups, outcome.by_rule, first_rank=len(rows) + 1)
    return [
        replace(row, counted=counted.get(row.entry, 0), expected=expected.get(row.entry, 0))
        for row in rows
    ]
