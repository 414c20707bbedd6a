"""Factories of the campaigns app: the index, campaigns and what hangs on a campaign.

    campaign = CampaignPageFactory(parent=index, key="vera", start_date=today, activity_count=3)

A campaign's `key` makes its slugs (`<key>-sq`, `<key>-en`), titles and summaries;
`activity_count` gives it that many activities (one a day from its start, 10 people each).
"""

import datetime

import factory

from campaigns.models import (
    CampaignActivity,
    CampaignDocument,
    CampaignIndexPage,
    CampaignPage,
    CampaignStoryLink,
)
from tests.factories.resources import CustomDocumentFactory
from tests.factories.website import TranslatedPageFactory


def activities(page_start, count):
    """`count` unsaved activities, one a day from `page_start` (saved with their campaign)."""
    return [
        CampaignActivity(
            sort_order=number,
            date=page_start + datetime.timedelta(days=number),
            place_sq=f"Vendi {number}",
            place_en=f"Place {number}",
            description_sq=f"Takim {number}",
            description_en=f"Meeting {number}",
            people_reached=10,
        )
        for number in range(count)
    ]


class CampaignIndexPageFactory(TranslatedPageFactory):
    """The campaign index under `parent` (got when it exists)."""

    class Meta:
        model = CampaignIndexPage
        django_get_or_create = ("slug_sq", "parent")

    title_sq = "Fushata"
    title_en = "Campaigns"
    slug_sq = "fushata"
    slug_en = "campaigns"
    intro_sq = "Fushatat tona."
    intro_en = "Our campaigns."


class CampaignPageFactory(TranslatedPageFactory):
    class Meta:
        model = CampaignPage

    class Params:
        key = factory.Sequence(lambda n: f"campaign-{n}")
        activity_count = 0

    title_sq = factory.LazyAttribute(lambda page: f"Fushata {page.key}")
    title_en = factory.LazyAttribute(lambda page: f"Campaign {page.key}")
    slug_sq = factory.LazyAttribute(lambda page: f"{page.key}-sq")
    slug_en = factory.LazyAttribute(lambda page: f"{page.key}-en")
    summary_sq = factory.LazyAttribute(lambda page: f"Përmbledhje {page.key}")
    summary_en = factory.LazyAttribute(lambda page: f"Summary {page.key}")
    start_date = datetime.date(2020, 11, 25)
    activities = factory.LazyAttribute(
        lambda page: activities(page.start_date, page.activity_count)
    )


class CampaignActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignActivity

    page = None  # required: a CampaignPage
    sort_order = factory.Sequence(int)
    date = factory.LazyAttribute(lambda activity: activity.page.start_date)
    place_sq = "Kukës"
    place_en = "Kukës"
    description_sq = "Takim me të rinjtë."
    description_en = "A meeting with young people."
    people_reached = 10


class CampaignDocumentFactory(factory.django.DjangoModelFactory):
    """A document linked to a campaign: `CampaignDocumentFactory(page=…, document=…)`."""

    class Meta:
        model = CampaignDocument

    page = None
    document = factory.SubFactory(CustomDocumentFactory)
    sort_order = factory.Sequence(int)


class CampaignStoryLinkFactory(factory.django.DjangoModelFactory):
    """A story chosen for a campaign: `CampaignStoryLinkFactory(page=…, story=…)`."""

    class Meta:
        model = CampaignStoryLink

    page = None
    story = None
    sort_order = factory.Sequence(int)
