"""Demo jury for the third edition ("Untold Stories 3", artwork, 2024): 114 approved artworks
drawn with Pillow, five jurors (juror1 chairs), a closed first round with its shortlist of 30 and
a closed prize round with three prizes (recorded once the last round closed), so that a newcomer
can sign in as a juror and as the chair and see every screen of the jury room. `exhibition/demo.py`, which runs
after this one, selects the shortlist for the exhibition and publishes it.

Idempotent: entries are found by their form token, jurors by username, rounds by position.
Jurors (and so rounds with marks) are created only with DEBUG on, like the other demo accounts.
"""

import io
import random
import secrets
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from PIL import Image, ImageDraw

from competitions import outbox as competition_outbox
from competitions import services as competition_services
from competitions.enums import Actor, EntryState
from competitions.images import clean_image
from competitions.models import CompetitionPage, Entry
from jury import queries, services
from jury.enums import AwardKind, EntrySource, NoticeKind, RoundState
from jury.models import Criterion, EntrantNotice, Jury, Round, Score

ARTWORKS = 114
SHORTLIST = 30
JURORS = 5
COMPETITION_SLUG = "historite-e-pathena-3"

CRITERIA = [
    # name_sq, name_en, guidance_sq, guidance_en, weight
    (
        "Mesazhi",
        "Message",
        "Sa qartë dhe me ndjeshmëri flet vepra për trafikimin?",
        "How clearly and sensitively does the work speak about trafficking?",
        3,
    ),
    (
        "Origjinaliteti",
        "Originality",
        "A e sheh temën në një mënyrë të re?",
        "Does it look at the theme in a new way?",
        2,
    ),
    (
        "Mjeshtëria",
        "Craft",
        "Përdorimi i ngjyrës, formës dhe materialit.",
        "The use of colour, form and material.",
        2,
    ),
    (
        "Ndikimi te publiku",
        "Impact on the audience",
        "A do ta ndalonte një vizitor të ekspozitës?",
        "Would it stop a visitor to the exhibition?",
        1,
    ),
]


def _aware(*args):
    return timezone.make_aware(datetime(*args))


def load(home, stdout):
    competition = CompetitionPage.objects.filter(slug_sq=COMPETITION_SLUG).first()
    if competition is None:
        stdout.write("Jury: the third-edition competition is missing; no demo jury.\n")
        return {}
    entries = _artworks(competition)
    jury, _created = Jury.objects.get_or_create(competition=competition)
    logins = {}
    if settings.DEBUG:
        jurors, logins = _jurors()
        jury.jurors.add(*jurors)
        if jury.chair_id is None:
            jury.chair = jurors[0]
            jury.save(update_fields=["chair"])
    first = _round(
        jury,
        1,
        "Përzgjedhja për ekspozitën",
        "Selection for the exhibition",
        source=EntrySource.APPROVED,
        opens_at=_aware(2024, 2, 5, 9, 0),
        closes_at=_aware(2024, 2, 26, 18, 0),
    )
    second = _round(
        jury,
        2,
        "Çmimet",
        "Prizes",
        source=EntrySource.ADVANCED,
        opens_at=_aware(2024, 3, 1, 9, 0),
        closes_at=_aware(2024, 3, 12, 18, 0),
    )
    if settings.DEBUG and jury.chair_id:
        _silence(entries, first)
        _judge_first_round(first, jury, entries)
        _judge_second_round(second, jury)
    stdout.write(
        f"Jury: {len(entries)} approved artworks in the third edition, "
        f"{jury.jurors.count()} jurors, rounds: {first.get_state_display()}, "
        f"{second.get_state_display()}.\n"
    )
    return {"logins": logins}


# --- Artworks -------------------------------------------------------------------------------


def _artwork(seed):
    """A small abstract picture: a background, a few shapes, always the same for a seed."""
    rng = random.Random(seed)
    background = tuple(rng.randint(20, 235) for _ in range(3))
    image = Image.new("RGB", (800, 600), background)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(3, 7)):
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        x, y = rng.randint(0, 640), rng.randint(0, 460)
        w, h = rng.randint(80, 400), rng.randint(80, 400)
        shape = rng.choice(["ellipse", "rectangle", "line"])
        if shape == "ellipse":
            draw.ellipse((x, y, x + w, y + h), fill=colour)
        elif shape == "rectangle":
            draw.rectangle((x, y, x + w, y + h), fill=colour)
        else:
            draw.line((x, y, x + w, y + h), fill=colour, width=rng.randint(6, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return clean_image(io.BytesIO(buffer.getvalue()), max_bytes=10**7)


def _artworks(competition):
    """The 114 approved demo artworks, through the competitions' own services. Their e-mails to
    the (made-up) entrants are dropped at once: nobody is there to read them."""
    entered_at = _aware(2024, 1, 15, 12, 0)
    for number in range(1, ARTWORKS + 1):
        token = f"demo-art3-{number:03d}"
        if Entry.objects.filter(form_token=token).exists():
            continue
        entry, _created = competition_services.submit_entry(
            competition=competition,
            form_token=token,
            image=_artwork(number),
            now=entered_at,
            data={
                "full_name": f"Demo Artist {number}",
                "email": f"artist{number}@example.com",
                "date_of_birth": date(1999 + number % 6, 1 + number % 12, 1 + number % 28),
                "country": "AL",
                "municipality": None,
                "message_language": "sq",
                "credit": "anonymous",
                "pen_name": "",
                "title": f"Vepra {number}",
                "description": "",
                "content_warning": "distress" if number % 19 == 0 else "",
                **{f"declare_{key}": True for key in competition_services.DECLARATION_FIELDS},
            },
        )
        if entry.state == EntryState.IN_MODERATION:
            # The demo moderator's approval: a move of the competitions' workflow.
            competition_services.move_entry(
                entry, EntryState.APPROVED, actor=Actor.MODERATOR, note="demo"
            )
        competition_outbox.discard(entry)
    return list(
        Entry.objects.judgeable()
        .filter(
            competition=competition,
            form_token__startswith="demo-art3-",  # noqa: S106 - a prefix, not a secret
        )
        .order_by("number")
    )


# --- Jurors and rounds -----------------------------------------------------------------------


def _jurors():
    user_model = get_user_model()
    group = Group.objects.get(name="Jurors")
    jurors, logins = [], {}
    for number in range(1, JURORS + 1):
        username = f"juror{number}"
        user = user_model.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(9)
            user = user_model.objects.create_user(
                username=username,
                email=f"{username}@example.org",
                password=password,
                first_name=f"Juror{number}",
                last_name="Demo",
                preferred_language="en" if number == 5 else "sq",
            )
            role = "Jury chair" if number == 1 else "Juror"
            logins[username] = (password, role)
        user.groups.add(group)
        jurors.append(user)
    return jurors, logins


def _round(jury, position, name_sq, name_en, **fields):
    round, created = Round.objects.get_or_create(
        jury=jury, position=position, defaults={"name_sq": name_sq, "name_en": name_en, **fields}
    )
    if created:
        for index, (sq, en, guidance_sq, guidance_en, weight) in enumerate(CRITERIA):
            Criterion.objects.create(
                round=round,
                sort_order=index,
                name_sq=sq,
                name_en=en,
                guidance_sq=guidance_sq,
                guidance_en=guidance_en,
                weight=Decimal(weight),
                scale_min=1,
                scale_max=10,
            )
    return round


def _judge_first_round(round, jury, entries):
    """Every juror marks every artwork; the chair closes the round and advances the best 30."""
    if round.state != RoundState.DRAFT:
        return
    chair = jury.chair
    services.open_round(round, by=chair)
    rng = random.Random(2024)
    criteria = list(round.criteria.all())
    quality = {entry.pk: rng.gauss(6, 1.6) for entry in entries}
    rows = []
    for juror in jury.jurors.all():
        leniency = rng.uniform(-1.0, 1.0)
        for entry in entries:
            for criterion in criteria:
                value = round_half(quality[entry.pk] + leniency + rng.gauss(0, 1.1))
                rows.append(
                    Score(
                        round=round,
                        juror=juror,
                        entry=entry,
                        criterion=criterion,
                        value=min(10, max(1, value)),
                        updated_at=round.opens_at + timedelta(days=3),
                    )
                )
    Score.objects.bulk_create(rows)
    services.close_round(round, by=chair)
    ranked = [row for row in queries.round_results(round)["rows"] if row.rank is not None]
    shortlist = [row.entry for row in ranked[:SHORTLIST]]
    services.advance_entries(round=round, entry_ids=shortlist, by=chair)


def round_half(value):
    return int(value + 0.5)


PRIZE_NOTES = [
    (AwardKind.FIRST, "Një vepër e guximshme që e tregon heshtjen pa e treguar viktimën."),
    (AwardKind.SECOND, "Ngjyrat flasin për rrugën dhe për shpresën."),
    (AwardKind.THIRD, "Një kompozim i thjeshtë me një mesazh të fortë."),
]


def _judge_second_round(round, jury):
    """Every juror marks the shortlist; the chair closes the last round and only then records
    the three prizes (awards wait for the last round: `jury.permissions.judging_finished`)."""
    if round.state != RoundState.DRAFT:
        return
    chair = jury.chair
    services.open_round(round, by=chair)
    rng = random.Random(2025)
    criteria = list(round.criteria.all())
    Score.objects.bulk_create(
        Score(
            round=round,
            juror=juror,
            entry=entry,
            criterion=criterion,
            value=rng.randint(4, 10),
            updated_at=round.opens_at + timedelta(days=3),
        )
        for juror in jury.jurors.order_by("username")
        for entry in queries.juror_entries(round, juror)
        for criterion in criteria
    )
    services.close_round(round, by=chair)
    ranked = [row for row in queries.round_results(round)["rows"] if row.rank is not None]
    by_id = {entry.pk: entry for entry in queries.round_entries(round)}
    for row, (kind, note) in zip(ranked, PRIZE_NOTES, strict=False):
        services.record_award(
            competition=jury.competition, entry=by_id[row.entry], kind=kind, note=note, by=chair
        )


def _silence(entries, first):
    """The demo entrants are made up: mark their outcome e-mails as sent, so none goes out."""
    keys = [f"{NoticeKind.SHORTLISTED}:{first.pk}", str(NoticeKind.NOT_SELECTED)]
    keys += [f"{NoticeKind.AWARDED}:{kind}" for kind in AwardKind.values]
    EntrantNotice.objects.bulk_create(
        [EntrantNotice(entry=entry, key=key) for entry in entries for key in keys],
        ignore_conflicts=True,
    )
