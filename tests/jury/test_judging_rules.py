"""Jury correctness: the guards compare as the ranking does (nine decimals), the Schulze layer
rule is marked where it places a group, the tie rule shown is the round's kind's (on the chair's
and the public results), each juror's own random order, and awards and publication only after
the last round."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from exhibition import services as exhibition_services
from exhibition.enums import PublicationState
from exhibition.models import Publication
from jury import aggregation, queries, services
from jury.aggregation import Adjustment, Criterion
from jury.enums import AwardKind, RoundKind
from jury.models import AnonymousCode, Assignment, Award, RankBallot
from tests.factories.exhibition import PublicationFactory
from tests.jury.conftest import make_entry, make_round

TWO_CRITERIA = [Criterion(id=1, weight=1.0, scale_min=1, scale_max=10),
                Criterion(id=2, weight=1.0, scale_min=1, scale_max=10)]  # fmt: skip
FIFTY = [(5, 6), (6, 5), (4, 7), (7, 4), (3, 8)]  # each exactly 50 on 0–100


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(name, args=args)


# --- Guards to nine decimals --------------------------------------------------------------------


def test_all_fifty_juror_is_not_standardised_despite_rounding_noise():
    flat = {(1, entry): {1: a, 2: b} for entry, (a, b) in enumerate(FIFTY, start=1)}
    # A second juror with a real spread around 50, so that the panel's SD is large.
    spread = {(2, entry): {1: v, 2: v} for entry, v in enumerate([1, 3, 5.5, 8, 10], start=1)}
    raw = [aggregation.juror_score(sheet, TWO_CRITERIA) for sheet in flat.values()]
    assert len(set(raw)) == 2  # 50.0 and 49.99999999999999: the noise the guard must ignore

    rows = aggregation.rank_results(
        entries=[1, 2, 3, 4, 5],
        criteria=TWO_CRITERIA,
        scores={**flat, **spread},
        standardise_jurors=True,
    )

    for row in rows:
        flat_score = row.scores[1]
        assert flat_score.adjustment == Adjustment.NO_SPREAD
        assert round(flat_score.counted, 9) == 50.0
        assert round(flat_score.raw, 9) == 50.0
    assert {row.scores[2].adjustment for row in rows} == {Adjustment.STANDARDISED}


def test_all_fifty_juror_alone_stays_fifty():
    rows = aggregation.rank_results(
        entries=[1, 2, 3, 4, 5],
        criteria=TWO_CRITERIA,
        scores={(1, entry): {1: a, 2: b} for entry, (a, b) in enumerate(FIFTY, start=1)},
        standardise_jurors=True,
    )

    assert [round(row.result, 9) for row in rows] == [50.0] * 5
    assert all(row.scores[1].adjustment == Adjustment.NO_SPREAD for row in rows)
    assert all(row.spread.sd == 0.0 for row in rows)


def test_population_sd_of_noise_is_zero():
    assert aggregation.population_sd([50.0, 49.99999999999999, 50.0]) == 0.0
    assert aggregation.population_sd([50.0, 50.000001]) > 0.0


def test_same_value_to_nine_decimals():
    assert aggregation.same_value(70.0, 69.99999999999999)
    assert not aggregation.same_value(70.0, 70.000000002)


def test_fewer_than_five_scores_kept_as_given():
    scores = {1: {1: 10.0, 2: 20.0, 3: 30.0, 4: 40.0}}

    result = aggregation.standardise(scores)

    assert result.jurors[1].adjustment == Adjustment.TOO_FEW_SCORES
    assert result.counted[1] == scores[1]


# --- Schulze: the layer rule --------------------------------------------------------------------


def test_schulze_marks_a_group_placed_by_the_rule_not_by_a_defeat():
    # A beats C (2–0); B ties with A (1–1) and with C (1–1): no defeat either way.
    outcome = aggregation.schulze_outcome([1, 2, 3], {10: [1, 3, 2], 11: [2, 1, 3]})

    assert outcome.groups == [[1, 2], [3]]
    assert outcome.by_rule == [False, True]
    rows = aggregation.ranked_groups(outcome.groups, outcome.by_rule)
    assert [(row.rank, row.entry, row.tied, row.placed_by_rule) for row in rows] == [
        (1, 1, True, False),
        (1, 2, True, False),
        (3, 3, False, True),
    ]


def test_schulze_groups_separated_by_defeats_are_not_marked():
    outcome = aggregation.schulze_outcome([1, 2, 3], [[1, 2, 3], [1, 2, 3], [2, 1, 3]])

    assert outcome.groups == [[1], [2], [3]]
    assert outcome.by_rule == [False, False, False]
    assert aggregation.schulze_ranking([1, 2, 3], [[1, 2, 3], [1, 2, 3], [2, 1, 3]]) == [
        [1], [2], [3],
    ]  # fmt: skip


def test_schulze_docstring_names_the_variant_and_the_tie_handling():
    doc = aggregation.schulze_outcome.__doc__

    assert "winning votes" in doc
    assert "**not** the paper's" in doc and "random ballot" in doc
    assert "layer rule" in doc


# --- The chair's page and the public page --------------------------------------------------------


@pytest.fixture
def rank_round(jury, entries, moderator):
    round = make_round(jury, kind=RoundKind.RANK, criteria=0)
    services.open_round(round, by=moderator)
    return round


def test_chairs_rank_results_mark_the_group_placed_by_the_rule(client, rank_round, entries, jurors):
    a, b, c, d = entries
    # a beats c and d; b has no defeat with a or c; d is last by defeats. The third juror sits
    # this round out (nothing assigned): with a ballot missing entries, they would be incomplete.
    Assignment.objects.filter(round=rank_round, juror=jurors[2]).delete()
    ballots = {jurors[0]: [a, c, b, d], jurors[1]: [b, a, c, d]}
    for juror, order in ballots.items():
        RankBallot.objects.create(round=rank_round, juror=juror, order=[e.pk for e in order])
    client.force_login(jurors[0])

    html = client.get(url("jury:results", rank_round.pk)).content.decode()

    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr")[1:]
    placed = [("By the tie rule, not by a defeat" in row) for row in rows]
    codes = {e.pk: AnonymousCode.objects.get(entry=e).code for e in entries}
    order = [next(code for code in codes.values() if code in row) for row in rows]
    assert order[:2] in ([codes[a.pk], codes[b.pk]], [codes[b.pk], codes[a.pk]])
    assert order[2:] == [codes[c.pk], codes[d.pk]]
    assert placed == [False, False, True, False]  # d is below c by a defeat
    assert 'data-tie-rule="rank"' in html
    assert "Schulze method with winning votes" in html


def test_chairs_score_results_show_the_score_tie_rule(client, score_round, jurors):
    client.force_login(jurors[0])

    html = client.get(url("jury:results", score_round.pk)).content.decode()

    assert 'data-tie-rule="score"' in html
    assert "the one with the higher median of its jurors' scores goes first" in html
    assert "Schulze" not in html


def test_public_results_show_the_tie_rule_of_the_last_round(
    client, competition, jury, entries, moderator, rank_round
):
    services.close_round(rank_round, by=moderator)
    publication = PublicationFactory(entry=entries[0], published=True)
    Award.objects.create(competition=competition, entry=entries[0], kind=AwardKind.FIRST)

    html = client.get(url("exhibition:results", "art3")).content.decode()

    assert publication.public_id
    assert 'data-tie-rule="rank"' in html
    assert "Schulze method with winning votes" in html


# --- Each juror's own order ------------------------------------------------------------------------


def test_each_juror_gets_a_fixed_random_order(client, jury, competition, jurors, moderator):
    for seed in range(4, 12):
        make_entry(competition, seed)
    round = make_round(jury)
    services.open_round(round, by=moderator)
    by_number = [e.pk for e in queries.juror_entries(round, jurors[1])]

    orders = {}
    for juror in jurors:
        listed = [e.pk for e in queries.juror_list(round, juror)]
        assert listed == [e.pk for e in queries.juror_list(round, juror)]  # stable
        assert sorted(listed) == sorted(by_number)
        assert listed == sorted(
            listed, key=lambda pk, j=juror: queries.shuffle_key(round.pk, j.pk, pk)
        )
        orders[juror.pk] = listed
    assert len({tuple(order) for order in orders.values()}) == 3
    assert by_number not in orders.values()

    # The round page and the entry pages' previous/next follow the same order.
    client.force_login(jurors[1])
    codes = {e.pk: e.jury_code.code for e in queries.juror_entries(round, jurors[1])}
    page = client.get(url("jury:round", round.pk)).content.decode()
    positions = [page.index(f">{codes[pk]}<") for pk in orders[jurors[1].pk]]
    assert positions == sorted(positions)
    first, second = orders[jurors[1].pk][:2]
    entry_page = client.get(url("jury:entry", round.pk, codes[first])).content.decode()
    assert f'data-next="{url("jury:entry", round.pk, codes[second])}"' in entry_page


def test_a_new_round_gives_a_new_order(jury, competition, jurors, moderator):
    for seed in range(4, 12):
        make_entry(competition, seed)
    first = make_round(jury)
    second = make_round(jury, position=2)
    services.open_round(first, by=moderator)
    services.open_round(second, by=moderator)

    assert [e.pk for e in queries.juror_list(first, jurors[0])] != [
        e.pk for e in queries.juror_list(second, jurors[0])
    ]


# --- Awards and publication wait for the last round ----------------------------------------------


def test_award_refused_while_the_round_is_open(score_round, entries, jurors):
    with pytest.raises(services.JuryError) as refused:
        services.record_award(
            competition=score_round.jury.competition,
            entry=entries[0],
            kind=AwardKind.FIRST,
            by=jurors[0],
        )

    assert str(refused.value) == (
        "Awards and publication wait until the competition's last jury round is closed."
    )
    assert Award.objects.count() == 0


def test_award_refused_while_a_later_round_is_to_come(score_round, entries, jurors, moderator):
    services.close_round(score_round, by=moderator)
    make_round(score_round.jury, position=2, source="advanced")

    with pytest.raises(services.JuryError):
        services.record_award(
            competition=score_round.jury.competition,
            entry=entries[0],
            kind=AwardKind.FIRST,
            by=jurors[0],
        )


def test_award_refused_without_any_round(competition, entries, jurors):
    with pytest.raises(services.JuryError):
        services.record_award(
            competition=competition, entry=entries[0], kind=AwardKind.FIRST, by=jurors[0]
        )


def test_award_recorded_once_the_last_round_is_closed(score_round, entries, jurors, moderator):
    services.close_round(score_round, by=moderator)

    award = services.record_award(
        competition=score_round.jury.competition,
        entry=entries[0],
        kind=AwardKind.FIRST,
        by=jurors[0],
    )

    assert award.kind == AwardKind.FIRST


def test_chair_sees_the_refusal_of_an_award_in_an_open_round(client, score_round, entries, jurors):
    code = AnonymousCode.objects.get(entry=entries[0]).code
    client.force_login(jurors[0])

    response = client.post(
        url("jury:award", score_round.pk), {"entry": code, "kind": "first"}, follow=True
    )

    assert response.status_code == 403
    assert "Awards are chosen from the ranked list of a closed round." in (
        response.content.decode()
    )
    assert Award.objects.count() == 0


def test_publication_waits_for_the_last_round(score_round, entries, moderator):
    publication = PublicationFactory(
        entry=entries[0],
        entrant_confirmed_at=timezone.now(),
        no_unconsented_people=True,
        no_victim_identifiable=True,
        caption_reviewed=True,
        checked_at=timezone.now(),
        checked_by=moderator,
    )

    with pytest.raises(exhibition_services.PublicationError) as refused:
        exhibition_services.move_publication(
            publication, PublicationState.PUBLISHED, actor="system"
        )

    assert "last jury round is closed" in str(refused.value)
    assert Publication.objects.get(pk=publication.pk).state == PublicationState.PENDING
    services.close_round(score_round, by=moderator)
    exhibition_services.move_publication(publication, PublicationState.PUBLISHED, actor="system")
    assert Publication.objects.get(pk=publication.pk).state == PublicationState.PUBLISHED
