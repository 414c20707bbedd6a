"""Fixtures shared by the whole suite."""

import inspect
from functools import cache as once

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.db.migrations import RunPython
from django.db.migrations.loader import MigrationLoader
from django.utils import translation
from wagtail.models import Collection, Locale, Page, Site

from accounts import verification
from tests.database import django_db_setup, drop_template
from tests.demo_database import demo_database, shared_demo
from tests.factories import CustomImageFactory
from tests.factories.accounts import TOTPDeviceFactory
from tests.factories.website import once_per_object
from tests.mail.smtp_server import smtp_server, smtp_settings
from website import demo
from website.models import SiteSettings

# Fixtures of tests/mail/smtp_server.py, for every app, the test database migrated once for
# all xdist workers (tests/database.py) and the demo loaded once per run (tests/demo_database.py).
__all__ = ["demo_database", "django_db_setup", "shared_demo", "smtp_server", "smtp_settings"]


def pytest_sessionfinish(session):
    drop_template(session)


def pytest_configure(config):
    # pytest-xdist registers it; without xdist (`-p no:xdist`) --strict-markers needs it here.
    config.addinivalue_line("markers", "xdist_group(name): run on one xdist worker (loadgroup)")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """`--dist loadgroup` as pytest-xdist means it on pytest 9.2 too.

    pytest-xdist 3.8 tells its scheduler a test's group by renaming the test in `item._nodeid`
    (`<nodeid>@<group>`), which pytest 9.2 no longer reads (its node id lives in `item._id`):
    every group is silently ignored (pytest-dev/pytest-xdist#1386). The rename is carried over;
    nothing happens where xdist's rename took effect, or without loadgroup.
    """
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        renamed = getattr(item, "_nodeid", None)
        if renamed and renamed != item.nodeid and hasattr(item, "_id"):
            item._id = type(item._id).parse(renamed)


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
    included), without the demo extras; the default site points to it on testserver. Made in
    the default language: after a transactional test's flush it makes the tree root again, whose
    Albanian title must not be left blank by an English request earlier in the run."""
    return make_home()


def make_home():
    """What the `home` fixture gives, for fixtures of a wider scope."""
    with translation.override(settings.LANGUAGE_CODE), once_per_object():
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


@once
def _role_migrations():
    """The forward steps of our apps' data migrations that make the role groups and give them
    their permissions (website 0003 and each app's permission migration), in migration order."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    plan = dict.fromkeys(key for leaf in graph.leaf_nodes() for key in graph.forwards_plan(leaf))
    ours = {
        config.label
        for config in apps.get_app_configs()
        if config.path.startswith(str(settings.BASE_DIR)) and ".venv" not in config.path
    }
    return [
        operation.code
        for app_label, name in plan
        if app_label in ours
        for operation in graph.nodes[(app_label, name)].operations
        if isinstance(operation, RunPython)
        and 'get_model("auth", "Group")' in inspect.getsource(operation.code)
    ]


@pytest.fixture
def role_groups(db):
    """The role groups and their permissions, made again by the migrations' own functions when a
    transactional test's flush emptied the database (their rows go with every other;
    `serialized_rollback` cannot bring them back after a flush that made the content types again
    under other ids: IntegrityError on PostgreSQL). A no-op where they exist."""
    if Group.objects.exists():
        return
    with translation.override(settings.LANGUAGE_CODE):
        # What Wagtail's migrations make and the roles' page and collection permissions need.
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        if Page.get_first_root_node() is None:
            Page.add_root(instance=Page(title="Root", slug="root"))
    for make in _role_migrations():
        make(apps, None)
