"""Fixtures of the exhibition. The exhibition stands above the jury, and so do its tests: they
reuse the jury's fixtures (a competition with approved entries, jurors, a moderator) and award
through the jury's service, as the chair does."""

import pytest

from tests.exhibition.helpers import publish
from tests.jury.conftest import (  # noqa: F401 - fixtures
    _english,
    competition,
    entries,
    jurors,
    jury,
    moderator,
    score_round,
)


@pytest.fixture
def published(competition, entries, moderator):  # noqa: F811 - the fixtures above
    return publish(competition, entries[0], moderator)
