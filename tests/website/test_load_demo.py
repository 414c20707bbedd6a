"""`manage.py load_demo`: `--if-empty`, and demo accounts only with DEBUG on, passwords shown once.
The content it loads, and a second run: test_load_demo_content.py."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings

from website import demo
from website.management.commands import load_demo as load_demo_command
from website.models import HomePage, User

from .demo_tree import load_demo, page_tree

pytestmark = pytest.mark.django_db


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
