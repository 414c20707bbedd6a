"""Fixtures shared by the whole suite."""

import io

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.models import Page, Site

from website import demo
from website.models import CustomImage, HomePage, SiteSettings


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def make_image_file(name="test.png", size=(64, 48), color=(30, 90, 160), fmt="PNG"):
    """A real image file made by Pillow."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format=fmt)
    buffer.seek(0)
    return ImageFile(buffer, name=name)


@pytest.fixture
def image(db):
    return CustomImage.objects.create(
        title="Test image",
        file=make_image_file(),
        alt_text_sq="Një imazh prove",
        alt_text_en="A test image",
        credit="UNICEF",
    )


@pytest.fixture
def home(db):
    """The site's HomePage, built the way `load_demo` builds it, without the demo extras."""
    page = demo.get_or_create_home()
    site = Site.objects.get(is_default_site=True)
    site.hostname = "testserver"
    site.port = 80
    site.save()
    return page


@pytest.fixture
def site_settings(db):
    demo.load_site_settings()
    return SiteSettings.load()


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


__all__ = ["HomePage", "make_image_file"]
