"""Campaign fixtures: an index page and a maker for campaigns."""

import datetime

import pytest

from campaigns.models import CampaignActivity, CampaignIndexPage, CampaignPage
from website.demo import load_taxonomy


def make_index(home):
    index = CampaignIndexPage(
        title_sq="Fushata",
        title_en="Campaigns",
        slug="fushata",
        slug_sq="fushata",
        slug_en="campaigns",
        intro_sq="Fushatat tona.",
        intro_en="Our campaigns.",
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_campaign(index, slug, *, start, end=None, activities=0, **fields):
    defaults = {
        "title_sq": f"Fushata {slug}",
        "title_en": f"Campaign {slug}",
        "summary_sq": f"Përmbledhje {slug}",
        "summary_en": f"Summary {slug}",
    }
    defaults.update(fields)
    page = CampaignPage(
        slug=f"{slug}-sq",
        slug_sq=f"{slug}-sq",
        slug_en=f"{slug}-en",
        start_date=start,
        end_date=end,
        **defaults,
    )
    index.add_child(instance=page)
    for number in range(activities):
        CampaignActivity.objects.create(
            page=page,
            sort_order=number,
            date=start + datetime.timedelta(days=number),
            place_sq=f"Vendi {number}",
            place_en=f"Place {number}",
            description_sq=f"Takim {number}",
            description_en=f"Meeting {number}",
            people_reached=10,
        )
    page.save_revision().publish()
    return CampaignPage.objects.get(pk=page.pk)


@pytest.fixture
def taxonomy(db):
    load_taxonomy()


@pytest.fixture
def campaign_index(home):
    return make_index(home)
