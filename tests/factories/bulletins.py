"""Factories of the bulletins app: the archive and its issues, and a news item written in the
issue (`own_item`). Items are StreamField data: `[("story", {"story": story}), own_item(11)]`."""

import datetime

import factory

from bulletins.models import BulletinIndexPage, BulletinPage
from tests.factories.website import TranslatedPageFactory


def own_item(n, *, image=None, url="https://example.org/full"):
    """A news item written in the issue itself, dated December `n`, 2020."""
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


class BulletinIndexPageFactory(TranslatedPageFactory):
    """The bulletin archive under `parent` (got when it exists)."""

    class Meta:
        model = BulletinIndexPage
        django_get_or_create = ("slug_sq", "parent")

    title_sq = "Buletini"
    title_en = "Bulletin"
    slug_sq = "buletini"
    slug_en = "bulletin"


class BulletinPageFactory(TranslatedPageFactory):
    class Meta:
        model = BulletinPage

    title_sq = "Buletini elektronik: nëntor–dhjetor 2020"
    title_en = "e-Bulletin: November–December 2020"
    number = 6
    slug_sq = factory.LazyAttribute(lambda issue: f"nentor-dhjetor-2020-{issue.number}")
    slug_en = factory.LazyAttribute(lambda issue: f"november-december-2020-{issue.number}")
    period_label_sq = "Nëntor–Dhjetor 2020"
    period_label_en = "November–December 2020"
    issue_date = datetime.date(2020, 12, 30)
    masthead_intro_sq = "Lajmet e dy muajve të fundit."
    masthead_intro_en = "The news of the last two months."
    items = factory.LazyFunction(list)
