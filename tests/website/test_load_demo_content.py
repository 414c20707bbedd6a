"""`manage.py load_demo` builds the site core, and a second run gives the same tree.

Both tests read one pair of runs (the full load takes seconds): the module's fixture runs it
twice on the database as the module finds it, and keeps what the first run printed and made;
its rows are undone after the module (tests/database.py `kept_for_a_module`)."""

import pytest
from wagtail.models import Site

from tests.database import kept_for_a_module
from website import demo
from website.models import HomePage, Municipality, Partner, Region, SiteSettings, User

from .demo_tree import content_counts, load_demo, page_tree

# One worker runs both tests: the module's load is made once (`make test`'s --dist loadgroup).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("load_demo_content")]


@pytest.fixture(scope="module")
def loaded_twice(django_db_setup, django_db_blocker):
    """(what the first run printed, its page tree, its content counts), after two runs."""
    with kept_for_a_module(django_db_blocker):
        output = load_demo()
        first = (output, page_tree(), content_counts())
        load_demo()
        yield first


def test_load_demo_twice_gives_the_same_tree(loaded_twice):
    _output, first_tree, first_counts = loaded_twice

    assert page_tree() == first_tree
    assert content_counts() == first_counts


def test_load_demo_builds_the_site_core(loaded_twice):
    output, tree, _counts = loaded_twice

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
