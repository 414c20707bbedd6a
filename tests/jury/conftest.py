"""Fixtures of the jury room: an artwork competition with approved entries, a jury, rounds.

Built with the factories (`tests/factories/competitions.py`, `tests/factories/jury.py`): rows
only, no service runs until a test calls one.
"""

import re

import pytest
from django.utils import translation

from competitions.enums import EntryState
from competitions.models import CompetitionPage
from jury import services
from jury.enums import AssignmentMode
from tests.factories import UserFactory, member_of
from tests.factories.competitions import (
    CompetitionIndexPageFactory,
    CompetitionPageFactory,
    EntryFactory,
)
from tests.factories.jury import JurorFactory, JuryFactory, RoundFactory

ENTRANT_NAME = "Arbër Kastrioti-Zhupa"
ENTRANT_EMAIL = "arber.secret@example.com"
ENTRANT_PEN_NAME = "Shqiponja e Heshtur"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def competition_page(parent, slug, **fields):
    """A published artwork competition whose slug is `slug` in both languages."""
    page = CompetitionPageFactory(
        parent=parent,
        artwork=True,
        title_sq=slug,
        title_en=slug,
        slug_sq=slug,
        slug_en=slug,
        **fields,
    )
    return CompetitionPage.objects.get(pk=page.pk)


@pytest.fixture
def competition(home):
    return competition_page(CompetitionIndexPageFactory(parent=home), "art3")


def make_entry(
    competition, seed, *, state=EntryState.APPROVED, minor=False, content_warning="", **entrant
):
    """An entry (approved by default) with its own image colour; `entrant` sets the entrant's
    fields. Seed 0 is the entrant whose identity must never reach a juror."""
    fields = {
        "full_name": ENTRANT_NAME if seed == 0 else f"Entrant Number{seed}",
        "email": ENTRANT_EMAIL if seed == 0 else f"entrant{seed}@example.com",
        "pen_name": ENTRANT_PEN_NAME if seed == 0 else f"Pen{seed}",
        **entrant,
    }
    return EntryFactory(
        competition=competition,
        state=state,
        minor=minor,
        title=f"Work {seed}",
        description="",
        content_warning=content_warning,
        image_color=(10 * seed % 255, 80, 120),
        **{f"entrant__{name}": value for name, value in fields.items()},
    )


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


@pytest.fixture
def finished_round(score_round, moderator):
    """The competition's only round, closed: judging is over, awards may be recorded."""
    services.close_round(score_round, by=moderator)
    return score_round


# --- reading the chair's results table ---


def rows_of(body):
    """{code: the row's HTML} in the order of the table."""
    return dict(re.findall(r'<tr id="row-([A-Z0-9-]+)"[^>]*>(.*?)</tr>', body, re.S))


def cells(row_html):
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row_html, re.S)
    ]
