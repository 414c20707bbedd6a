"""Fixtures shared by the whole suite."""

import pytest
from django.core.cache import cache
from wagtail.models import Collection, Page, Site

from tests.factories import CustomImageFactory
from website import demo
from website.models import SiteSettings


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def image(db):
    """An image with alt text in both languages and a credit, in the root collection."""
    return CustomImageFactory(title="Test image", collection=Collection.get_first_root_node())


@pytest.fixture
def home(db):
    """The site's HomePage, built the way `load_demo` builds it (its introduction and body
    included), without the demo extras; the default site points to it on testserver."""
    page = demo.get_or_create_home()
    site = Site.objects.get(is_default_site=True)
    site.hostname = "testserver"
    site.port = 80
    site.save()
    return page


@pytest.fixture
def site_settings(db):
    """The site settings as `load_demo` fills them (the default help lines, a contact address)."""
    demo.load_site_settings()
    return SiteSettings.load()


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()
