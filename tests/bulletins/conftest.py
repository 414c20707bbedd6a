"""Bulletin fixtures: an archive with one issue mixing story items and items written here."""

import datetime

import pytest

from bulletins.models import BulletinIndexPage, BulletinPage
from tests.stories.conftest import make_index, make_story, make_year


def make_archive(home):
    archive = BulletinIndexPage(
        title_sq="Buletini",
        title_en="Bulletin",
        slug="buletini",
        slug_sq="buletini",
        slug_en="bulletin",
    )
    home.add_child(instance=archive)
    archive.save_revision().publish()
    return archive


def own_item(n, *, image=None, url="https://example.org/full"):
    return (
        "own",
        {
            "date": datetime.date(2020, 12, n),
            "headline_sq": f"Titulli {n}",
            "headline_en": f"Headline {n}",
            "summary_sq": f"Përmbledhja {n}",
            "summary_en": f"Summary {n}",
            "image": image,
            "url": url,
        },
    )


def make_issue(archive, items, *, number=6, issue_date=datetime.date(2020, 12, 30), slug=None):
    slug = slug or f"nentor-dhjetor-2020-{number}"
    issue = BulletinPage(
        title_sq="Buletini elektronik: nëntor–dhjetor 2020",
        title_en="e-Bulletin: November–December 2020",
        slug=slug,
        slug_sq=slug,
        slug_en=f"november-december-2020-{number}",
        period_label_sq="Nëntor–Dhjetor 2020",
        period_label_en="November–December 2020",
        number=number,
        issue_date=issue_date,
        masthead_intro_sq="Lajmet e dy muajve të fundit.",
        masthead_intro_en="The news of the last two months.",
        items=items,
    )
    archive.add_child(instance=issue)
    issue.save_revision().publish()
    return BulletinPage.objects.get(pk=issue.pk)


@pytest.fixture
def archive(home):
    return make_archive(home)


@pytest.fixture
def folder(home):
    return make_year(make_index(home), 2020)


@pytest.fixture
def review_story(folder, image):
    return make_story(
        folder,
        "rishikimi",
        date=datetime.date(2020, 11, 17),
        image=image,
        title_sq="Takimi i rishikimit afatmesëm",
        title_en="The mid-term review meeting",
        summary_sq="Partnerët e konsorciumit u takuan.",
        summary_en="The consortium partners met.",
    )


@pytest.fixture
def issue(archive, review_story, site_settings):
    return make_issue(archive, [("story", {"story": review_story}), own_item(11)])
