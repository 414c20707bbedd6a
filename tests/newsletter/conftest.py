import pytest

from tests.factories import member_of
from tests.factories.newsletter import BulletinIndexPageFactory, BulletinPageFactory


@pytest.fixture
def bulletin(home, site_settings):
    """A published issue with three news items, in the bulletin archive."""
    return BulletinPageFactory(parent=BulletinIndexPageFactory(parent=home))


@pytest.fixture
def publisher(db):
    return member_of("Publishers", username="pub")


@pytest.fixture
def editor(db):
    return member_of("Editors", username="ed")


@pytest.fixture
def fast_sending(settings):
    settings.NEWSLETTER_SEND_RATE = None
    settings.NEWSLETTER_RETRY_DELAY = 0
    settings.NEWSLETTER_BATCH_SIZE = 7
    return settings
