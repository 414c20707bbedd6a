"""Fixtures of the jury room: an artwork competition with approved entries, a jury, rounds."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from PIL import Image

from competitions import services as competition_services
from competitions.enums import Actor, CompetitionKind, EntryState
from competitions.images import clean_image
from competitions.models import CompetitionIndexPage, CompetitionPage
from jury import services
from jury.enums import AssignmentMode, RoundKind
from jury.models import Criterion, Jury, Round

ENTRANT_NAME = "Arbër Kastrioti-Zhupa"
ENTRANT_EMAIL = "arber.secret@example.com"
ENTRANT_PEN_NAME = "Shqiponja e Heshtur"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def add_page(parent, model, slug, **fields):
    page = model(
        title=slug, title_sq=slug, title_en=slug, slug=slug, slug_sq=slug, slug_en=slug, **fields
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


@pytest.fixture
def competition(home):
    index = add_page(home, CompetitionIndexPage, "konkurse")
    now = timezone.now()
    return add_page(
        index,
        CompetitionPage,
        "art3",
        kind=CompetitionKind.ARTWORK,
        edition=3,
        opens_at=now - timedelta(days=10),
        deadline=now + timedelta(days=10),
    )


def jpeg(seed=0):
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (10 * seed % 255, 80, 120)).save(buffer, format="JPEG")
    return clean_image(io.BytesIO(buffer.getvalue()), max_bytes=10**7)


def make_entry(competition, seed, *, approved=True, content_warning="", **data):
    fields = {
        "full_name": ENTRANT_NAME if seed == 0 else f"Entrant Number{seed}",
        "email": ENTRANT_EMAIL if seed == 0 else f"entrant{seed}@example.com",
        "date_of_birth": date(timezone.localdate().year - 20, 1, 1),
        "country": "AL",
        "municipality": None,
        "message_language": "sq",
        "credit": "pen_name",
        "pen_name": ENTRANT_PEN_NAME if seed == 0 else f"Pen{seed}",
        "title": f"Work {seed}",
        "description": "",
        "content_warning": content_warning,
        **{f"declare_{key}": True for key in competition_services.DECLARATION_FIELDS},
    }
    fields.update(data)
    image = jpeg(seed) if competition.takes_image else None
    entry, _created = competition_services.submit_entry(
        competition=competition, data=fields, form_token=f"tok-{seed}", image=image
    )
    if approved:
        competition_services.move_entry(entry, EntryState.APPROVED, actor=Actor.MODERATOR)
    return entry


def make_user(username, group=None, **fields):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="x",
        first_name=username.capitalize(),
        last_name="Juror",
        **fields,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def jurors(db):
    return [make_user(f"juror{i}", "Jurors") for i in (1, 2, 3)]


@pytest.fixture
def moderator(db):
    return make_user("moderator", "Competition moderators")


@pytest.fixture
def jury(competition, jurors):
    jury = Jury.objects.create(competition=competition, chair=jurors[0])
    jury.jurors.set(jurors)
    return jury


@pytest.fixture
def entries(competition):
    return [make_entry(competition, seed) for seed in range(4)]


def make_round(jury, *, position=1, kind=RoundKind.SCORE, criteria=2, **fields):
    now = timezone.now()
    values = {
        "name_sq": f"Raundi {position}",
        "name_en": f"Round {position}",
        "kind": kind,
        "opens_at": now - timedelta(hours=1),
        "closes_at": now + timedelta(days=5),
    }
    values.update(fields)
    round = Round.objects.create(jury=jury, position=position, **values)
    specs = [("Origjinaliteti", "Originality", 2, 1, 10), ("Mesazhi", "Message", 1, 0, 5)]
    for index, (sq, en, weight, low, high) in enumerate(specs[:criteria]):
        Criterion.objects.create(
            round=round,
            sort_order=index,
            name_sq=sq,
            name_en=en,
            weight=Decimal(weight),
            scale_min=low,
            scale_max=high,
        )
    return round


@pytest.fixture
def score_round(jury, entries, moderator):
    round = make_round(jury)
    services.open_round(round, by=moderator)
    return round


@pytest.fixture
def k_round(jury, entries, moderator):
    round = make_round(jury, assignment_mode=AssignmentMode.K, k=2)
    services.open_round(round, by=moderator)
    return round
