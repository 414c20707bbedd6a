"""Rank rounds mark entries that some juror has not placed yet and rank them apart, below the
complete ones, as score rounds do with entries missing scores (decision 37)."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation

from jury import aggregation, queries, services
from jury.enums import RoundKind
from jury.models import AnonymousCode
from tests.jury.conftest import cells, make_round, rows_of


def url(name, *args):
    with translation.override("en"):
        return reverse(f"jury:{name}", args=args)


EVERYONE = {10: {1, 2, 3, 4}, 11: {1, 2, 3, 4}, 12: {1, 2, 3, 4}}
# Juror 12 has not placed entry 3. Counted with everything, 3 would beat 4 (two jurors to one,
# the one counting the unplaced 3 as last) and stand third.
BALLOTS = {10: [1, 2, 3, 4], 11: [2, 1, 3, 4], 12: [1, 2, 4]}


def test_rank_round_results_ranks_an_entry_not_placed_by_every_juror_apart():
    rows = aggregation.rank_round_results([1, 2, 3, 4], BALLOTS, assigned=EVERYONE)

    assert [(row.rank, row.entry, row.counted, row.expected, row.complete) for row in rows] == [
        (1, 1, 3, 3, True),
        (2, 2, 3, 3, True),
        (3, 4, 3, 3, True),
        (4, 3, 2, 3, False),
    ]
    # Without it, the entry a juror has not placed yet would stand above one every juror placed.
    together = aggregation.schulze_outcome([1, 2, 3, 4], BALLOTS, assigned=EVERYONE).groups
    assert together == [[1], [2], [3], [4]]


def test_rank_round_results_conflict_lowers_the_places_expected():
    rows = aggregation.rank_round_results(
        [1, 2, 3, 4], BALLOTS, assigned=EVERYONE, excluded={(12, 3)}
    )

    assert [(row.rank, row.entry, row.counted, row.expected) for row in rows] == [
        (1, 1, 3, 3),
        (2, 2, 3, 3),
        (3, 3, 2, 2),
        (4, 4, 3, 3),
    ]
    assert all(row.complete for row in rows)


def test_rank_round_results_apart_entries_ranked_among_themselves():
    ballots = {10: [1, 2, 3, 4], 11: [1, 2, 4, 3], 12: [1]}

    rows = aggregation.rank_round_results([1, 2, 3, 4], ballots, assigned=EVERYONE)

    # 2, 3 and 4 wait for juror 12; among them 2 beats both, 3 and 4 split one to one.
    assert [(row.rank, row.entry, row.tied, row.complete) for row in rows] == [
        (1, 1, False, True),
        (2, 2, False, False),
        (3, 3, True, False),
        (3, 4, True, False),
    ]


def test_rank_round_results_without_assignments_knows_nothing_missing():
    rows = aggregation.rank_round_results([1, 2, 3, 4], BALLOTS)

    assert [(row.rank, row.entry, row.expected, row.complete) for row in rows] == [
        (1, 1, None, True),
        (2, 2, None, True),
        (3, 3, None, True),
        (4, 4, None, True),
    ]


@pytest.fixture
def rank_round(jury, entries, jurors, moderator):
    """An open rank round of the four entries; jurors 0 and 1 have placed every entry, juror 2
    every entry but the third."""
    round = make_round(jury, kind=RoundKind.RANK, criteria=0)
    services.open_round(round, by=moderator)
    a, b, c, d = (entry.pk for entry in entries)
    services.save_ballot(round=round, juror=jurors[0], order=[a, b, c, d])
    services.save_ballot(round=round, juror=jurors[1], order=[b, a, c, d])
    services.save_ballot(round=round, juror=jurors[2], order=[a, b, d])
    return round


def codes_of(entries):
    return [AnonymousCode.objects.get(entry=entry).code for entry in entries]


def test_chairs_rank_results_mark_an_entry_not_placed_by_every_juror(
    client, rank_round, entries, jurors
):
    a, b, c, d = codes_of(entries)
    client.force_login(jurors[0])

    body = client.get(url("results", rank_round.pk)).content.decode()

    rows = rows_of(body)
    assert list(rows) == [a, b, d, c]
    assert [cells(rows[code])[:5] for code in (a, b, d)] == [
        ["1", a, "", "–", "3 of 3"],
        ["2", b, "", "–", "3 of 3"],
        ["3", d, "", "–", "3 of 3"],
    ]
    assert cells(rows[c])[:5] == ["4", c, "", "–", "incomplete (placed by 2 of 3 jurors)"]
    apart = body.split('<tbody class="jury-table__apart">', 1)[1].split("</tbody>", 1)[0]
    assert "Incomplete: ranked apart until every juror has placed them" in apart
    assert list(rows_of(apart)) == [c]
    assert (
        "1 entry is not yet placed by every juror: it is ranked apart, below the complete "
        "entries, until every juror has placed it." in re.sub(r"\s+", " ", body)
    )
    assert "missing scores" not in body
    head = body.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert re.findall(r'<th scope="col">([^<]+)</th>', head)[:5] == [
        "Rank",
        "Code",
        "Category",
        "Result",
        "Ballots",
    ]
    assert "<dt>Ballots</dt>" in body
    assert "<dt>Scores</dt>" not in body


def test_entry_joins_the_rank_ranking_once_every_juror_has_placed_it(
    client, rank_round, entries, jurors
):
    a, b, c, d = codes_of(entries)
    services.save_ballot(
        round=rank_round, juror=jurors[2], order=[entries[0].pk, entries[1].pk, entries[2].pk]
    )
    client.force_login(jurors[0])

    body = client.get(url("results", rank_round.pk)).content.decode()

    # Juror 2 has now left out d instead: c is ranked, d waits.
    rows = rows_of(body)
    assert list(rows) == [a, b, c, d]
    assert cells(rows[c])[:5] == ["3", c, "", "–", "3 of 3"]
    assert cells(rows[d])[4] == "incomplete (placed by 2 of 3 jurors)"
    assert [row.complete for row in queries.round_results(rank_round)["rows"]] == [
        True,
        True,
        True,
        False,
    ]


def test_rank_round_export_marks_the_entry_not_placed_by_every_juror(
    client, rank_round, entries, jurors
):
    a, b, c, d = codes_of(entries)
    client.force_login(jurors[0])

    response = client.get(url("results_export", rank_round.pk, "csv"))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["Rank", "Code", "Category", "Result", "Scores", "Complete"]
    assert [row[:2] + row[4:6] for row in rows[1:]] == [
        ["1", a, "3 of 3", "yes"],
        ["2", b, "3 of 3", "yes"],
        ["3", d, "3 of 3", "yes"],
        ["4", c, "2 of 3", "incomplete (placed by 2 of 3 jurors)"],
    ]
