"""Campaign fixtures: the taxonomy and a campaign index."""

import pytest

from tests.factories.campaigns import CampaignIndexPageFactory
from website.demo import load_taxonomy


@pytest.fixture
def taxonomy(db):
    load_taxonomy()


@pytest.fixture
def campaign_index(home):
    return CampaignIndexPageFactory(parent=home)
