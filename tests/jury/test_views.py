"""The jury room's pages, files, results and exports, and who may reach them."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from jury import queries, services
from jury.enums import AssignmentMode
from jury.models import Assignment, Criterion, Jury, Round, Score
from tests.jury.conftest import (
    competition_page,
    make_entry,
    make_round,
    make_user,
)


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"jury:{name}", args=args)


def code(entry):
    entry.refresh_from_db()
    return entry.jury_code.code


def criteria(round):
    return list(round.criteria.all())


# --- Sign in and the juror's lists ------------------------------------------------------------


def test_jury_room_needs_sign_in(client, score_round):
    response = client.get(url("home"))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/jury/sign-in/?next=")


def test_sign_in_page_in_both_languages(client, db):
    assert "Sign in to the jury room" in client.get(url("login")).content.decode()
    response = client.get(url("login", lang="sq"))
    assert response.status_code == 200
    assert "Hyr në dhomën e jurisë" in response.content.decode()


def test_home_lists_rounds_with_progress(client, score_round, entries, jurors):
    services.save_sheet(
        round=score_round,
        entry=entries[0],
        juror=jurors[1],
        marks={c.pk: c.scale_max for c in criteria(score_round)},
    )
    client.force_login(jurors[1])
    body = client.get(url("home")).content.decode()
    assert "1 of 4 marked" in body
    assert "Round 1" in body
    body = client.get(url("home", lang="sq")).content.decode()
    assert "1 nga 4 të vlerësuara" in body


def test_home_hides_draft_rounds(client, jury, entries, jurors):
    make_round(jury)
    client.force_login(jurors[1])
    assert "Round 1" not in client.get(url("home")).content.decode()


def test_home_query_count_constant(client, jury, entries, jurors, moderator, competition):
    client.force_login(jurors[1])
    round = make_round(jury)
    services.open_round(round, by=moderator)
    client.get(url("home"))
    with CaptureQueriesContext(connection) as one:
        client.get(url("home"))
    for seed in range(10, 16):
        make_entry(competition, seed)
    services.open_round(make_round(jury, position=2), by=moderator)
    with CaptureQueriesContext(connection) as many:
        client.get(url("home"))
    assert len(many) == len(one)


def test_round_list_shows_only_own_entries_by_code(client, k_round, entries, jurors):
    client.force_login(jurors[0])
    body = client.get(url("round", k_round.pk)).content.decode()
    mine = set(
        Assignment.objects.filter(round=k_round, juror=jurors[0]).values_list("entry_id", flat=True)
    )
    for entry in entries:
        assert (code(entry) in body) == (entry.pk in mine)


def test_round_of_another_jury_is_404(client, score_round, moderator):
    outsider = make_user("outsider", "Jurors")
    client.force_login(outsider)
    assert client.get(url("round", score_round.pk)).status_code == 404


# --- The entry page -----------------------------------------------------------------------------


def test_entry_page_shows_work_code_and_criteria(client, score_round, entries, jurors):
    client.force_login(jurors[0])
    response = client.get(url("entry", score_round.pk, code(entries[0])))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="jury-entry__code">{code(entries[0])}</h1>' in body
    assert url("entry_file", score_round.pk, code(entries[0]), "image") in body
    assert "Originality" in body
    assert "data-autosave" in body
    # Each juror has an order of their own: the page links its neighbours in that order.
    neighbours = {
        f'data-{side}="{url("entry", score_round.pk, code(other))}"'
        for other in entries[1:]
        for side in ("previous", "next")
    }
    assert any(link in body for link in neighbours)
    assert "<script>" not in body
    assert 'style="' not in body


def test_entry_page_in_albanian(client, score_round, entries, jurors):
    client.force_login(jurors[0])
    body = client.get(url("entry", score_round.pk, code(entries[0]), lang="sq")).content.decode()
    assert "Origjinaliteti" in body
    assert "Notat e tua" in body


def test_entry_with_content_warning_is_hidden_until_asked(
    client, competition, jury, jurors, moderator
):
    entry = make_entry(competition, 3, content_warning="violence")
    round = make_round(jury)
    services.open_round(round, by=moderator)
    client.force_login(jurors[0])
    page = url("entry", round.pk, code(entry))
    body = client.get(page).content.decode()
    assert "jury-work--hidden" in body
    assert 'href="?show=1"' in body
    assert "Violence" in body
    assert "jury-work--hidden" not in client.get(page + "?show=1").content.decode()


def test_autosave_json_saved(client, score_round, entries, jurors):
    client.force_login(jurors[0])
    first, second = criteria(score_round)
    response = client.post(
        url("entry", score_round.pk, code(entries[0])),
        {f"c-{first.pk}": "7", f"c-{second.pk}": ""},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {"saved": True}
    assert list(Score.objects.values_list("criterion_id", "value")) == [(first.pk, 7)]


def test_autosave_refused_json_and_nothing_stored(client, score_round, entries, jurors):
    client.force_login(jurors[0])
    first, _second = criteria(score_round)
    response = client.post(
        url("entry", score_round.pk, code(entries[0])),
        {f"c-{first.pk}": "42"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"saved": False, "error": "“Originality” takes a mark from 1 to 10."}
    assert Score.objects.count() == 0


def test_plain_submit_saves_and_goes_to_next(client, score_round, entries, jurors):
    client.force_login(jurors[0])
    first, second = criteria(score_round)
    # The juror's own order (one random order per juror and round), not the reference order.
    mine = queries.juror_list(score_round, jurors[0])
    response = client.post(
        url("entry", score_round.pk, code(mine[0])),
        {f"c-{first.pk}": "9", f"c-{second.pk}": "4", "next": "1"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("entry", score_round.pk, code(mine[1]))
    assert Score.objects.count() == 2


def test_closed_round_is_read_only(client, score_round, entries, jurors, moderator):
    first, _second = criteria(score_round)
    services.save_sheet(round=score_round, entry=entries[0], juror=jurors[0], marks={first.pk: 6})
    services.close_round(score_round, by=moderator)
    client.force_login(jurors[0])
    page = url("entry", score_round.pk, code(entries[0]))
    body = client.get(page).content.decode()
    assert "data-autosave" not in body
    assert 'value="6"' in body
    response = client.post(page, {f"c-{first.pk}": "9"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert Score.objects.get().value == 6


def test_other_jurors_scores_never_shown(client, score_round, entries, jurors):
    first, _second = criteria(score_round)
    services.save_sheet(round=score_round, entry=entries[0], juror=jurors[1], marks={first.pk: 3})
    client.force_login(jurors[2])
    body = client.get(url("entry", score_round.pk, code(entries[0]))).content.decode()
    assert f'name="c-{first.pk}" min="1" max="10" step="1" value=""' in body


def test_conflict_view_removes_entry(client, score_round, entries, jurors):
    client.force_login(jurors[0])
    response = client.post(url("conflict", score_round.pk, code(entries[0])), {"note": "cousin"})
    assert response.status_code == 302
    assert client.get(url("entry", score_round.pk, code(entries[0]))).status_code == 404


# --- Files --------------------------------------------------------------------------------------


def test_file_of_assigned_entry_served_without_name(client, score_round, entries, jurors):
    client.force_login(jurors[0])
    response = client.get(url("entry_file", score_round.pk, code(entries[0]), "image"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == "inline"
    assert response["Cache-Control"].startswith("no-store, private")
    data = b"".join(response.streaming_content)
    assert b"Exif" not in data


def test_file_of_unassigned_entry_404(client, k_round, entries, jurors):
    mine = set(
        Assignment.objects.filter(round=k_round, juror=jurors[0]).values_list("entry_id", flat=True)
    )
    other = next(entry for entry in entries if entry.pk not in mine)
    client.force_login(jurors[0])
    assert client.get(url("entry_file", k_round.pk, code(other), "image")).status_code == 404


def test_file_in_draft_round_or_for_outsider_404(
    client, jury, entries, jurors, moderator, score_round
):
    draft = make_round(jury, position=2)
    Assignment.objects.create(round=draft, juror=jurors[0], entry=entries[0])
    client.force_login(jurors[0])
    assert client.get(url("entry_file", draft.pk, code(entries[0]), "image")).status_code == 404
    client.force_login(make_user("outsider", "Jurors"))
    assert (
        client.get(url("entry_file", score_round.pk, code(entries[0]), "image")).status_code == 404
    )
    client.force_login(moderator)
    assert (
        client.get(url("entry_file", score_round.pk, code(entries[0]), "image")).status_code == 404
    )


# --- Nothing a juror reaches names the entrant: tests/jury/test_blind_leak.py ----------------------


# --- The admin is closed to jurors; moderators set up juries there -------------------------------


ADMIN_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/users/",
    "/admin/entries/",
    "/admin/entries/safeguarding/",
    "/admin/juries/",
    "/admin/jury_rounds/",
    "/admin/jury_rounds/new/",
    "/admin/publications/",
]


@pytest.mark.parametrize("path", ADMIN_URLS)
def test_juror_refused_on_admin_urls(client, jurors, path):
    client.force_login(jurors[0])
    response = client.get(path)
    # The README's promise: a signed-in user without admin access gets a plain 403 there.
    assert response.status_code == 403


def test_moderator_sees_jury_admin(client, jury, moderator):
    client.force_login(moderator)
    assert client.get("/admin/juries/").status_code == 200
    assert client.get("/admin/jury_rounds/").status_code == 200
    assert client.get("/admin/jury_rounds/new/").status_code == 200


def test_moderator_creates_round_with_criteria_in_admin(client, jury, moderator):
    client.force_login(moderator)
    data = {
        "jury": jury.pk,
        "position": 1,
        "kind": "score",
        "name_sq": "Përzgjedhja",
        "name_en": "Selection",
        "source": "approved",
        "assignment_mode": "all",
        "k": 3,
        "opens_at": "2030-01-01 09:00",
        "closes_at": "2030-01-10 18:00",
        "method": "median",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-name_sq": "Mesazhi",
        "criteria-0-name_en": "Message",
        "criteria-0-guidance_sq": "Sa qartë flet vepra?",
        "criteria-0-guidance_en": "How clearly does the work speak?",
        "criteria-0-weight": "2",
        "criteria-0-scale_min": "1",
        "criteria-0-scale_max": "10",
        "criteria-0-ORDER": "1",
        "criteria-0-id": "",
        "criteria-0-DELETE": "",
    }
    response = client.post("/admin/jury_rounds/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    round = Round.objects.get()
    assert (round.name_sq, round.name_en, round.method) == ("Përzgjedhja", "Selection", "median")
    criterion = Criterion.objects.get()
    assert (criterion.name_sq, criterion.guidance_en, criterion.weight) == (
        "Mesazhi",
        "How clearly does the work speak?",
        2,
    )


def test_admin_removing_juror_reassigns_unscored(client, jury, entries, jurors, moderator):
    round = make_round(jury, assignment_mode=AssignmentMode.K, k=2)
    services.open_round(round, by=moderator)
    client.force_login(moderator)
    response = client.post(
        f"/admin/juries/edit/{jury.pk}/",
        {
            "competition": jury.competition_id,
            "chair": jurors[0].pk,
            "jurors": [jurors[0].pk, jurors[2].pk],
        },
    )
    assert response.status_code == 302
    assert set(Jury.objects.get().jurors.all()) == {jurors[0], jurors[2]}
    assert not Assignment.objects.filter(round=round, juror=jurors[1]).exists()
    assert Assignment.objects.filter(round=round).count() == 8


# --- Results --------------------------------------------------------------------------------


def fill(round, entries, jurors, values=(9, 7, 5, 3)):
    first, second = criteria(round)
    for value, entry in zip(values, entries, strict=False):
        for juror in jurors:
            services.save_sheet(
                round=round, entry=entry, juror=juror, marks={first.pk: value, second.pk: 3}
            )


def test_results_for_chair_ranked_with_juror_names(client, score_round, entries, jurors):
    fill(score_round, entries, jurors)
    client.force_login(jurors[0])
    body = client.get(url("results", score_round.pk)).content.decode()
    positions = [body.index(code(entry)) for entry in entries]
    assert positions == sorted(positions)
    assert "Juror2 Juror" in body
    assert "Juror3 Juror" in body


TIE_RULE = {
    "en": (
        "How ties are broken",
        "Entries are ranked by their result, highest first.",
        "A tie is never broken at random.",
    ),
    "sq": (
        "Si zgjidhen barazimet",
        "Punimet renditen sipas rezultatit, nga më i larti.",
        "Një barazim nuk zgjidhet kurrë me short.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "sq"])
def test_results_page_shows_the_tie_rule_in_the_chairs_language(client, score_round, jurors, lang):
    client.force_login(jurors[0])

    body = client.get(url("results", score_round.pk, lang=lang)).content.decode()

    summary, first, last = TIE_RULE[lang]
    assert f"<summary>{summary}</summary><p>{first}" in body
    assert f"{last}</p></details>" in body


def test_results_refused_to_other_jurors(client, score_round, jurors):
    client.force_login(jurors[1])
    response = client.get(url("results", score_round.pk))
    assert response.status_code == 403
    assert "Juror3 Juror" not in response.content.decode()
    for fmt in ("csv", "xlsx"):
        assert client.get(url("results_export", score_round.pk, fmt)).status_code == 403


def test_results_for_moderator(client, score_round, moderator):
    client.force_login(moderator)
    assert client.get(url("results", score_round.pk, lang="sq")).status_code == 200


def test_chair_closes_advances_and_awards(client, score_round, entries, jurors):
    fill(score_round, entries, jurors)
    client.force_login(jurors[0])
    page = url("results", score_round.pk)
    client.post(page, {"action": "close"})
    score_round.refresh_from_db()
    assert score_round.state == "closed"
    client.post(page, {"action": "advance_top", "count": "2"})
    assert set(score_round.advancements.values_list("entry_id", flat=True)) == {
        entries[0].pk,
        entries[1].pk,
    }
    client.post(
        url("award", score_round.pk),
        {"entry": code(entries[0]).lower(), "kind": "first", "note": "Strong"},
    )
    award = entries[0].jury_awards.get()
    assert (award.kind, award.note, award.by) == ("first", "Strong", jurors[0])


def test_results_query_count_constant_in_entries_and_jurors(
    client, competition, jurors, moderator, django_assert_num_queries
):
    jury = Jury.objects.create(competition=competition, chair=jurors[0])
    jury.jurors.set(jurors[:1])
    entry = make_entry(competition, 0)
    round = make_round(jury)
    services.open_round(round, by=moderator)
    fill(round, [entry], jurors[:1])
    client.force_login(jurors[0])
    client.get(url("results", round.pk))
    with CaptureQueriesContext(connection) as one:
        assert client.get(url("results", round.pk)).status_code == 200

    more = [make_user(f"extra{i}", "Jurors") for i in range(4)]
    jury2 = Jury.objects.create(competition=make_second_competition(competition), chair=jurors[0])
    jury2.jurors.set([*jurors, *more])
    entries = [make_entry(jury2.competition, seed) for seed in range(20, 32)]
    round2 = make_round(jury2)
    services.open_round(round2, by=moderator)
    fill(round2, entries, [*jurors, *more], values=range(10, 0, -1))
    client.get(url("results", round2.pk))  # the new page invalidated the site's cached chrome
    with CaptureQueriesContext(connection) as many:
        assert client.get(url("results", round2.pk)).status_code == 200
    assert len(many) == len(one)


def make_second_competition(competition):
    return competition_page(
        competition.get_parent(),
        "art4",
        edition=4,
        opens_at=competition.opens_at,
        deadline=competition.deadline,
    )


def test_export_csv_and_xlsx_neutralise_formulas(client, score_round, entries, jurors):
    fill(score_round, entries, jurors)
    jurors[1].first_name = '=HYPERLINK("http://x")'
    jurors[1].save()
    client.force_login(jurors[0])
    response = client.get(url("results_export", score_round.pk, "csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Rank", "Code", "Category", "Result"]
    assert rows[0][13].startswith("'=HYPERLINK")
    assert rows[1][:2] == ["1", code(entries[0])]
    assert len(rows) == 5

    response = client.get(url("results_export", score_round.pk, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[13].startswith("'=HYPERLINK")
    assert sheet["B2"].value == code(entries[0])
