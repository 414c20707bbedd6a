"""Timing of the jury's pure core: ``python -m jury.bench`` (or ``run()`` from ``make bench``).

Random data with a fixed seed: 2,000 entries × 9 jurors × 5 weighted criteria, each juror with
their own leniency and spread, a few conflicts of interest and a few unfinished sheets. The target
for aggregation with z-scores is under half a second.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from jury.aggregation import Criterion, Method, rank_results, schulze_ranking
from jury.assignment import assign_k

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
    return timings


if __name__ == "__main__":
    run()
