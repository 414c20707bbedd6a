"""Reads that need thought: listings, the moderation queue, duplicates, files, exports."""

from django.db.models import Count
from django.http import FileResponse, Http404

from competitions.enums import EntryState
from competitions.images import hash_distance
from competitions.models import CompetitionPage, Entry

DUPLICATE_HASH_DISTANCE = 10
DUPLICATE_SHINGLE_SIMILARITY = 0.5


def competitions_under(index):
    return CompetitionPage.objects.child_of(index).live().specific().order_by("-opens_at")


def serve_private_file(entry, variant):
    """The entry's image or thumbnail, never cached anywhere. Only callers that checked who
    asks may use this."""
    field = {"image": entry.image, "thumbnail": entry.thumbnail}.get(variant)
    if not field or not field.name:
        raise Http404
    try:
        handle = field.storage.open(field.name, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = "image/png" if field.name.endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="{entry.reference}.{field.name[-3:]}"'
    return response


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


def moderation_queue(*, safeguarding=False, filters=None):
    """Entries a moderator (or, with `safeguarding`, a safeguarding officer) may see."""
    filters = filters or {}
    entries = Entry.objects.select_related("competition", "category")
    if safeguarding:
        entries = entries.filter(state=EntryState.SAFEGUARDING_HOLD)
    else:
        entries = entries.filter(state__in=EntryState.moderation_queue())
    for key in ("competition", "state", "category", "country", "content_warning"):
        if filters.get(key):
            entries = entries.filter(**{key: filters[key]})
    if filters.get("kind"):
        entries = entries.filter(competition__kind=filters["kind"])
    if filters.get("age_group") == "minor":
        entries = entries.filter(age__lt=18)
    elif filters.get("age_group") == "adult":
        entries = entries.filter(age__gte=18)
    return entries.order_by("submitted_at", "pk")


def state_counts(competition=None):
    """{state: count} for the queue's header, in one query; safeguarding holds not included."""
    entries = Entry.objects.filter(state__in=EntryState.moderation_queue())
    if competition:
        entries = entries.filter(competition=competition)
    rows = entries.values("state").annotate(n=Count("pk")).order_by()
    counts = dict.fromkeys(EntryState.moderation_queue(), 0)
    counts.update({row["state"]: row["n"] for row in rows})
    return counts


def shingles(text, size=4):
    words = text.lower().split()
    return {" ".join(words[i : i + size]) for i in range(max(len(words) - size + 1, 0))}


def possible_duplicates(entry, limit=5):
    """Entries of the same kind (this and earlier editions) that look alike, closest first:
    [(entry, distance)] where distance is hash bits (images) or 1 − Jaccard (stories)."""
    others = (
        Entry.objects.filter(competition__kind=entry.competition.kind, erased_at__isnull=True)
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
