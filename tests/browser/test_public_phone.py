"""The public pages on a phone (360×740): a header that leaves room for the page, a menu and a
help-line strip that open without JavaScript, tel: links, and a filter that lands on its results."""

import io

import pytest

from directory import demo as directory_demo
from directory.enums import ServiceKind
from directory.models import Organisation, Service
from tests.factories.stories import StoryIndexPageFactory, StoryPageFactory, StoryYearPageFactory
from website import demo
from website.models import Municipality, Region, Topic

from .conftest import PHONE, phone_page

pytestmark = pytest.mark.browser


@pytest.fixture
def phone_without_js(browser):
    context, page = phone_page(browser, java_script_enabled=False)
    yield page
    context.close()


@pytest.fixture
def directory_site(live_site):
    """The live site with the demo's help directory (services and regions come back: the live
    server's flush removed what the migrations made)."""
    demo.load_taxonomy()
    for order, kind in enumerate(ServiceKind):
        Service.objects.get_or_create(code=kind.value, defaults={"sort_order": order})
    directory_demo.load(demo.get_or_create_home(), io.StringIO())
    return live_site


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_phone_header_leaves_the_first_heading_in_the_first_screen(phone, live_site):
    phone.goto(live_site + "/sq/")

    header = box(phone, ".site-header")
    heading = box(phone, "main h1")
    assert header["height"] <= 72
    assert heading["y"] + heading["height"] <= PHONE["viewport"]["height"] / 2
    # Search and menu wait behind their buttons; the language switch is one tap.
    assert phone.locator(".site-nav").is_hidden()
    assert phone.locator("#site-search-q").is_hidden()
    assert phone.locator(".language-switcher a[hreflang=en]").is_visible()


@pytest.mark.parametrize("page_fixture", ["phone", "phone_without_js"])
def test_phone_menu_and_search_open_with_or_without_javascript(request, live_site, page_fixture):
    page = request.getfixturevalue(page_fixture)
    page.goto(live_site + "/en/")

    page.click(".site-header__menu summary")

    links = page.locator(".site-nav a")
    assert links.first.is_visible()
    assert "Programme at a glance" in links.all_inner_texts()
    page.click(".site-header__search summary")
    assert page.locator("#site-search-q").is_visible()


def test_help_strip_is_one_line_that_opens_on_every_help_line(phone, live_site):
    phone.goto(live_site + "/sq/")

    strip = box(phone, ".help-strip")
    assert strip["height"] <= 50
    quick = phone.locator(".help-strip__quick a")
    assert quick.evaluate_all("links => links.map((a) => a.getAttribute('href'))") == [
        "tel:129",
        "tel:116006",
    ]
    assert quick.first.is_visible()
    assert phone.locator(".help-strip__list").is_hidden()

    phone.click(".help-strip summary")

    lines = phone.locator(".help-strip__list a")
    assert lines.first.is_visible()
    assert lines.evaluate_all("links => links.map((a) => a.getAttribute('href'))") == [
        "tel:129",
        "tel:116006",
        "tel:116111",
        "https://nukjevetem.al",
    ]


def test_wide_screen_shows_menu_search_and_help_lines_without_a_click(page, live_site):
    page.goto(live_site + "/en/")

    assert page.locator(".site-nav a").first.is_visible()
    assert page.locator("#site-search-q").is_visible()
    assert page.locator(".help-strip__list a").first.is_visible()
    assert page.locator(".site-header__menu summary").is_hidden()


def test_directory_filter_lands_on_and_focuses_its_results(phone, directory_site):
    phone.goto(directory_site + "/sq/ku-te-gjesh-ndihme/")
    urgent = phone.locator(".directory__urgent a")
    assert urgent.evaluate_all("links => links.map((a) => a.getAttribute('href'))") == [
        "tel:129",
        "tel:116006",
    ]

    phone.select_option("#filter-region", "shkoder")
    with phone.expect_navigation():
        phone.click(".directory-filters button")

    assert phone.url.endswith("?service=&region=shkoder#results")
    assert phone.evaluate("document.activeElement.id") == "results"
    results = box(phone, "#results")
    assert 0 <= results["y"] < PHONE["viewport"]["height"] / 2
    shown = phone.locator(".organisation").count()
    assert 0 < shown < Organisation.objects.count()
    assert phone.locator(".directory__count").inner_text() == f"{shown} organizata"
    contacts = phone.locator(".organisation").evaluate_all(
        "items => items.map((item) => item.querySelectorAll('.organisation__contact a').length)"
    )
    assert contacts and min(contacts) >= 1


def test_phone_pages_pass_axe_with_the_menu_and_help_lines_open(
    phone, directory_site, axe_violations
):
    for path in ("/sq/", "/en/find-help/?region=diber#results"):
        phone.goto(directory_site + path)
        phone.click(".help-strip summary")
        phone.click(".site-header__menu summary")

        assert axe_violations(phone) == [], path


def test_story_tags_say_what_they_are(phone, live_site):
    demo.load_taxonomy()
    index = StoryIndexPageFactory(parent=demo.get_or_create_home())
    folder = StoryYearPageFactory(parent=index, year=2020)
    story = StoryPageFactory(parent=folder, key="diber")
    story.topics.set(Topic.objects.filter(slug="prevention"))
    story.regions.set(Region.objects.filter(slug="diber"))
    story.municipalities.set(Municipality.objects.filter(slug="diber"))
    story.save_revision().publish()

    phone.goto(live_site + story.url)

    tags = phone.locator(".story__tags .tag")
    assert [text.split() for text in tags.all_inner_texts()] == [
        ["TEMA", "Parandalim"],
        ["QARKU", "Dibër"],
        ["BASHKIA", "Dibër"],
    ]
    region_link = phone.locator(".tag--region a").get_attribute("href")
    assert region_link.endswith("?region=diber#results")
