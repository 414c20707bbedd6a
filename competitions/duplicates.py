"""Possible duplicates, found when an entry arrives: the same image (perceptual hash) or the same
story (word shingles) among the entries of the same kind in this and the other editions.

`queue(entry)` (called by the services that store a new work: a submission, an answer to a
request for changes) hands the entry to the worker after the commit; the task compares it and
stores the pairs both ways (`PossibleDuplicate`), whatever the other entry's state. Who sees
which is decided when they are shown (`permissions.visible_duplicates`): a held entry is never
anyone's possible duplicate except a safeguarding officer's.

The task lives here, not in tasks.py, because the services queue it and tasks.py imports the
services (no cycle); tasks.py re-exports it.
"""

from django.db import transaction
from django.db.models import Q
from django_tasks import task

from competitions.models import Entry, PossibleDuplicate
from competitions.queries import possible_duplicates


def record_duplicates(entry):
    """Compare `entry` with every other entry and store what looks alike (replacing what was
    stored for it); returns how many look alike."""
    found = possible_duplicates(entry, among=Entry.objects.all(), limit=None)
    with transaction.atomic():
        PossibleDuplicate.objects.filter(Q(entry=entry) | Q(other=entry)).delete()
        rows = []
        for other, distance in found:
            rows.append(PossibleDuplicate(entry=entry, other=other, distance=distance))
            rows.append(PossibleDuplicate(entry=other, other=entry, distance=distance))
        PossibleDuplicate.objects.bulk_create(rows, ignore_conflicts=True)
    return len(found)


def forget(entry):
    """The entry is erased: it is nobody's possible duplicate any more."""
    PossibleDuplicate.objects.filter(Q(entry=entry) | Q(other=entry)).delete()


@task()
def find_duplicates(entry_id):
    """Load the entry by id and record its possible duplicates."""
    entry = (
        Entry.objects.select_related("competition")
        .filter(pk=entry_id, erased_at__isnull=True)
        .first()
    )
    if entry is None:
        return 0
    return record_duplicates(entry)


def queue(entry):
    """Find the possible duplicates of `entry` after the caller's transaction commits."""
    entry_id = entry.pk
    transaction.on_commit(lambda: find_duplicates.enqueue(entry_id))
