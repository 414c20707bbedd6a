"""Fixtures of the competitions' tests: pages and users from the factories, and `submit`, which
sends an entry through the real submission service (for tests of what a submission does)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from competitions import services
from tests.factories import UserFactory, member_of
from tests.factories.competitions import (
    CompetitionIndexPageFactory,
    CompetitionPageFactory,
    birthday_for_age,
    cleaned_jpeg,
    jpeg_bytes,
)

__all__ = ["jpeg_bytes"]


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def adult_birthday():
    return birthday_for_age(20)


def minor_birthday():
    return birthday_for_age(16)


@pytest.fixture
def index(home):
    return CompetitionIndexPageFactory(parent=home)


@pytest.fixture
def photo(index):
    return CompetitionPageFactory(
        parent=index,
        title_sq="Fotografia",
        title_en="Photography",
        slug_sq="foto",
        slug_en="photo",
    )


@pytest.fixture
def story(index):
    return CompetitionPageFactory(
        parent=index,
        story=True,
        title_sq="Tregime",
        title_en="Short stories",
        slug_sq="tregim",
        slug_en="story",
    )


def entry_data(**overrides):
    data = {
        "full_name": "Ana Hoxha",
        "email": "ana@example.com",
        "date_of_birth": adult_birthday(),
        "country": "XK",
        "municipality": None,
        "message_language": "en",
        "credit": "pen_name",
        "pen_name": "Drita",
        "title": "Drita",
        "description": "Një rrugë në mbrëmje.",
        "content_warning": "",
        **{f"declare_{key}": True for key in services.DECLARATION_FIELDS},
    }
    data.update(overrides)
    return data


def submit(competition, token="tok-1", image=True, **overrides):  # noqa: S107
    """An entry sent through `services.submit_entry`, as the entry form sends it."""
    cleaned = cleaned_jpeg() if image else None
    entry, _created = services.submit_entry(
        competition=competition, data=entry_data(**overrides), form_token=token, image=cleaned
    )
    return entry


def staff(username, group):
    return member_of(group, username=username, email=f"{username}@example.com")


@pytest.fixture
def moderator(db):
    return staff("moderator", "Competition moderators")


@pytest.fixture
def officer(db):
    return staff("officer", "Safeguarding officers")


@pytest.fixture
def editor(db):
    return staff("editor", "Editors")


@pytest.fixture
def publisher(db):
    return staff("publisher", "Publishers")


@pytest.fixture
def juror(db):
    return staff("juror", "Jurors")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", email="root@example.com", superuser=True)


@pytest.fixture(autouse=True)
def _english():
    """Tests read messages in English unless a request picks another language."""
    with translation.override("en"):
        yield
