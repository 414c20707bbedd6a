"""Assignment of entries to jurors: balance, conflicts, determinism and repairs mid-round."""

import itertools
import random

import pytest

from jury.assignment import (
    AssignmentImpossible,
    assign_everyone,
    assign_k,
    juror_loads,
    pairs,
    reassign,
)


def spread_of_loads(assignment, jurors):
    loads = juror_loads(assignment, jurors).values()
    return max(loads) - min(loads)


def assert_valid(assignment, *, entries, k, conflicts=()):
    assert sorted(assignment) == sorted(entries)
    for entry, entry_jurors in assignment.items():
        assert len(entry_jurors) == k, entry  # a frozenset: no juror twice
        for juror in entry_jurors:
            assert (juror, entry) not in conflicts


# --- Every juror sees every entry ---------------------------------------------------------------


def test_assign_everyone_gives_every_entry_to_every_juror_but_conflicts():
    assignment = assign_everyone([3, 1, 2], [20, 10], conflicts={(2, 10)})

    assert assignment == {10: frozenset({1, 3}), 20: frozenset({1, 2, 3})}
    assert juror_loads(assignment, [1, 2, 3]) == {1: 2, 2: 1, 3: 2}
    assert pairs(assignment) == {(1, 10), (3, 10), (1, 20), (2, 20), (3, 20)}


# --- k jurors per entry -------------------------------------------------------------------------


def test_assign_k_small_example_is_exact_and_balanced():
    assignment = assign_k([1, 2, 3, 4], range(1, 7), 2, seed=5)

    assert_valid(assignment, entries=range(1, 7), k=2)
    # 6 entries × 2 jurors = 12 over 4 jurors: 3 each.
    assert juror_loads(assignment, [1, 2, 3, 4]) == {1: 3, 2: 3, 3: 3, 4: 3}


def test_assign_k_loads_differ_by_at_most_one_without_conflicts():
    rng = random.Random(1)
    for _ in range(300):
        juror_count = rng.randint(1, 12)
        entry_count = rng.randint(0, 80)
        k = rng.randint(1, juror_count)
        jurors = list(range(100, 100 + juror_count))
        entries = list(range(entry_count))

        assignment = assign_k(jurors, entries, k, seed=rng.randint(0, 10_000))

        assert_valid(assignment, entries=entries, k=k)
        assert spread_of_loads(assignment, jurors) <= 1, (juror_count, entry_count, k)


def random_conflicts(rng, jurors, entries, k, per_juror):
    """Up to ``per_juror`` conflicts per juror, never more than len(jurors) - k on one entry."""
    conflicts = set()
    for juror in jurors:
        for entry in rng.sample(entries, min(per_juror, len(entries))):
            if sum(1 for _, e in conflicts if e == entry) < len(jurors) - k:
                conflicts.add((juror, entry))
    return conflicts


def best_balance_by_brute_force(jurors, entries, k, conflicts):
    """The smallest (sum of squared loads, max − min) over every valid assignment."""
    options = [
        [
            group
            for group in itertools.combinations(jurors, k)
            if all((j, e) not in conflicts for j in group)
        ]
        for e in entries
    ]
    best = None
    for choice in itertools.product(*options):
        loads = dict.fromkeys(jurors, 0)
        for group in choice:
            for juror in group:
                loads[juror] += 1
        values = list(loads.values())
        score = (sum(v * v for v in values), max(values) - min(values))
        best = score if best is None else min(best, score)
    return best


def test_assign_k_with_conflicts_is_as_balanced_as_possible():
    rng = random.Random(4)
    for _ in range(120):
        jurors = list(range(rng.randint(2, 4)))
        entries = list(range(rng.randint(1, 4)))
        k = rng.randint(1, len(jurors) - 1)
        conflicts = random_conflicts(rng, jurors, entries, k, per_juror=rng.randint(0, 3))

        assignment = assign_k(jurors, entries, k, conflicts=conflicts, seed=7)

        assert_valid(assignment, entries=entries, k=k, conflicts=conflicts)
        loads = list(juror_loads(assignment, jurors).values())
        achieved = (sum(v * v for v in loads), max(loads) - min(loads))
        best_squares, best_spread = best_balance_by_brute_force(jurors, entries, k, conflicts)
        assert achieved[0] == best_squares, (jurors, entries, k, conflicts)
        assert achieved[1] == best_spread, (jurors, entries, k, conflicts)


def test_assign_k_with_sparse_conflicts_on_many_sizes():
    rng = random.Random(2)
    for _ in range(300):
        jurors = list(range(rng.randint(2, 12)))
        entries = list(range(1000, 1000 + rng.randint(1, 80)))
        k = rng.randint(1, len(jurors) - 1)
        conflicts = random_conflicts(rng, jurors, entries, k, per_juror=2)

        assignment = assign_k(jurors, entries, k, conflicts=conflicts, seed=7)

        assert_valid(assignment, entries=entries, k=k, conflicts=conflicts)
        loads = juror_loads(assignment, jurors)
        # No juror could simply hand one of their entries to a juror with two fewer.
        for giver in jurors:
            for taker in jurors:
                if loads[giver] >= loads[taker] + 2:
                    assert not any(
                        giver in js and taker not in js and (taker, e) not in conflicts
                        for e, js in assignment.items()
                    )
        if len(entries) >= 20:  # enough room around two conflicts each: perfect balance
            assert max(loads.values()) - min(loads.values()) <= 1


def test_assign_k_heavy_conflicts_balance_the_others():
    # Juror 1 may score only entry 1; the other 11 pairs go to jurors 2–4 as 4, 4, 3 or similar.
    jurors = [1, 2, 3, 4]
    entries = list(range(1, 7))
    conflicts = {(1, entry) for entry in entries if entry != 1}

    assignment = assign_k(jurors, entries, 2, conflicts=conflicts, seed=3)

    assert_valid(assignment, entries=entries, k=2, conflicts=conflicts)
    loads = juror_loads(assignment, jurors)
    assert loads[1] == 1
    assert sorted(loads[juror] for juror in (2, 3, 4)) == [3, 4, 4]


def test_assign_k_is_deterministic_given_a_seed_whatever_the_input_order():
    jurors = list(range(9))
    entries = list(range(200))
    conflicts = {(0, 5), (3, 17), (8, 100)}

    first = assign_k(jurors, entries, 3, conflicts=conflicts, seed=42)
    second = assign_k(
        list(reversed(jurors)), list(reversed(entries)), 3, conflicts=conflicts, seed=42
    )
    other_seed = assign_k(jurors, entries, 3, conflicts=conflicts, seed=43)

    assert first == second
    assert first != other_seed


def test_assign_k_more_than_the_jury_is_impossible():
    with pytest.raises(
        AssignmentImpossible, match="needs 4 jurors but the jury has only 3"
    ) as error:
        assign_k([1, 2, 3], [10, 11], 4)
    assert (error.value.entry, error.value.needed, error.value.eligible) == (None, 4, 3)


def test_assign_k_too_many_conflicts_on_an_entry_is_impossible():
    with pytest.raises(AssignmentImpossible, match="Entry 11 needs 2 jurors but only 1") as error:
        assign_k([1, 2, 3], [10, 11], 2, conflicts={(1, 11), (2, 11)})
    assert (error.value.entry, error.value.needed, error.value.eligible) == (11, 2, 1)


def test_assign_k_zero_is_refused():
    with pytest.raises(ValueError, match="at least one juror"):
        assign_k([1, 2], [10], 0)


# --- Repairs mid-round --------------------------------------------------------------------------


def test_reassign_after_a_conflict_gives_the_entry_to_another_juror():
    jurors = [1, 2, 3, 4, 5]
    entries = list(range(20))
    before = assign_k(jurors, entries, 2, seed=9)
    entry = 7
    juror = min(before[entry])
    scored = {(j, e) for e, js in before.items() for j in js if e < 10}  # half done

    after = reassign(
        before,
        jurors=jurors,
        entries=entries,
        k=2,
        conflicts={(juror, entry)},
        scored=scored,
        seed=9,
    )

    assert_valid(after, entries=entries, k=2, conflicts={(juror, entry)})
    assert juror not in after[entry]
    assert before[entry] - {juror} <= after[entry]
    assert scored - {(juror, entry)} <= pairs(after)
    assert spread_of_loads(after, jurors) <= 1
    # Only what balance needs moved: the conflicted pair, its replacement, at most one hand-over
    # chain back to the juror who lost an entry.
    assert len(pairs(before) - pairs(after)) <= 1 + len(jurors)


def test_reassign_after_a_removal_moves_only_unscored_entries():
    jurors = [1, 2, 3, 4, 5, 6]
    entries = list(range(30))
    before = assign_k(jurors, entries, 3, seed=11)
    removed = 4
    scored = {
        (removed, entry) for entry in sorted(e for e, js in before.items() if removed in js)[:5]
    }

    after = reassign(
        before,
        jurors=[juror for juror in jurors if juror != removed],
        entries=entries,
        k=3,
        scored=scored,
        seed=11,
    )

    assert_valid(after, entries=entries, k=3)
    assert {(juror, entry) for juror, entry in pairs(after) if juror == removed} == scored
    remaining = [1, 2, 3, 5, 6]
    # 90 pairs − 5 kept by the removed juror = 85 over 5 jurors: 17 each.
    assert juror_loads(after, remaining) == {1: 17, 2: 17, 3: 17, 5: 17, 6: 17}


def test_reassign_never_uses_a_juror_already_on_the_entry_or_in_conflict():
    before = {10: frozenset({1, 2, 3}), 11: frozenset({1, 2, 3})}

    # Juror 3 is removed (nothing scored), juror 1 declares a conflict on entry 10.
    after = reassign(
        before, jurors=[1, 2, 4, 5], entries=[10, 11], k=3, conflicts={(1, 10)}, seed=0
    )

    assert after[10] == frozenset({2, 4, 5})
    assert after[11] in (frozenset({1, 2, 4}), frozenset({1, 2, 5}))
    assert spread_of_loads(after, [1, 2, 4, 5]) == 1


def test_reassign_property_keeps_every_rule_over_many_random_changes():
    rng = random.Random(3)
    for _ in range(150):
        juror_count = rng.randint(3, 10)
        jurors = list(range(juror_count))
        entries = list(range(rng.randint(1, 60)))
        k = rng.randint(1, juror_count - 2)
        before = assign_k(jurors, entries, k, seed=rng.randint(0, 99))
        scored = {pair for pair in pairs(before) if rng.random() < 0.3}
        removed = rng.choice(jurors)
        some_entry = rng.choice(entries)
        newcomer_conflict = (rng.choice([j for j in jurors if j != removed]), some_entry)
        active = [juror for juror in jurors if juror != removed]

        after = reassign(
            before,
            jurors=active,
            entries=entries,
            k=k,
            conflicts={newcomer_conflict},
            scored=scored,
            seed=1,
        )

        assert_valid(after, entries=entries, k=k, conflicts={newcomer_conflict})
        kept = {pair for pair in scored if pair != newcomer_conflict}
        assert kept <= pairs(after)
        assert all(juror in active or (juror, entry) in kept for juror, entry in pairs(after))


def test_reassign_when_too_few_jurors_remain_is_impossible():
    before = {10: frozenset({1, 2})}

    with pytest.raises(AssignmentImpossible, match="Entry 10 needs 2 jurors but only 1"):
        reassign(before, jurors=[1, 2, 3], entries=[10], k=2, conflicts={(1, 10), (3, 10)})


def test_reassign_drops_withdrawn_entries():
    before = {10: frozenset({1, 2}), 11: frozenset({2, 3})}

    after = reassign(before, jurors=[1, 2, 3], entries=[10], k=2)

    assert after == {10: frozenset({1, 2})}
