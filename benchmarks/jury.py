"""Timing of the jury: ``run()``, called by ``make bench`` (bin/bench) in ``manage.py shell``.

Random data with a fixed seed: 2,000 entries × 9 jurors × 5 weighted criteria, each juror with
their own leniency and spread, a few conflicts of interest and a few unfinished sheets. The target
for aggregation with z-scores is under half a second.

With Django set up (``make bench`` runs ``run()`` in ``manage.py shell`` on its own database), the
same round is also written to the database with ``bulk_create`` and the chair's results page is
fetched with the test client: its time and its number of queries are printed. Everything written
is rolled back afterwards.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page

from accounts import verification
from competitions.enums import CompetitionKind, EntryState
from competitions.models import CompetitionIndexPage, CompetitionPage, Entry
from jury.aggregation import Criterion, Method, rank_results, schulze_ranking
from jury.assignment import assign_k
from jury.enums import RoundState
from jury.models import AnonymousCode, ConflictDeclaration, Jury, Round, Score, new_code
from jury.models import Criterion as CriterionRow

ENTRIES = 2_000
JURORS = 9
CRITERIA = [
    Criterion(id=1, weight=3, scale_min=1, scale_max=10),
    Criterion(id=2, weight=2, scale_min=1, scale_max=10),
    Criterion(id=3, weight=2, scale_min=1, scale_max=10),
    Criterion(id=4, weight=1, scale_min=0, scale_max=5),
    Criterion(id=5, weight=1, scale_min=0, scale_max=5),
]
TARGET_SECONDS = 0.5


def make_round(seed: int = 2024):
    """Entries, scores and excluded pairs of a large score round."""
    rng = random.Random(seed)
    entries = list(range(1, ENTRIES + 1))
    quality = {entry: rng.random() for entry in entries}
    leniency = {juror: rng.uniform(-0.2, 0.2) for juror in range(1, JURORS + 1)}
    scores = {}
    excluded = set()
    for juror in range(1, JURORS + 1):
        for entry in entries:
            if rng.random() < 0.005:
                excluded.add((juror, entry))
            sheet = {}
            for criterion in CRITERIA:
                share = quality[entry] + leniency[juror] + rng.gauss(0, 0.15)
                share = min(1.0, max(0.0, share))
                span = criterion.scale_max - criterion.scale_min
                sheet[criterion.id] = criterion.scale_min + round(share * span)
            if rng.random() < 0.01:
                del sheet[rng.choice(CRITERIA).id]  # unfinished
            scores[juror, entry] = sheet
    return entries, scores, excluded


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of ``runs`` timings of ``work()``, in seconds."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def run(runs: int = 5) -> dict[str, float]:
    """Print and return the timings (best of ``runs``)."""
    entries, scores, excluded = make_round()
    timings: dict[str, float] = {}
    for method in Method:
        timings[f"aggregation, {method}, z-scores"] = best_of(
            runs,
            lambda method=method: rank_results(
                entries=entries,
                criteria=CRITERIA,
                scores=scores,
                method=method,
                standardise_jurors=True,
                excluded=excluded,
            ),
        )
    timings["aggregation, mean, no z-scores"] = best_of(
        runs,
        lambda: rank_results(entries=entries, criteria=CRITERIA, scores=scores, excluded=excluded),
    )
    timings["assignment, 2,000 entries, k = 3 of 9 jurors"] = best_of(
        runs, lambda: assign_k(range(1, JURORS + 1), entries, 3, seed=1)
    )
    rng = random.Random(7)
    finalists = list(range(114))
    ballots = {juror: rng.sample(finalists, 60) for juror in range(5)}
    timings["Schulze, 114 entries, 5 jurors ranking 60 each"] = best_of(
        runs, lambda: schulze_ranking(finalists, ballots)
    )

    print(
        f"Jury: {ENTRIES:,} entries × {JURORS} jurors × {len(CRITERIA)} criteria (best of {runs})"
    )
    for label, seconds in timings.items():
        print(f"  {label:<50} {seconds * 1000:8.1f} ms")
    headline = timings[f"aggregation, {Method.MEAN}, z-scores"]
    verdict = "within" if headline < TARGET_SECONDS else "OVER"
    print(f"  aggregation with z-scores is {verdict} the {TARGET_SECONDS} s target")
    if _django_ready():
        seconds, queries = results_page(entries, scores, excluded)
        timings["chair's results page"] = seconds
        print(f"  {'chair results page (GET, in-process)':<50} {seconds * 1000:8.1f} ms")
        print(f"  {'  its SQL queries':<50} {queries:8d}")
    else:
        print("  (the chair's results page is timed only with Django set up: make bench)")
    return timings


def _django_ready():
    return apps.ready


class _Rollback(Exception):
    pass


def results_page(entries, scores, excluded):
    """Write the round into the database, GET the chair's results page, roll everything back.
    Returns (seconds, number of SQL queries) of the GET."""
    measured = {}
    try:
        with transaction.atomic():
            chair, round_pk = _write_round(entries, scores, excluded)
            client = _client()
            client.force_login(chair)
            session = client.session  # the second factor, as after typing the app's code
            verification.verify_session(
                session, TOTPDevice.objects.create(user=chair, name="Benchmark", confirmed=True)
            )
            session.save()
            with translation.override("en"):
                url = reverse("jury:results", args=[round_pk])
            client.get(url, secure=True)  # warm up (sessions, translations, templates)
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url, secure=True)
                measured["seconds"] = time.perf_counter() - started
            assert response.status_code == 200, response.status_code
            measured["queries"] = len(captured.captured_queries)
            raise _Rollback
    except _Rollback:
        pass
    return measured["seconds"], measured["queries"]


def _client():
    hosts = [host for host in settings.ALLOWED_HOSTS if host and "*" not in host]
    host = hosts[0].lstrip(".") if hosts else "testserver"
    return Client(HTTP_HOST=host)


def _write_round(entries, scores, excluded):
    """The benchmark round in the database: a competition with 2,000 approved entries, nine
    jurors, a closed score round with five criteria and every mark."""
    now = timezone.now()
    parent = CompetitionIndexPage.objects.first()
    if parent is None:
        parent = Page.get_first_root_node().get_children().first()
        index = CompetitionIndexPage(
            title="Bench",
            title_sq="Bench",
            title_en="Bench",
            slug="bench-index",
            slug_sq="bench-index",
            slug_en="bench-index",
        )
        parent.add_child(instance=index)
        parent = index
    competition = CompetitionPage(
        title="Bench",
        title_sq="Bench",
        title_en="Bench",
        slug="bench-jury",
        slug_sq="bench-jury",
        slug_en="bench-jury",
        kind=CompetitionKind.ARTWORK,
        edition=99,
        reference_prefix="BENCH",
        opens_at=now - timedelta(days=60),
        deadline=now - timedelta(days=30),
    )
    parent.add_child(instance=competition)
    rows = Entry.objects.bulk_create(
        [
            Entry(
                competition=competition,
                reference=f"BENCH-{n:05d}",
                number=n,
                state=EntryState.judgeable()[0],
                title=f"Bench {n}",
                form_token=f"bench-jury-{n}",
                access_nonce="bench",
            )
            for n in entries
        ],
        batch_size=1000,
    )
    entry_ids = {n: row.pk for n, row in zip(entries, rows, strict=True)}
    if any(pk is None for pk in entry_ids.values()):  # a backend without RETURNING
        entry_ids = dict(Entry.objects.filter(competition=competition).values_list("number", "pk"))
    codes, taken = [], set()
    for pk in entry_ids.values():
        code = new_code()
        while code in taken:
            code = new_code() + "X"
        taken.add(code)
        codes.append(AnonymousCode(entry_id=pk, competition=competition, code=code))
    AnonymousCode.objects.bulk_create(codes, batch_size=1000)
    group, _created = Group.objects.get_or_create(name="Jurors")
    user_model = get_user_model()
    jurors = {}
    for number in range(1, JURORS + 1):
        user = user_model.objects.create_user(
            username=f"bench-juror-{number}",
            email=f"bench{number}@example.org",
            first_name="Bench",
            last_name=f"Juror {number}",
        )
        user.groups.add(group)
        jurors[number] = user
    jury = Jury.objects.create(competition=competition, chair=jurors[1])
    jury.jurors.set(jurors.values())
    round = Round.objects.create(
        jury=jury,
        position=1,
        name_sq="Bench",
        name_en="Bench",
        state=RoundState.CLOSED,
        opens_at=now - timedelta(days=20),
        closes_at=now - timedelta(days=1),
        use_z_scores=True,
        closed_at=now - timedelta(days=1),
    )
    criteria = {
        criterion.id: CriterionRow.objects.create(
            round=round,
            sort_order=criterion.id,
            name_sq=f"K{criterion.id}",
            name_en=f"C{criterion.id}",
            weight=Decimal(criterion.weight),
            scale_min=criterion.scale_min,
            scale_max=criterion.scale_max,
        )
        for criterion in CRITERIA
    }
    Score.objects.bulk_create(
        (
            Score(
                round=round,
                juror=jurors[juror],
                entry_id=entry_ids[entry],
                criterion=criteria[criterion_id],
                value=value,
                updated_at=now,
            )
            for (juror, entry), sheet in scores.items()
            for criterion_id, value in sheet.items()
        ),
        batch_size=5000,
    )
    ConflictDeclaration.objects.bulk_create(
        [
            ConflictDeclaration(juror=jurors[juror], entry_id=entry_ids[entry], round=round)
            for juror, entry in excluded
        ],
        ignore_conflicts=True,
    )
    return jurors[1], round.pk
