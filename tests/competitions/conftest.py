import io
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from competitions import services
from competitions.enums import CompetitionKind
from competitions.images import clean_image
from competitions.models import CompetitionIndexPage, CompetitionPage


def jpeg_bytes(size=(1200, 900), color=(200, 40, 40), exif=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, format="JPEG", **kwargs)
    return buffer.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def add_page(parent, model, slug, **fields):
    page = model(
        title=slug, title_sq=slug, title_en=slug, slug=slug, slug_sq=slug, slug_en=slug, **fields
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


@pytest.fixture
def index(home):
    return add_page(home, CompetitionIndexPage, "konkurse")


def make_competition(index, kind=CompetitionKind.PHOTO, slug="foto", **fields):
    now = timezone.now()
    defaults = {
        "kind": kind,
        "edition": 3,
        "opens_at": now - timedelta(days=10),
        "deadline": now + timedelta(days=10),
        "min_image_side": 100,
        "story_min_words": 5,
        "story_max_words": 50,
    }
    defaults.update(fields)
    return add_page(index, CompetitionPage, slug, **defaults)


@pytest.fixture
def photo(index):
    return make_competition(index)


@pytest.fixture
def story(index):
    return make_competition(index, kind=CompetitionKind.STORY, slug="tregim")


def adult_birthday():
    return date(timezone.localdate().year - 20, 1, 1)


def minor_birthday():
    return date(timezone.localdate().year - 16, 1, 1)


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
        "declare_non_professional": True,
        "declare_own_work": True,
        "declare_people_agreed": True,
        "declare_rules_read": True,
        "declare_licence": True,
    }
    data.update(overrides)
    return data


def submit(competition, token="tok-1", image=True, **overrides):  # noqa: S107
    cleaned = clean_image(io.BytesIO(jpeg_bytes()), max_bytes=10**7) if image else None
    entry, _created = services.submit_entry(
        competition=competition, data=entry_data(**overrides), form_token=token, image=cleaned
    )
    return entry


def make_user(username, group=None, superuser=False):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password="x", is_superuser=superuser
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderator(db):
    return make_user("moderator", "Competition moderators")


@pytest.fixture
def officer(db):
    return make_user("officer", "Safeguarding officers")


@pytest.fixture
def editor(db):
    return make_user("editor", "Editors")


@pytest.fixture
def juror(db):
    return make_user("juror", "Jurors")


@pytest.fixture(autouse=True)
def _english():
    """Tests read messages in English unless a request picks another language."""
    from django.utils import translation

    with translation.override("en"):
        yield
