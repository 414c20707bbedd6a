"""Fixtures of the exhibition. The exhibition stands above the jury, and so do its tests: they
reuse the jury's fixtures (a competition with approved entries, jurors, a moderator) and award
through the jury's service, as the chair does."""

import pytest

from jury.enums import RoundState
from tests.exhibition.helpers import publish
from tests.factories.jury import JuryFactory, RoundFactory
from tests.jury.conftest import (  # noqa: F401 - fixtures
    _english,
    competition,
    entries,
    jurors,
    jury,
    moderator,
    score_round,
)


@pytest.fixture(autouse=True)
def judging_over(competition):  # noqa: F811 - the fixture above
    """The competition's jury has closed its last round: awards and publication may follow
    (`jury.permissions.judging_finished`)."""
    the_jury = JuryFactory(competition=competition)
    RoundFactory(jury=the_jury, state=RoundState.CLOSED)
    return the_jury


@pytest.fixture
def published(competition, entries, moderator):  # noqa: F811 - the fixtures above
    return publish(competition, entries[0], moderator)
