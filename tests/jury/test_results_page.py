"""The chair's results page: incomplete entries set apart, the legend, numbers per language,
awards chosen from the ranked list (with a confirmation), and the jury room's own frame."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation

from jury import aggregation, services
from jury.enums import AwardKind
from jury.models import Award
from tests.jury.conftest import cells, make_round, rows_of


def url(name, *args, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(f"jury:{name}", args=args, kwargs=kwargs or None)


def code(entry):
    entry.refresh_from_db()
    return entry.jury_code.code


def mark(round, entry, juror, first, second):
    one, two = round.criteria.all()
    services.save_sheet(
        round=round, entry=entry, juror=juror, marks={one.pk: first, two.pk: second}
    )


@pytest.fixture
def scored(score_round, entries, jurors):
    """Entry 0 scored by one juror of three (a perfect 100), entries 1 and 2 by all three
    (64.44 and 49.63 on 0–100), entry 3 by nobody."""
    mark(score_round, entries[0], jurors[0], 10, 5)
    for juror in jurors:
        mark(score_round, entries[1], juror, 7, 3)
        mark(score_round, entries[2], juror, 5, 3)
    return score_round


# --- Incomplete entries ---------------------------------------------------------------------


def test_rank_results_sets_incomplete_entries_apart_below_complete_ones():
    criteria = [aggregation.Criterion(id=1, weight=1, scale_min=0, scale_max=100)]
    scores = {(1, 10): {1: 95}, (1, 20): {1: 60}, (2, 20): {1: 70}, (1, 30): {1: 40}}
    scores |= {(2, 30): {1: 40}, (3, 20): {1: 80}, (3, 30): {1: 40}}

    rows = aggregation.rank_results(
        entries=[10, 20, 30, 40],
        criteria=criteria,
        scores=scores,
        expected={10: 3, 20: 3, 30: 3, 40: 3},
    )

    assert [(row.entry, row.rank, row.counted, row.complete) for row in rows] == [
        (20, 1, 3, True),
        (30, 2, 3, True),
        (10, 3, 1, False),
        (40, None, 0, False),
    ]
    assert rows[2].result == 95.0


def test_rank_results_without_expected_counts_ranks_as_before():
    criteria = [aggregation.Criterion(id=1, weight=1, scale_min=0, scale_max=100)]
    scores = {(1, 10): {1: 95}, (1, 20): {1: 60}, (2, 20): {1: 70}}

    rows = aggregation.rank_results(entries=[10, 20], criteria=criteria, scores=scores)

    assert [(row.entry, row.rank, row.complete) for row in rows] == [(10, 1, True), (20, 2, True)]


def test_entry_scored_by_one_of_three_jurors_is_marked_and_ranked_below(
    client, scored, entries, jurors
):
    client.force_login(jurors[0])

    body = client.get(url("results", scored.pk)).content.decode()

    rows = rows_of(body)
    assert list(rows) == [code(entries[1]), code(entries[2]), code(entries[0]), code(entries[3])]
    first, second, apart, unscored = (cells(html) for html in rows.values())
    assert first[:7] == ["1", code(entries[1]), "", "64.4", "3 of 3", "64–64", "0.0"]
    assert second[:5] == ["2", code(entries[2]), "", "49.6", "3 of 3"]
    assert apart[:5] == ["3", code(entries[0]), "", "100.0", "incomplete (1 of 3 scores)"]
    assert unscored[:5] == ["–", code(entries[3]), "", "–", "incomplete (0 of 3 scores)"]
    assert "2 entries are missing scores: they are ranked apart" in body
    assert body.index("Incomplete: ranked apart until all their scores are in") < body.index(
        f'id="row-{code(entries[0])}"'
    )


def test_incomplete_entry_joins_the_ranking_once_its_scores_are_in(client, scored, entries, jurors):
    mark(scored, entries[0], jurors[1], 10, 5)
    mark(scored, entries[0], jurors[2], 10, 5)
    client.force_login(jurors[0])

    body = client.get(url("results", scored.pk)).content.decode()

    rows = rows_of(body)
    assert list(rows)[:3] == [code(entries[0]), code(entries[1]), code(entries[2])]
    assert cells(rows[code(entries[0])])[:5] == ["1", code(entries[0]), "", "100.0", "3 of 3"]
    assert "missing scores: it is ranked apart" in body  # entry 3, still unscored


def test_conflict_lowers_the_scores_expected(client, scored, entries, jurors):
    services.declare_conflict(round=scored, entry=entries[0], juror=jurors[1])
    client.force_login(jurors[0])

    body = client.get(url("results", scored.pk)).content.decode()

    assert "incomplete (1 of 2 scores)" in cells(rows_of(body)[code(entries[0])])


def test_exports_mark_incomplete_entries_and_keep_them_below(client, scored, entries, jurors):
    client.force_login(jurors[0])

    response = client.get(url("results_export", scored.pk, "csv"))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:6] == ["Rank", "Code", "Category", "Result", "Scores", "Complete"]
    assert [row[:2] for row in rows[1:]] == [
        ["1", code(entries[1])],
        ["2", code(entries[2])],
        ["3", code(entries[0])],
        ["", code(entries[3])],
    ]
    assert [row[4:6] for row in rows[1:]] == [
        ["3 of 3", "yes"],
        ["3 of 3", "yes"],
        ["1 of 3", "incomplete (1 of 3 scores)"],
        ["0 of 3", "incomplete (0 of 3 scores)"],
    ]


def test_advance_by_threshold_leaves_out_incomplete_entries(client, scored, entries, jurors):
    services.close_round(scored, by=jurors[0])
    client.force_login(jurors[0])

    client.post(url("results", scored.pk), {"action": "advance_threshold", "threshold": "40"})

    assert set(scored.advancements.values_list("entry_id", flat=True)) == {
        entries[1].pk,
        entries[2].pk,
    }


# --- Legend and numbers ---------------------------------------------------------------------

LEGEND = {
    "en": (
        "What the columns mean",
        "Spread: the standard deviation of the jurors' scores (0 to 100). 0 means the jurors agree",
        '<abbr title="Standard deviation of the jurors’ scores">σ</abbr>',
        "64.4",
        "incomplete (1 of 3 scores)",
    ),
    "sq": (
        "Çfarë tregojnë kolonat",
        "Shpërndarja: devijimi standard i notave të anëtarëve të jurisë (0 deri në 100). 0 do të "
        "thotë se anëtarët e jurisë pajtohen",
        '<abbr title="Devijimi standard i notave të anëtarëve të jurisë">σ</abbr>',
        "64,4",
        "i paplotë (1 nga 3 nota)",
    ),
}


@pytest.mark.parametrize("lang", ["en", "sq"])
def test_legend_and_numbers_in_the_chairs_language(client, scored, jurors, lang):
    client.force_login(jurors[0])

    body = client.get(url("results", scored.pk, lang=lang)).content.decode()

    title, spread, abbr, number, incomplete = LEGEND[lang]
    assert f'<h2 id="legend-title">{title}</h2>' in body
    assert spread in body
    assert body.count(abbr) == 2  # the column's heading and the legend
    assert f">{number}<" in body
    assert incomplete in body


# --- Awards chosen from the ranked list ------------------------------------------------------


def test_open_round_offers_no_award_and_shows_no_prize(client, scored, entries, jurors):
    Award.objects.create(competition=scored.jury.competition, entry=entries[1], kind="first")
    client.force_login(jurors[0])

    body = client.get(url("results", scored.pk)).content.decode()

    assert 'id="award-chooser"' not in body
    assert 'name="entry"' not in body
    assert "First prize" not in body
    assert "Record an award" not in body


def test_award_page_refused_for_an_open_round(client, scored, entries, jurors):
    client.force_login(jurors[0])
    page = url("award", scored.pk)
    choice = {"entry": code(entries[1]), "kind": "first"}

    shown = client.get(page, choice)
    posted = client.post(page, choice)

    assert shown.status_code == posted.status_code == 403
    assert "Awards are chosen from the ranked list of a closed round." in shown.content.decode()
    assert not Award.objects.exists()


def test_award_page_refused_while_a_later_round_is_open(client, scored, entries, jurors, jury):
    services.close_round(scored, by=jurors[0])
    later = make_round(jury, position=2)
    services.open_round(later, by=jurors[0])
    client.force_login(jurors[0])

    body = client.get(url("results", scored.pk)).content.decode()
    refused = client.post(url("award", scored.pk), {"entry": code(entries[1]), "kind": "first"})

    assert 'id="award-chooser"' not in body
    assert "Awards wait until the competition's last jury round is closed." in body
    assert refused.status_code == 403
    assert not Award.objects.exists()


def test_award_chosen_from_the_list_confirmed_then_recorded(client, scored, entries, jurors):
    services.close_round(scored, by=jurors[0])
    client.force_login(jurors[0])
    results = client.get(url("results", scored.pk)).content.decode()
    chosen = code(entries[1])
    assert 'id="award-chooser"' in results
    radios = re.findall(r'<input type="radio" name="entry" value="([A-Z0-9-]+)"', results)
    assert radios == [code(entry) for entry in (entries[1], entries[2], entries[0], entries[3])]

    confirm = client.get(url("award", scored.pk), {"entry": chosen.lower(), "kind": "second"})

    body = confirm.content.decode()
    assert confirm.status_code == 200
    assert f"You are about to record “Second prize” for entry {chosen}." in body
    assert "<dt>Title</dt><dd>Work 1</dd>" in body
    assert "<dt>Rank</dt><dd>1</dd>" in body
    assert not Award.objects.exists()

    response = client.post(
        url("award", scored.pk), {"entry": chosen, "kind": "second", "note": "Brave"}
    )

    assert response.status_code == 302
    assert response["Location"] == url("results", scored.pk) + "#awards"
    award = Award.objects.get()
    assert (award.entry, award.kind, award.note, award.by) == (
        entries[1],
        AwardKind.SECOND,
        "Brave",
        jurors[0],
    )
    after = client.get(url("results", scored.pk)).content.decode()
    assert f"Recorded: Second prize for entry {chosen}." in after
    assert "<strong>Second prize</strong>" in rows_of(after)[chosen]


def test_award_confirmation_warns_about_an_incomplete_entry(client, scored, entries, jurors):
    services.close_round(scored, by=jurors[0])
    client.force_login(jurors[0])

    body = client.get(
        url("award", scored.pk), {"entry": code(entries[0]), "kind": "honourable_mention"}
    ).content.decode()

    assert "incomplete (1 of 3 scores)</span>: this entry's result is missing scores." in body
    assert "<dt>Rank</dt><dd>3</dd>" in body


@pytest.mark.parametrize(
    "choice", [{"entry": "NOPE-1", "kind": "first"}, {"kind": "first"}, {"entry": None}]
)
def test_award_without_a_listed_entry_or_a_kind_goes_back_to_the_list(
    client, scored, entries, jurors, choice
):
    services.close_round(scored, by=jurors[0])
    client.force_login(jurors[0])
    if choice.get("entry", "") is None:
        choice = {"entry": code(entries[1]), "kind": "grand_prize"}

    response = client.post(url("award", scored.pk), choice)

    assert response.status_code == 302
    assert response["Location"] == url("results", scored.pk) + "#awards"
    assert not Award.objects.exists()


def test_award_page_refused_to_other_jurors(client, scored, entries, jurors):
    services.close_round(scored, by=jurors[0])
    client.force_login(jurors[1])

    response = client.post(url("award", scored.pk), {"entry": code(entries[1]), "kind": "first"})

    assert response.status_code == 403
    assert not Award.objects.exists()


# --- The jury room's own frame ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["home", "round", "results"])
def test_frame_is_the_jury_rooms_own(client, score_round, jurors, name):
    client.force_login(jurors[0])
    args = () if name == "home" else (score_round.pk,)

    body = client.get(url(name, *args)).content.decode()

    for public in ('class="site-header"', "site-footer", "help-bar", 'class="quick-exit"'):
        assert public not in body
    frame = body[body.index('<header class="jury-frame"') : body.index("</header>")]
    assert "Untold Stories" in frame
    assert '<li class="jury-frame__user">Juror1 Juror</li>' in frame
    assert f'<a href="{url("home")}">My rounds</a>' in frame
    with translation.override("en"):
        two_factor = reverse("accounts:manage")
    assert f'<a href="{two_factor}">Two-factor settings</a>' in frame
    assert f'action="{url("logout")}"' in frame
    assert 'hreflang="sq"' in frame
    assert "data-quick-exit" in frame
    if name != "home":
        assert '<span class="jury-frame__round">art3 · Round 1</span>' in frame


def test_frame_in_albanian_for_the_juror(client, score_round, jurors):
    client.force_login(jurors[0])

    body = client.get(url("round", score_round.pk, lang="sq")).content.decode()

    assert "Raundet e mia" in body
    assert "Cilësimet e hyrjes me dy hapa" in body
    assert 'hreflang="en"' in body


def test_sign_in_page_frame_names_nobody(client, db):
    body = client.get(url("login")).content.decode()

    assert "jury-frame__user" not in body
    assert "My rounds" not in body
    assert "data-quick-exit" in body
