"""`manage.py load_demo`: idempotent, and demo accounts only with DEBUG on, passwords shown once."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, Site

from website import demo
from website.management.commands import load_demo as load_demo_command
from website.models import (
    HomePage,
    Municipality,
    Partner,
    Region,
    SiteSettings,
    Topic,
    User,
)

pytestmark = pytest.mark.django_db


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def page_tree():
    return [
        (page.depth, page.slug_sq, page.slug_en, page.title_en, page.specific_class.__name__)
        for page in Page.objects.order_by("path")
    ]


def content_counts():
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "partners": Partner.objects.count(),
        "topics": Topic.objects.count(),
        "regions": Region.objects.count(),
        "municipalities": Municipality.objects.count(),
        "site settings": SiteSettings.objects.count(),
        "sites": Site.objects.count(),
        "help lines": len(SiteSettings.load().help_lines),
        "users": User.objects.count(),
    }


def test_load_demo_twice_gives_the_same_tree():
    load_demo()
    first_tree, first_counts = page_tree(), content_counts()

    load_demo()

    assert page_tree() == first_tree
    assert content_counts() == first_counts


def test_load_demo_builds_the_site_core():
    output = load_demo()

    tree = page_tree()
    assert tree[:2] == [
        (1, None, None, None, "Page"),
        (2, "ballina", "home", "Together against human trafficking", "HomePage"),
    ]
    assert (
        3,
        "programi-ne-nje-veshtrim",
        "programme-at-a-glance",
        "Programme at a glance",
        "StandardPage",
    ) in tree
    assert Site.objects.get().root_page.specific_class is HomePage
    core_partners = Partner.objects.filter(short_name__in=[row[2] for row in demo.PARTNERS])
    assert core_partners.count() == 8
    assert list(
        core_partners.filter(is_consortium_member=True).values_list("short_name", flat=True)
    ) == [
        "UNICEF",
        "OSCE",
        "TdH",
        "D&E",
        "VATRA",
        "TV",
    ]
    assert Region.objects.filter(is_programme_area=True).count() == 4
    assert Municipality.objects.filter(is_programme_area=True).count() == 17
    assert [line.number for line in SiteSettings.load().get_help_lines()] == [
        "129",
        "116 006",
        "ALO 116 111",
        "nukjevetem.al",
    ]
    assert "Demo content loaded." in output
    # Tests run with DEBUG off: no demo accounts.
    assert User.objects.count() == 0
    assert output.strip().splitlines()[-1] == "DEBUG is off: no demo accounts."


def test_load_demo_if_empty_leaves_an_existing_site_alone(home):
    home.title_en = "Edited"
    home.save_revision().publish()
    pages_before = page_tree()

    output = load_demo("--if-empty")

    assert output.splitlines()[0] == "Demo content already loaded."
    assert page_tree() == pages_before
    assert HomePage.objects.get().title_en == "Edited"


@pytest.fixture
def home_only(monkeypatch):
    """load_demo with the home page as its only content: for the tests of the demo accounts,
    which do not depend on the content (the full load takes seconds)."""
    monkeypatch.setattr(demo, "load", lambda stdout: demo.get_or_create_home())
    monkeypatch.setattr(load_demo_command, "local_app_modules", lambda name, exclude=(): [])


@override_settings(DEBUG=True)
def test_app_demos_run_after_the_demo_accounts_exist(home_only, monkeypatch):
    """The apps' demos act as the demo staff (the exhibition's checklist is ticked by the demo
    moderator), so the accounts are made first."""
    seen = []

    class AppDemo:
        @staticmethod
        def load(home, stdout):
            seen.append(sorted(User.objects.values_list("username", flat=True)))

    monkeypatch.setattr(load_demo_command, "local_app_modules", lambda name, exclude=(): [AppDemo])

    load_demo()

    assert seen == [["admin", "editor", "juror", "moderator", "publisher", "safeguarding"]]


PASSWORD_LINE = re.compile(r"^  (\w+)\s+(\(see below\)|\S+)\s+(.+)$")


def printed_logins(output):
    """{username: (printed password, role)} from the demo logins block."""
    logins = {}
    for line in output.splitlines():
        match = PASSWORD_LINE.match(line)
        if match and match.group(1) in {name for name, _g, _s in demo.DEMO_ROLES}:
            logins[match.group(1)] = (match.group(2), match.group(3))
    return logins


@override_settings(DEBUG=True)
def test_load_demo_with_debug_creates_one_account_per_role_and_prints_passwords_once(home_only):
    output = load_demo()

    logins = printed_logins(output)
    assert {name: role for name, (_password, role) in logins.items()} == {
        "admin": "Administrator",
        "editor": "Editors",
        "publisher": "Publishers",
        "moderator": "Competition moderators",
        "safeguarding": "Safeguarding officers",
        "juror": "Jurors",
    }
    for username, (password, _role) in logins.items():
        user = User.objects.get(username=username)
        assert user.check_password(password), username
    assert User.objects.get(username="admin").is_superuser is True
    assert {
        user.username: [group.name for group in user.groups.all()]
        for user in User.objects.exclude(username="admin")
    } == {
        "editor": ["Editors"],
        "publisher": ["Publishers"],
        "moderator": ["Competition moderators"],
        "safeguarding": ["Safeguarding officers"],
        "juror": ["Jurors"],
    }
    assert "These passwords are printed once and stored nowhere else." in output


@override_settings(DEBUG=True)
def test_load_demo_again_does_not_print_or_change_existing_passwords(home_only):
    first = printed_logins(load_demo())
    hashes = dict(User.objects.values_list("username", "password"))

    second_output = load_demo()

    assert {
        name: password for name, (password, _r) in printed_logins(second_output).items()
    } == dict.fromkeys(first, "(see below)")
    for _name, (password, _role) in first.items():
        assert password not in second_output
    assert dict(User.objects.values_list("username", "password")) == hashes
    assert "load_demo --reset-passwords" in second_output


@override_settings(DEBUG=True)
def test_load_demo_prints_only_the_passwords_of_accounts_it_creates(home_only):
    User.objects.create_user(username="editor", password="kept-by-its-owner-123")

    output = load_demo()

    logins = printed_logins(output)
    assert logins["editor"][0] == "(see below)"
    assert "kept-by-its-owner-123" not in output
    assert User.objects.get(username="editor").check_password("kept-by-its-owner-123")
    assert logins["juror"][0] != "(see below)"
    assert User.objects.get(username="juror").groups.get() == Group.objects.get(name="Jurors")


@override_settings(DEBUG=True)
def test_reset_passwords_prints_new_working_passwords(home_only):
    old = printed_logins(load_demo())

    output = load_demo("--reset-passwords")

    new = printed_logins(output)
    assert set(new) == set(old)
    for username, (password, _role) in new.items():
        assert password != old[username][0]
        assert User.objects.get(username=username).check_password(password)
