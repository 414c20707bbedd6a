"""Fixtures shared by the whole suite."""

import pytest
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from wagtail.models import Collection, Page, Site

from accounts import verification
from tests.factories import CustomImageFactory
from tests.factories.accounts import TOTPDeviceFactory
from website import demo
from website.models import SiteSettings


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _second_factor_given(sender, request, user, **kwargs):
    device = TOTPDeviceFactory._meta.model.objects.filter(user=user, confirmed=True).first()
    verification.mark_verified(request, device or TOTPDeviceFactory(user=user), user=user)


@pytest.fixture(autouse=True)
def _signed_in_with_second_factor(request):
    """Every sign-in in a test (`client.force_login`, the login forms in browser tests) counts
    as having given the second factor: an authenticator app is made for the user and the session
    is verified, as after typing its code. Tests of two-factor sign-in itself are marked
    `@pytest.mark.second_factor` and go through the real enrolment and verification."""
    if request.node.get_closest_marker("second_factor"):
        yield
        return
    user_logged_in.connect(_second_factor_given, dispatch_uid="tests-second-factor")
    yield
    user_logged_in.disconnect(dispatch_uid="tests-second-factor")


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
