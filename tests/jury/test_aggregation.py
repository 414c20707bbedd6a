"""Aggregation of the jury's scores on small examples checked by hand."""

import math

import pytest

from jury.aggregation import (
    Adjustment,
    Criterion,
    JurorScore,
    Method,
    RankedEntry,
    Spread,
    TieBreak,
    check_criteria,
    combine,
    heaviest_criterion,
    juror_score,
    population_sd,
    rank_results,
    ranked_groups,
    schulze_ranking,
    spread,
    standardise,
    trimmed_mean,
)

# Weight 2 on a 1–10 scale, weight 1 on a 0–5 scale.
TWO_CRITERIA = [
    Criterion(id=1, weight=2, scale_min=1, scale_max=10),
    Criterion(id=2, weight=1, scale_min=0, scale_max=5),
]
# One criterion 0–100, weight 1: a juror's score is the value itself.
PERCENT = [Criterion(id=1, weight=1, scale_min=0, scale_max=100)]


def percent_scores(table):
    """``{entry: [score of juror 1, score of juror 2, ...]}`` → sheets on the 0–100 criterion."""
    return {
        (juror, entry): {1: value}
        for entry, values in table.items()
        for juror, value in enumerate(values, start=1)
    }


def summary(rows):
    return [(row.rank, row.entry, row.tied, row.tie_broken_by) for row in rows]


# --- A juror's score ----------------------------------------------------------------------------


def test_juror_score_weights_and_normalises_each_scale():
    assert juror_score({1: 10, 2: 5}, TWO_CRITERIA) == 100.0
    assert juror_score({1: 1, 2: 0}, TWO_CRITERIA) == 0.0
    assert juror_score({1: 10, 2: 0}, TWO_CRITERIA) == pytest.approx(200 / 3)
    assert juror_score({1: 1, 2: 5}, TWO_CRITERIA) == pytest.approx(100 / 3)
    assert juror_score({1: 5.5, 2: 2.5}, TWO_CRITERIA) == pytest.approx(50.0)


def test_juror_score_missing_criterion_is_incomplete_not_zero():
    assert juror_score({1: 10}, TWO_CRITERIA) is None
    assert juror_score({1: 10, 2: None}, TWO_CRITERIA) is None


def test_juror_score_outside_scale_raises():
    with pytest.raises(ValueError, match="outside the scale"):
        juror_score({1: 11, 2: 0}, TWO_CRITERIA)
    with pytest.raises(ValueError, match="outside the scale"):
        juror_score({1: 0, 2: 0}, TWO_CRITERIA)


def test_juror_score_criterion_of_another_round_raises():
    with pytest.raises(ValueError, match=r"criteria \[7\]"):
        juror_score({1: 5, 2: 3, 7: 1}, TWO_CRITERIA)


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ([], "at least one"),
        ([Criterion(1, 1, 0, 10), Criterion(1, 2, 0, 10)], "unique"),
        ([Criterion(1, 0, 0, 10)], "weight must be positive"),
        ([Criterion(1, 1, 10, 10)], "maximum must exceed"),
    ],
)
def test_check_criteria_refuses_unscorable_criteria(criteria, message):
    with pytest.raises(ValueError, match=message):
        check_criteria(criteria)


def test_heaviest_criterion_on_equal_weights_is_first_in_round_order():
    criteria = [Criterion(20, 2, 0, 10), Criterion(10, 3, 0, 10), Criterion(5, 3, 0, 10)]
    assert heaviest_criterion(criteria).id == 10
    assert heaviest_criterion([Criterion(20, 1, 0, 10), Criterion(10, 1, 0, 10)]).id == 20


# --- Combining jurors' scores -------------------------------------------------------------------


def test_combine_mean_median_and_trimmed_mean():
    assert combine([40, 50, 90], Method.MEAN) == 60.0
    assert combine([40, 50, 90], Method.MEDIAN) == 50.0
    assert combine([40, 50, 60, 90], Method.MEDIAN) == 55.0
    assert combine([10, 40, 50, 60, 100], Method.MEAN) == 52.0
    assert combine([10, 40, 50, 60, 100], Method.TRIMMED_MEAN) == 50.0


def test_trimmed_mean_below_five_scores_is_the_plain_mean():
    assert trimmed_mean([40, 50, 90]) == 60.0
    assert trimmed_mean([0, 40, 50, 90]) == 45.0


def test_trimmed_mean_drops_only_one_score_at_each_end():
    assert trimmed_mean([50, 50, 50, 50, 90]) == 50.0
    assert trimmed_mean([0, 0, 30, 60, 90, 90]) == 45.0


def test_combine_no_scores_raises():
    with pytest.raises(ValueError, match="No scores"):
        combine([], Method.MEAN)


def test_spread_of_three_scores():
    result = spread([40, 50, 90])
    assert (result.jurors, result.minimum, result.maximum, result.range) == (3, 40, 90, 50)
    assert result.sd == pytest.approx(math.sqrt(1400 / 3))  # 21.6025


def test_spread_of_one_score_and_of_equal_scores_has_zero_sd():
    assert spread([70.0]) == Spread(jurors=1, minimum=70.0, maximum=70.0, sd=0.0)
    assert population_sd([0.1, 0.1, 0.1]) == 0.0


# --- Standardisation ----------------------------------------------------------------------------


def test_standardise_maps_z_scores_onto_the_panel_scale():
    raw = {
        1: {1: 20.0, 2: 40.0, 3: 60.0, 4: 80.0, 5: 100.0},  # mean 60, SD √800
        2: {1: 50.0, 2: 50.0, 3: 50.0, 4: 50.0, 5: 50.0},  # no spread
    }

    result = standardise(raw)

    # Panel mean: all ten scores (550 / 10). Panel SD: juror 1's, the only one standardised.
    assert result.panel_mean == 55.0
    assert result.panel_sd == pytest.approx(math.sqrt(800))
    # Juror 1 keeps their spread and moves to the panel mean: 20…100 → 15…95.
    assert result.counted[1] == pytest.approx({1: 15.0, 2: 35.0, 3: 55.0, 4: 75.0, 5: 95.0})
    assert result.jurors[1].adjustment == Adjustment.STANDARDISED
    assert result.jurors[1].mean == 60.0
    assert result.jurors[1].sd == pytest.approx(math.sqrt(800))


def test_standardise_panel_sd_pools_the_standardised_jurors_spreads():
    raw = {
        1: {1: 40.0, 2: 50.0, 3: 60.0, 4: 40.0, 5: 60.0},  # variance 400 / 5 = 80
        2: {1: 0.0, 2: 50.0, 3: 100.0, 4: 0.0, 5: 100.0},  # variance 10000 / 5 = 2000
        3: {1: 10.0, 2: 90.0},  # too few: not pooled
    }

    result = standardise(raw)

    # √((5 × 80 + 5 × 2000) / 10) = √1040; mean of all twelve scores = 600 / 12.
    assert result.panel_sd == pytest.approx(math.sqrt(1040))
    assert result.panel_mean == 50.0
    assert result.counted[1][3] == pytest.approx(50 + math.sqrt(1040) * 10 / math.sqrt(80))
    assert result.counted[2][3] == pytest.approx(50 + math.sqrt(1040) * 50 / math.sqrt(2000))


def test_standardise_juror_without_spread_gets_the_panel_mean():
    raw = {
        1: {1: 20.0, 2: 40.0, 3: 60.0, 4: 80.0, 5: 100.0},
        2: {1: 50.0, 2: 50.0, 3: 50.0, 4: 50.0, 5: 50.0},
    }

    result = standardise(raw)

    assert result.counted[2] == {1: 55.0, 2: 55.0, 3: 55.0, 4: 55.0, 5: 55.0}
    assert result.jurors[2].adjustment == Adjustment.NO_SPREAD
    assert result.jurors[2].sd == 0.0


def test_standardise_juror_with_fewer_than_five_scores_keeps_their_scores():
    raw = {
        1: {1: 20.0, 2: 40.0, 3: 60.0, 4: 80.0, 5: 100.0},
        2: {1: 90.0, 2: 30.0, 3: 45.0, 4: 75.0},
    }

    result = standardise(raw)

    assert result.counted[2] == {1: 90.0, 2: 30.0, 3: 45.0, 4: 75.0}
    assert result.jurors[2].adjustment == Adjustment.TOO_FEW_SCORES
    assert result.jurors[2].scores == 4
    # They still belong to the panel: mean of all nine scores = 540 / 9.
    assert result.panel_mean == 60.0


def test_standardise_evens_out_a_lenient_and_a_harsh_juror():
    raw = {
        1: {1: 60.0, 2: 70.0, 3: 80.0, 4: 90.0, 5: 100.0},
        2: {6: 10.0, 7: 20.0, 8: 30.0, 9: 40.0, 10: 50.0},
    }

    result = standardise(raw)

    assert result.panel_mean == 55.0
    assert result.panel_sd == pytest.approx(math.sqrt(200))
    assert result.counted[1] == pytest.approx({1: 35.0, 2: 45.0, 3: 55.0, 4: 65.0, 5: 75.0})
    assert result.counted[2] == pytest.approx({6: 35.0, 7: 45.0, 8: 55.0, 9: 65.0, 10: 75.0})


def test_standardise_no_scores():
    result = standardise({})
    assert (result.counted, result.jurors, result.panel_mean, result.panel_sd) == ({}, {}, 0, 0)


# --- The ranked table ---------------------------------------------------------------------------


def test_rank_results_mean_with_weights_and_juror_scores():
    scores = {
        (1, 100): {1: 10, 2: 5},  # 100
        (2, 100): {1: 1, 2: 5},  # 33.33
        (1, 200): {1: 5.5, 2: 2.5},  # 50
        (2, 200): {1: 5.5, 2: 2.5},  # 50
    }

    rows = rank_results(entries=[100, 200], criteria=TWO_CRITERIA, scores=scores)

    assert summary(rows) == [(1, 100, False, None), (2, 200, False, None)]
    assert rows[0].result == pytest.approx(200 / 3)
    assert rows[1].result == pytest.approx(50.0)
    assert rows[0].scores[1] == JurorScore(raw=100.0, counted=100.0, adjustment=Adjustment.NONE)
    assert rows[0].scores[2].raw == pytest.approx(100 / 3)
    assert rows[0].spread.jurors == 2
    assert rows[0].spread.minimum == pytest.approx(100 / 3)
    assert rows[0].spread.maximum == 100.0
    assert rows[0].spread.sd == pytest.approx(100 / 3)
    assert rows[1].spread == Spread(jurors=2, minimum=50.0, maximum=50.0, sd=0.0)


@pytest.mark.parametrize(
    ("method", "expected"),
    [(Method.MEAN, 52.0), (Method.MEDIAN, 50.0), (Method.TRIMMED_MEAN, 50.0)],
)
def test_rank_results_method_chosen_per_round(method, expected):
    scores = percent_scores({1: [10, 40, 50, 60, 100]})

    rows = rank_results(entries=[1], criteria=PERCENT, scores=scores, method=method)

    assert rows[0].result == expected


def test_rank_results_incomplete_sheet_is_left_out_not_zero():
    scores = {(1, 1): {1: 10, 2: 5}, (2, 1): {1: 4}, (3, 1): {1: 4, 2: None}}

    rows = rank_results(entries=[1], criteria=TWO_CRITERIA, scores=scores)

    assert rows[0].result == 100.0
    assert list(rows[0].scores) == [1]
    assert rows[0].incomplete == (2, 3)
    assert rows[0].spread.jurors == 1


def test_rank_results_excluded_pair_never_counts():
    scores = percent_scores({1: [80, 20, 50], 2: [60, 60, 60]})

    rows = rank_results(entries=[1, 2], criteria=PERCENT, scores=scores, excluded={(2, 1)})

    assert [(row.entry, row.result) for row in rows] == [(1, 65.0), (2, 60.0)]
    assert sorted(rows[0].scores) == [1, 3]
    assert rows[0].incomplete == ()


def test_rank_results_excluded_pair_does_not_count_toward_standardisation():
    # Juror 1 scored five entries but declared a conflict on one: four count, too few.
    scores = percent_scores({entry: [value] for entry, value in enumerate([10, 30, 50, 70, 90])})

    rows = rank_results(
        entries=range(5),
        criteria=PERCENT,
        scores=scores,
        standardise_jurors=True,
        excluded={(1, 0)},
    )

    assert [(row.entry, row.result) for row in rows] == [
        (4, 90.0),
        (3, 70.0),
        (2, 50.0),
        (1, 30.0),
        (0, None),
    ]
    assert rows[0].scores[1].adjustment == Adjustment.TOO_FEW_SCORES


def test_rank_results_ignores_entries_not_in_the_round():
    scores = percent_scores({1: [70], 2: [90]})  # entry 2 was withdrawn

    rows = rank_results(entries=[1], criteria=PERCENT, scores=scores)

    assert [(row.rank, row.entry, row.result) for row in rows] == [(1, 1, 70.0)]


def test_rank_results_entry_without_scores_has_no_rank_and_comes_last():
    scores = percent_scores({2: [40]})

    rows = rank_results(entries=[1, 2, 3], criteria=PERCENT, scores=scores)

    assert [(row.rank, row.entry, row.result, row.spread) for row in rows] == [
        (1, 2, 40.0, Spread(1, 40.0, 40.0, 0.0)),
        (None, 1, None, None),
        (None, 3, None, None),
    ]


def test_rank_results_with_z_scores_evens_out_harsh_and_lenient_jurors():
    # k-juror style: juror 1 (lenient) scores entries 1–5, juror 2 (harsh) entries 6–10.
    scores = {(1, entry): {1: 50 + 10 * entry} for entry in range(1, 6)}
    scores |= {(2, entry): {1: 10 * (entry - 5)} for entry in range(6, 11)}

    plain = rank_results(entries=range(1, 11), criteria=PERCENT, scores=scores)
    standardised = rank_results(
        entries=range(1, 11), criteria=PERCENT, scores=scores, standardise_jurors=True
    )

    assert [row.entry for row in plain] == [5, 4, 3, 2, 1, 10, 9, 8, 7, 6]
    # The heaviest criterion's values are standardised too, so the pairs stay tied.
    assert summary(standardised) == [
        (1, 5, True, None),
        (1, 10, True, None),
        (3, 4, True, None),
        (3, 9, True, None),
        (5, 3, True, None),
        (5, 8, True, None),
        (7, 2, True, None),
        (7, 7, True, None),
        (9, 1, True, None),
        (9, 6, True, None),
    ]
    top = standardised[0]
    assert top.result == pytest.approx(75.0)
    assert top.scores[1].raw == 100.0
    assert top.scores[1].adjustment == Adjustment.STANDARDISED
    assert top.spread == Spread(jurors=1, minimum=100.0, maximum=100.0, sd=0.0)


# --- The tie rule -------------------------------------------------------------------------------


def test_tie_rule_different_results_need_no_tie_break():
    scores = percent_scores({1: [60], 2: [61]})

    rows = rank_results(entries=[1, 2], criteria=PERCENT, scores=scores)

    assert summary(rows) == [(1, 2, False, None), (2, 1, False, None)]


def test_tie_rule_equal_results_higher_median_first():
    # Entries 1 and 2 both average 60; medians 50 and 70.
    scores = percent_scores({1: [50, 50, 80], 2: [40, 70, 70], 3: [90, 90, 90]})

    rows = rank_results(entries=[1, 2, 3], criteria=PERCENT, scores=scores)

    assert summary(rows) == [
        (1, 3, False, None),
        (2, 2, False, None),
        (3, 1, False, TieBreak.MEDIAN),
    ]
    assert (rows[1].median, rows[2].median) == (70.0, 50.0)


def test_tie_rule_equal_medians_higher_mean_on_heaviest_criterion_first():
    criteria = [Criterion(1, 1, 0, 10), Criterion(2, 3, 0, 10)]
    scores = {
        (1, 1): {1: 6, 2: 2},  # 30
        (2, 1): {1: 6, 2: 2},
        (1, 2): {1: 3, 2: 3},  # 30
        (2, 2): {1: 3, 2: 3},
    }

    rows = rank_results(entries=[1, 2], criteria=criteria, scores=scores)

    assert [row.result for row in rows] == [30.0, 30.0]
    assert summary(rows) == [(1, 2, False, None), (2, 1, False, TieBreak.HEAVIEST_CRITERION)]
    assert [row.heaviest_criterion_mean for row in rows] == [30.0, 20.0]


def test_tie_rule_equal_weights_use_the_first_criterion_in_round_order():
    criteria = [Criterion(20, 1, 0, 10), Criterion(10, 1, 0, 10)]
    scores = {(1, 1): {20: 2, 10: 8}, (1, 2): {20: 8, 10: 2}}  # both 50

    rows = rank_results(entries=[1, 2], criteria=criteria, scores=scores)

    assert summary(rows) == [(1, 2, False, None), (2, 1, False, TieBreak.HEAVIEST_CRITERION)]


def test_tie_rule_ignores_floating_point_noise():
    # Weights 1 and 2 on 0–10: (4, 5) and (2, 6) are both 46.67, but the sums round apart.
    criteria = [Criterion(1, 1, 0, 10), Criterion(2, 2, 0, 10)]
    scores = {(1, 1): {1: 4, 2: 5}, (1, 2): {1: 2, 2: 6}}
    assert juror_score(scores[1, 1], criteria) > juror_score(scores[1, 2], criteria)

    rows = rank_results(entries=[1, 2], criteria=criteria, scores=scores)

    assert summary(rows) == [(1, 2, False, None), (2, 1, False, TieBreak.HEAVIEST_CRITERION)]


def test_tie_rule_remaining_tie_shares_the_rank_and_is_flagged():
    scores = percent_scores({1: [70, 70], 2: [80, 60], 3: [60, 80], 4: [50, 50]})

    rows = rank_results(entries=[1, 2, 3, 4], criteria=PERCENT, scores=scores)

    # 1, 2 and 3 all have mean and median 70 and the same one criterion.
    assert summary(rows) == [
        (1, 1, True, None),
        (1, 2, True, None),
        (1, 3, True, None),
        (4, 4, False, None),
    ]


def test_tie_rule_is_deterministic_whatever_the_order_of_scores():
    table = {1: [70, 70], 2: [80, 60], 3: [60, 80], 4: [50, 50]}
    scores = percent_scores(table)
    reversed_scores = dict(reversed(list(scores.items())))

    first = rank_results(entries=[1, 2, 3, 4], criteria=PERCENT, scores=scores)
    second = rank_results(entries=[1, 2, 3, 4], criteria=PERCENT, scores=reversed_scores)

    assert summary(first) == summary(second)


def test_rank_results_duplicate_entries_raise():
    with pytest.raises(ValueError, match="unique"):
        rank_results(entries=[1, 1], criteria=PERCENT, scores={})


# --- Rank rounds (Schulze) ----------------------------------------------------------------------


def wikipedia_ballots():
    """The example of Wikipedia's "Schulze method" article: 45 voters, candidates A–E."""
    groups = [
        (5, "ACBED"),
        (5, "ADECB"),
        (8, "BEDAC"),
        (3, "CABED"),
        (7, "CAEBD"),
        (2, "CBADE"),
        (7, "DCEBA"),
        (8, "EBADC"),
    ]
    return [list(order) for count, order in groups for _ in range(count)]


def test_schulze_wikipedia_example():
    ballots = wikipedia_ballots()
    assert len(ballots) == 45

    assert schulze_ranking(list("ABCDE"), ballots) == [["E"], ["A"], ["C"], ["B"], ["D"]]


def test_schulze_wikipedia_example_by_juror_in_any_entry_order():
    ballots = dict(enumerate(wikipedia_ballots()))

    assert schulze_ranking(list("DBECA"), ballots) == [["E"], ["A"], ["C"], ["B"], ["D"]]


def test_schulze_unranked_entries_tie_below_ranked_ones():
    ballots = {1: ["A"], 2: ["B", "C"], 3: ["C"]}

    # C over A 2–1; every other pair 1–1: nothing beats B or C, C beats A.
    assert schulze_ranking(["A", "B", "C"], ballots) == [["B", "C"], ["A"]]


def test_schulze_excluded_pair_drops_the_juror_from_that_entry():
    ballots = {1: ["A", "B"], 2: ["B", "A"], 3: ["A", "B"]}

    assert schulze_ranking(["A", "B"], ballots) == [["A"], ["B"]]
    assert schulze_ranking(["A", "B"], ballots, excluded={(3, "A")}) == [["A", "B"]]


def test_schulze_assigned_entries_limit_what_a_ballot_says():
    ballots = {1: ["A", "B"], 2: ["C", "B"]}

    assert schulze_ranking(["A", "B", "C"], ballots) == [["A", "B", "C"]]
    assigned = {1: {"A", "B"}, 2: {"B", "C"}}
    assert schulze_ranking(["A", "B", "C"], ballots, assigned=assigned) == [["A", "C"], ["B"]]


def test_schulze_ignores_withdrawn_entries_on_ballots():
    assert schulze_ranking(["A", "B"], {1: ["X", "B", "A"]}) == [["B"], ["A"]]


def test_schulze_entry_twice_on_a_ballot_raises():
    with pytest.raises(ValueError, match="twice"):
        schulze_ranking(["A", "B"], {7: ["A", "A"]})


def test_schulze_exclusions_need_ballots_by_juror():
    with pytest.raises(ValueError, match="by juror"):
        schulze_ranking(["A", "B"], [["A", "B"]], excluded={(0, "A")})


def test_ranked_groups_competition_ranks_and_tie_flags():
    assert ranked_groups([["B", "C"], ["A"], ["D"]]) == [
        RankedEntry(rank=1, entry="B", tied=True),
        RankedEntry(rank=1, entry="C", tied=True),
        RankedEntry(rank=3, entry="A", tied=False),
        RankedEntry(rank=4, entry="D", tied=False),
    ]
