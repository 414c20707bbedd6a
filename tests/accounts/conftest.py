"""Fixtures of two-factor sign-in: a juror with an open round, staff, their devices."""

import pytest
from django.utils import translation
from wagtail.users.models import UserProfile

from jury import services as jury_services
from tests.factories import member_of
from tests.factories.accounts import TOTPDeviceFactory
from tests.factories.competitions import CompetitionIndexPageFactory, CompetitionPageFactory
from tests.factories.jury import JurorFactory, JuryFactory
from tests.jury.conftest import make_entry, make_round

PASSWORD = "password"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def staff(group, username):
    """A member of `group` whose admin is in English."""
    user = member_of(group, username=username, preferred_language="en")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def moderator(db):
    return staff("Competition moderators", "moderator")


@pytest.fixture
def officer(db):
    return staff("Safeguarding officers", "officer")


@pytest.fixture
def juror(db):
    return JurorFactory(username="juror1", first_name="Juror1")


@pytest.fixture
def competition(home):
    return CompetitionPageFactory(
        parent=CompetitionIndexPageFactory(parent=home),
        artwork=True,
        title_sq="Historitë 2026",
        title_en="Untold Stories 2026",
        slug_sq="art3",
        slug_en="art3",
    )


@pytest.fixture
def open_round(competition, juror, moderator):
    """A round open for `juror` (chair too) with three approved entries on their list, built as
    the jury's tests build theirs (tests/jury/conftest.py)."""
    for seed in range(3):
        make_entry(competition, seed)
    jury = JuryFactory(competition=competition, chair=juror, jurors=[juror])
    round = make_round(jury, name_en="Selection", name_sq="Përzgjedhja")
    jury_services.open_round(round, by=moderator)
    return round


@pytest.fixture
def device_of():
    """`device_of(user)`: the user's confirmed authenticator app."""
    return lambda user: TOTPDeviceFactory(user=user)
