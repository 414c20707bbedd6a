import pytest

from tests.factories import member_of
from tests.factories.bulletins import BulletinIndexPageFactory, BulletinPageFactory, own_item


@pytest.fixture
def bulletin(home, site_settings):
    """A published issue with three news items (3, 11 and 17 December), in the archive."""
    return BulletinPageFactory(
        parent=BulletinIndexPageFactory(parent=home), items=[own_item(n) for n in (3, 11, 17)]
    )


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
