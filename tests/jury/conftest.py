"""Fixtures of the jury room: an artwork competition with approved entries, a jury, rounds.

Built with the factories (`tests/factories/jury.py`). Entries go through the competitions'
own services (`submit_entry`, then approval), so that each has its entrant, its cleaned image and
its reference as a real one would.
"""

import io
from datetime import date, timedelta

import factory
import pytest
from django.utils import timezone, translation
from PIL import Image

from competitions import services as competition_services
from competitions.enums import Actor, CompetitionKind, EntryState
from competitions.images import clean_image
from competitions.models import CompetitionIndexPage, CompetitionPage
from jury import services
from jury.enums import AssignmentMode
from tests.factories import TranslatedPageFactory, UserFactory, member_of
from tests.factories.jury import JurorFactory, JuryFactory, RoundFactory

ENTRANT_NAME = "Arbër Kastrioti-Zhupa"
ENTRANT_EMAIL = "arber.secret@example.com"
ENTRANT_PEN_NAME = "Shqiponja e Heshtur"


# Until tests/factories/competitions.py exists: the two page types the jury needs.
class CompetitionIndexPageFactory(TranslatedPageFactory):
    class Meta:
        model = CompetitionIndexPage

    title_sq = "Konkurse"
    title_en = "Competitions"
    slug_sq = "konkurse"
    slug_en = "competitions"


class CompetitionPageFactory(TranslatedPageFactory):
    class Meta:
        model = CompetitionPage

    kind = CompetitionKind.ARTWORK
    edition = 3
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def competition_page(parent, slug, **fields):
    """A published competition page whose slug is `slug` in both languages."""
    page = CompetitionPageFactory(
        parent=parent, title_sq=slug, title_en=slug, slug_sq=slug, slug_en=slug, **fields
    )
    return CompetitionPage.objects.get(pk=page.pk)


@pytest.fixture
def competition(home):
    index = CompetitionIndexPageFactory(parent=home, slug_en="konkurse")
    return competition_page(index, "art3")


def jpeg(seed=0):
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (10 * seed % 255, 80, 120)).save(buffer, format="JPEG")
    return clean_image(io.BytesIO(buffer.getvalue()), max_bytes=10**7)


def make_entry(competition, seed, *, approved=True, content_warning="", **data):
    """An entry sent through the competitions' form service, approved unless told otherwise."""
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
    fields.setdefault("first_name", username.capitalize())
    return UserFactory(
        username=username, last_name="Juror", groups=[group] if group else None, **fields
    )


def make_round(jury, *, position=1, criteria=2, **fields):
    return RoundFactory(jury=jury, position=position, criteria=criteria, **fields)


@pytest.fixture
def jurors(db):
    return [JurorFactory(username=f"juror{i}", first_name=f"Juror{i}") for i in (1, 2, 3)]


@pytest.fixture
def moderator(db):
    return member_of("Competition moderators", username="moderator", first_name="Moderator")


@pytest.fixture
def jury(competition, jurors):
    return JuryFactory(competition=competition, chair=jurors[0], jurors=jurors)


@pytest.fixture
def entries(competition):
    return [make_entry(competition, seed) for seed in range(4)]


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
