"""Reads that need thought: listings, the moderation queue, duplicates, the entrant's data."""

from django.db.models import Count, Exists, OuterRef, Q

from competitions.enums import EntryState
from competitions.images import hash_distance
from competitions.models import Entry, EntryEvent

DUPLICATE_HASH_DISTANCE = 10
DUPLICATE_SHINGLE_SIMILARITY = 0.5


def entry_data_export(entry):
    """What is held about an entrant, for their own download."""
    entrant = getattr(entry, "entrant", None)
    data = {
        "reference": entry.reference,
        "competition": entry.competition.title,
        "state": entry.state,
        "submitted_at": entry.submitted_at,
        "title": entry.title,
        "description": entry.description,
        "story_text": entry.story_text,
        "language": entry.language,
        "content_warning": entry.content_warning,
        "capture_date": entry.taken_at,
        "camera_model": entry.camera_model,
        "consent_state": entry.consent_state,
        "declarations": entry.declarations,
        "messages": [
            {"at": event.created_at, "message": event.message}
            for event in entry.events.all()
            if event.message
        ],
    }
    if entrant is not None:
        data["entrant"] = {
            "full_name": entrant.full_name,
            "email": entrant.email,
            "date_of_birth": entrant.date_of_birth,
            "country": entrant.country,
            "municipality": str(entrant.municipality) if entrant.municipality else "",
            "language": entrant.language,
            "credit": entrant.credit,
            "pen_name": entrant.pen_name,
            "guardian_name": entrant.guardian_name,
            "guardian_email": entrant.guardian_email,
        }
    return data


# The moderation queue's order: the competition whose deadline is nearest (oldest) first, then the
# entries as they arrived. The entry screen's previous/next follow the same order.
QUEUE_ORDER = ("competition__deadline", "submitted_at", "pk")


def moderation_queue(entries, duplicates=None):
    """The moderation queue's rows from `entries` (permissions.moderation_entries), in
    `QUEUE_ORDER`, with what the listing shows and, in the same query, `changes_answered` (the
    entrant sent changes a moderator asked for) and, with `duplicates`
    (permissions.visible_duplicates), `possible_duplicate`."""
    rows = (
        entries.select_related("competition", "category")
        .annotate(
            changes_answered=Exists(
                EntryEvent.objects.filter(
                    entry=OuterRef("pk"),
                    from_state=EntryState.CHANGES_REQUESTED,
                    to_state=EntryState.IN_MODERATION,
                )
            )
        )
        .order_by(*QUEUE_ORDER)
    )
    if duplicates is not None:
        rows = rows.annotate(possible_duplicate=Exists(duplicates.filter(entry=OuterRef("pk"))))
    return rows


def needs_decision(rows):
    """The entries waiting for a moderator's decision: those being checked (new, answered
    changes, consent flags and possible duplicates among them)."""
    return rows.filter(state=EntryState.IN_MODERATION)


def queue_summary(rows, states):
    """The queue's counts in one query over `rows` (`moderation_queue` with duplicates): all
    entries, each of `states`, those needing a decision and, among them, answered changes,
    consent flags and possible duplicates."""
    waiting = Q(state=EntryState.IN_MODERATION)
    return rows.order_by().aggregate(
        all=Count("pk"),
        decide=Count("pk", filter=waiting),
        answered=Count("pk", filter=waiting & Q(changes_answered=True)),
        consent=Count("pk", filter=waiting & ~Q(consent_check="")),
        duplicate=Count("pk", filter=waiting & Q(possible_duplicate=True)),
        **{f"state_{state}": Count("pk", filter=Q(state=state)) for state in states},
    )


def neighbours(rows, entry):
    """(previous, next) of `entry` among `rows` in `QUEUE_ORDER` (two small queries); either is
    None at an end. `entry` need not be among `rows` (it may just have left them)."""
    deadline, submitted, pk = entry.competition.deadline, entry.submitted_at, entry.pk
    after = (
        Q(competition__deadline__gt=deadline)
        | Q(competition__deadline=deadline, submitted_at__gt=submitted)
        | Q(competition__deadline=deadline, submitted_at=submitted, pk__gt=pk)
    )
    before = (
        Q(competition__deadline__lt=deadline)
        | Q(competition__deadline=deadline, submitted_at__lt=submitted)
        | Q(competition__deadline=deadline, submitted_at=submitted, pk__lt=pk)
    )
    rows = rows.exclude(pk=pk).select_related(None).only("pk", "reference")
    following = rows.filter(after).order_by(*QUEUE_ORDER).first()
    previous = rows.filter(before).order_by(*(f"-{key}" for key in QUEUE_ORDER)).first()
    return previous, following


def safeguarding_queue(entries):
    """The safeguarding queue's rows from `entries` (permissions.safeguarding_entries)."""
    return entries.select_related("competition").order_by("submitted_at", "pk")


def state_counts(entries, states):
    """{state: count} over `entries` for each of `states`, in one query (for the queue's header)."""
    rows = entries.values("state").annotate(n=Count("pk")).order_by()
    counts = dict.fromkeys(states, 0)
    counts.update({row["state"]: row["n"] for row in rows if row["state"] in counts})
    return counts


def shingles(text, size=4):
    words = text.lower().split()
    return {" ".join(words[i : i + size]) for i in range(max(len(words) - size + 1, 0))}


def possible_duplicates(entry, *, among=None, limit=5):
    """Entries of the same kind (this and earlier editions) that look alike, closest first:
    [(entry, distance)] where distance is hash bits (images) or 1 − Jaccard (stories). Only
    entries in `among` are compared (the viewer's `permissions.visible_entries`)."""
    among = Entry.objects.all() if among is None else among
    others = (
        among.filter(competition__kind=entry.competition.kind, erased_at__isnull=True)
        .exclude(pk=entry.pk)
        .exclude(state=EntryState.WITHDRAWN)
        .select_related("competition")
    )
    found = []
    if entry.image_hash:
        for other in others.exclude(image_hash="").only(
            "pk", "reference", "image_hash", "competition__title"
        ):
            distance = hash_distance(entry.image_hash, other.image_hash)
            if distance <= DUPLICATE_HASH_DISTANCE:
                found.append((other, distance))
    elif entry.story_text:
        mine = shingles(entry.story_text)
        if mine:
            for other in others.exclude(story_text="").only(
                "pk", "reference", "story_text", "competition__title"
            ):
                theirs = shingles(other.story_text)
                if not theirs:
                    continue
                similarity = len(mine & theirs) / len(mine | theirs)
                if similarity >= DUPLICATE_SHINGLE_SIMILARITY:
                    found.append((other, round(1 - similarity, 2)))
    found.sort(key=lambda pair: pair[1])
    return found[:limit]
