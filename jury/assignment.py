"""Which juror scores which entry: pure functions on ids, no database.

An *assignment* maps each entry id to the frozenset of juror ids who score it. Two ways to build
one, chosen per round:

* :func:`assign_everyone` — every juror sees every entry (except the entries they declared a
  conflict of interest on);
* :func:`assign_k` — each entry gets exactly ``k`` different jurors, none of them in conflict
  with it, and the jurors' loads (number of entries) are as even as the conflicts allow: without
  conflicts they differ by at most one.

Mid-round changes go through :func:`reassign`: a juror who declares a conflict leaves that entry,
a juror removed from the jury leaves their unscored entries, and each entry left short gets
another eligible juror, keeping loads as even as possible. Entries already scored stay where they
are (scores are never moved), except that a conflict always removes the juror.

Everything is deterministic: the same ids, ``k`` and ``seed`` give the same assignment whatever
order the ids come in (ids are sorted first, so they must be comparable, e.g. all ``int``). The
seed (use the round's id) only decides between equally loaded jurors, so that the same juror is
not always the one picked first.

How balance is reached: entries are dealt out one by one to the least-loaded eligible jurors, then
loads are evened out by moving unscored entries along chains (juror A hands an entry to B, who
hands another to C, ...) from a juror with load L to one with load L − 2 or less, until no such
chain exists. A state without such a chain has the smallest possible sum of squared loads, which
for these problems also means the smallest possible spread between the highest and lowest load.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Collection, Iterable, Mapping

JurorId = int
EntryId = int
Pair = tuple[JurorId, EntryId]
Assignment = dict[EntryId, frozenset[JurorId]]


class AssignmentImpossible(ValueError):
    """An entry cannot get ``needed`` jurors: only ``eligible`` jurors may score it."""

    def __init__(self, *, entry: EntryId | None, needed: int, eligible: int) -> None:
        self.entry = entry
        self.needed = needed
        self.eligible = eligible
        if entry is None:
            message = f"Each entry needs {needed} jurors but the jury has only {eligible}."
        else:
            message = (
                f"Entry {entry} needs {needed} jurors but only {eligible} may score it "
                "(the others are not on the jury or declared a conflict of interest)."
            )
        super().__init__(message)


def juror_loads(
    assignment: Mapping[EntryId, Collection[JurorId]], jurors: Iterable[JurorId]
) -> dict[JurorId, int]:
    """How many entries each of ``jurors`` has (0 for a juror without any)."""
    loads = dict.fromkeys(sorted(jurors), 0)
    for entry_jurors in assignment.values():
        for juror in entry_jurors:
            if juror in loads:
                loads[juror] += 1
    return loads


def pairs(assignment: Mapping[EntryId, Collection[JurorId]]) -> set[Pair]:
    """The assignment as ``(juror, entry)`` pairs, the shape of the database rows."""
    return {(juror, entry) for entry, entry_jurors in assignment.items() for juror in entry_jurors}


def assign_everyone(
    jurors: Iterable[JurorId],
    entries: Iterable[EntryId],
    *,
    conflicts: Collection[Pair] = frozenset(),
) -> Assignment:
    """Every juror scores every entry, except where they declared a conflict of interest."""
    conflict_set = set(conflicts)
    juror_list = sorted(set(jurors))
    return {
        entry: frozenset(juror for juror in juror_list if (juror, entry) not in conflict_set)
        for entry in sorted(set(entries))
    }


def assign_k(
    jurors: Iterable[JurorId],
    entries: Iterable[EntryId],
    k: int,
    *,
    conflicts: Collection[Pair] = frozenset(),
    seed: int = 0,
) -> Assignment:
    """Each entry gets exactly ``k`` different jurors with balanced loads (see the module).

    Raises :class:`AssignmentImpossible` when the jury has fewer than ``k`` jurors or an entry has
    fewer than ``k`` jurors without a conflict on it, and ``ValueError`` when ``k < 1``.
    """
    return reassign(
        {}, jurors=jurors, entries=entries, k=k, conflicts=conflicts, scored=(), seed=seed
    )


def reassign(
    current: Mapping[EntryId, Collection[JurorId]],
    *,
    jurors: Iterable[JurorId],
    entries: Iterable[EntryId],
    k: int,
    conflicts: Collection[Pair] = frozenset(),
    scored: Collection[Pair] = frozenset(),
    seed: int = 0,
) -> Assignment:
    """A k-juror assignment repaired after a change in the round.

    ``jurors``: the jurors on the jury now (a removed juror is simply left out). ``entries``: the
    entries in the round now. ``conflicts``: every declared conflict, including the new one.
    ``scored``: ``(juror, entry)`` pairs with scores, which stay put.

    * A pair with a conflict is dropped, scored or not.
    * A removed juror keeps their scored pairs (their scores stay on record and count toward the
      entry's ``k``) and loses the rest.
    * Every entry short of ``k`` jurors gets the least-loaded eligible jurors: on the jury, not
      already on the entry, not in conflict with it.
    * Loads are then evened out by moving unscored pairs only (see the module docstring), so a
      juror's list changes no more than balance needs.

    Raises :class:`AssignmentImpossible` when an entry cannot reach ``k`` jurors.
    """
    if k < 1:
        raise ValueError("Each entry needs at least one juror.")
    active = sorted(set(jurors))
    active_set = set(active)
    entry_list = sorted(set(entries))
    conflict_set = set(conflicts)
    scored_set = set(scored)
    if len(active) < k:
        raise AssignmentImpossible(entry=None, needed=k, eligible=len(active))

    rng = random.Random(seed)
    held: dict[EntryId, set[JurorId]] = {}
    for entry in entry_list:
        held[entry] = {
            juror
            for juror in current.get(entry, ())
            if (juror, entry) not in conflict_set
            and (juror in active_set or (juror, entry) in scored_set)
        }
        if len(held[entry]) > k:
            raise ValueError(f"Entry {entry} already has more than {k} jurors.")
    loads = dict.fromkeys(active, 0)
    for entry_jurors in held.values():
        for juror in entry_jurors:
            if juror in loads:
                loads[juror] += 1

    eligible = {
        entry: [juror for juror in active if (juror, entry) not in conflict_set]
        for entry in entry_list
    }
    short = [entry for entry in entry_list if len(held[entry]) < k]
    rng.shuffle(short)
    for entry in short:
        candidates = [juror for juror in eligible[entry] if juror not in held[entry]]
        missing = k - len(held[entry])
        if len(candidates) < missing:
            raise AssignmentImpossible(
                entry=entry, needed=k, eligible=len(held[entry]) + len(candidates)
            )
        tiebreak = {juror: rng.random() for juror in candidates}
        candidates.sort(key=lambda juror: (loads[juror], tiebreak[juror]))
        for juror in candidates[:missing]:
            held[entry].add(juror)
            loads[juror] += 1

    movable = {
        entry: {juror for juror in held[entry] if juror in active_set}
        - {juror for juror in held[entry] if (juror, entry) in scored_set}
        for entry in entry_list
    }
    _even_out(held, movable, eligible, loads)
    return {entry: frozenset(held[entry]) for entry in entry_list}


def _even_out(
    held: dict[EntryId, set[JurorId]],
    movable: dict[EntryId, set[JurorId]],
    eligible: dict[EntryId, list[JurorId]],
    loads: dict[JurorId, int],
) -> None:
    """Move unscored pairs along chains from a juror with load L to one with L − 2 or less, until
    no chain is left. Each move lowers the sum of squared loads, so this ends."""
    by_juror: dict[JurorId, list[EntryId]] = {juror: [] for juror in loads}
    for entry, entry_jurors in movable.items():
        for juror in entry_jurors:
            by_juror[juror].append(entry)
    while True:
        chain = None
        for source in sorted(loads, key=lambda juror: (-loads[juror], juror)):
            if loads[source] - min(loads.values()) < 2:
                break
            chain = _find_chain(source, held, movable, eligible, loads, by_juror)
            if chain:
                break
        if not chain:
            return
        for giver, entry, taker in chain:
            held[entry].remove(giver)
            held[entry].add(taker)
            movable[entry].remove(giver)
            movable[entry].add(taker)
            by_juror[giver].remove(entry)
            by_juror[taker].append(entry)
        loads[chain[0][0]] -= 1
        loads[chain[-1][2]] += 1


def _find_chain(
    source: JurorId,
    held: dict[EntryId, set[JurorId]],
    movable: dict[EntryId, set[JurorId]],
    eligible: dict[EntryId, list[JurorId]],
    loads: dict[JurorId, int],
    by_juror: dict[JurorId, list[EntryId]],
) -> list[tuple[JurorId, EntryId, JurorId]] | None:
    """Breadth-first search for the shortest chain of hand-overs from ``source`` to a juror with
    at least two entries fewer; ``None`` when there is none."""
    target_load = loads[source] - 2
    came_from: dict[JurorId, tuple[JurorId, EntryId]] = {}
    seen = {source}
    queue = deque([source])
    while queue:
        giver = queue.popleft()
        for entry in sorted(by_juror[giver]):
            for taker in eligible[entry]:
                if taker in seen or taker in held[entry]:
                    continue
                seen.add(taker)
                came_from[taker] = (giver, entry)
                if loads[taker] <= target_load:
                    chain = []
                    juror = taker
                    while juror != source:
                        previous, via = came_from[juror]
                        chain.append((previous, via, juror))
                        juror = previous
                    chain.reverse()
                    return chain
                queue.append(taker)
    return None
