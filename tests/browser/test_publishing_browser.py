"""Publishing in a real browser: an editor writes a story in both languages and submits it, a
publisher approves it, readers find it; the directory's filters; axe-core on every page type."""

import importlib
import io

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from bulletins import demo as bulletins_demo
from bulletins.models import BulletinPage
from campaigns import demo as campaigns_demo
from campaigns.models import CampaignIndexPage, CampaignPage
from competitions import demo as competitions_demo
from competitions.models import CompetitionIndexPage, CompetitionPage
from directory import demo as directory_demo
from directory.models import DirectoryPage
from directory.queries import organisations
from resources import demo as resources_demo
from resources.models import ResourceIndexPage
from sitesearch import demo as sitesearch_demo
from stories import demo as stories_demo
from stories.models import StoryIndexPage, StoryPage
from tests.factories import UserFactory
from tests.factories.stories import StoryIndexPageFactory, StoryYearPageFactory
from website.demo import get_or_create_home, load_taxonomy
from website.models import HomePage, Region

pytestmark = pytest.mark.browser

PASSWORD = "Correct-horse-battery-7"
STORY = {
    "title_sq": "Takim me prindërit në Kukës",
    "title_en": "Meeting parents in Kukës",
    "summary_sq": "Prindërit mësuan si t'i mbrojnë fëmijët nga rreziqet në internet.",
    "summary_en": "Parents learned how to keep their children safe from risks online.",
    "slug_sq": "takim-me-prinderit-ne-kukes",
    "slug_en": "meeting-parents-in-kukes",
}


def rerun_data_migrations():
    """Roles, the "Review and publish" workflow and the directory's services come from data
    migrations, which the live server's flush between tests removes: make them again."""
    ContentType.objects.clear_cache()
    for module, function in [
        ("website.migrations.0003_roles_and_workflow", "create_roles"),
        ("directory.migrations.0002_services", "create_services"),
    ]:
        getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture
def site(live_site):
    rerun_data_migrations()
    load_taxonomy()
    return live_site, get_or_create_home()


@pytest.fixture
def year_folder(site):
    _base, home = site
    return StoryYearPageFactory(parent=StoryIndexPageFactory(parent=home), year=2020)


def log_in(browser, base, username):
    """A fresh browser (own cookies) logged in through the real login form."""
    context = browser.new_context(locale="sq-AL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert page.url == f"{base}/admin/"
    return page


def open_footer_actions(page):
    page.click("footer .w-dropdown-button [data-w-dropdown-target=toggle]")


def test_story_goes_from_editor_to_publisher_to_readers_in_both_languages(
    browser, site, year_folder
):
    base, _home = site
    UserFactory(username="redaktore", password=PASSWORD, groups=["Editors"])
    UserFactory(username="botuese", password=PASSWORD, groups=["Publishers"])

    # The editor writes the story in both languages and submits it for review.
    editor = log_in(browser, base, "redaktore")
    editor.goto(f"{base}/admin/pages/add/stories/storypage/{year_folder.pk}/")
    editor.fill("#id_title_sq", STORY["title_sq"])
    editor.fill("#id_date", "2020-12-04")
    editor.fill("#id_summary_sq", STORY["summary_sq"])
    # Both languages' fields are shown when the editor opens (SQ / EN hide one of them).
    editor.fill("#id_title_en", STORY["title_en"])
    editor.fill("#id_summary_en", STORY["summary_en"])
    # The tab holding the slugs: its id follows the admin's language ("#tab-promovimi" in Albanian).
    promote_tab = editor.locator("#id_slug_sq").evaluate("el => el.closest('[role=tabpanel]').id")
    editor.click(f"a[href='#{promote_tab}']")
    editor.fill("#id_slug_sq", STORY["slug_sq"])
    editor.fill("#id_slug_en", STORY["slug_en"])
    open_footer_actions(editor)
    with editor.expect_navigation():
        editor.click("button[name=action-submit]")

    story = StoryPage.objects.get(slug_sq=STORY["slug_sq"])
    assert (story.title_sq, story.title_en, story.live) == (
        STORY["title_sq"],
        STORY["title_en"],
        False,
    )
    assert story.current_workflow_state.status == "in_progress"
    assert editor.url == f"{base}/admin/pages/{year_folder.pk}/"

    # The publisher approves it: the workflow's only step, so the story goes live.
    publisher = log_in(browser, base, "botuese")
    publisher.goto(f"{base}/admin/pages/{story.pk}/edit/")
    open_footer_actions(publisher)
    with publisher.expect_navigation():
        publisher.click(
            "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
        )

    story.refresh_from_db()
    assert story.live is True
    assert story.get_latest_revision().content["summary_en"] == STORY["summary_en"]

    # Readers find it on the index in each language, and through the search box.
    reader = browser.new_context(locale="sq-AL").new_page()
    for index_path, title in [
        ("/sq/histori/", STORY["title_sq"]),
        ("/en/stories/", STORY["title_en"]),
    ]:
        reader.goto(base + index_path)
        assert reader.locator(".story-card__title").all_inner_texts() == [title]

    reader.goto(f"{base}/sq/")
    reader.fill("#site-search-q", "prindërit")
    with reader.expect_navigation():
        reader.press("#site-search-q", "Enter")
    assert reader.locator(".search-result__title").all_inner_texts() == [STORY["title_sq"]]

    reader.goto(f"{base}/en/")
    reader.fill("#site-search-q", "parents")
    with reader.expect_navigation():
        reader.press("#site-search-q", "Enter")
    assert reader.locator(".search-result__title").all_inner_texts() == [STORY["title_en"]]
    with reader.expect_navigation():
        reader.click(f"text={STORY['title_en']}")
    assert reader.url == f"{base}/en/stories/2020/{STORY['slug_en']}/"
    assert reader.inner_text("h1") == STORY["title_en"]


def test_reader_filters_the_directory_by_service_and_region(page, site):
    base, home = site
    directory_demo.load(home, io.StringIO())
    with translation.override("en"):
        region = Region.objects.get(slug="kukes")
        everyone = [o.name for o in organisations()]
        expected = [o.name for o in organisations(service="shelter", region=region)]
    assert 0 < len(expected) < len(everyone)

    page.goto(f"{base}/en/find-help/")
    assert page.locator(".organisation__name").all_inner_texts() == everyone
    page.select_option("#filter-service", "shelter")
    page.select_option("#filter-region", "kukes")
    with page.expect_navigation():
        page.click(".directory-filters button[type=submit]")

    assert page.url == f"{base}/en/find-help/?service=shelter&region=kukes#results"
    assert page.locator(".organisation__name").all_inner_texts() == expected
    assert page.input_value("#filter-service") == "shelter"
    assert page.input_value("#filter-region") == "kukes"


def load_publishing_demo(home):
    out = io.StringIO()
    for module in (
        stories_demo,
        bulletins_demo,
        campaigns_demo,
        directory_demo,
        resources_demo,
        sitesearch_demo,
        competitions_demo,
    ):
        module.load(home, out)


def public_urls():
    """One address of each public page type, alternating the two languages."""

    def url(model, code, suffix=""):
        with translation.override(code):
            return model.objects.live().order_by("pk").first().url + suffix

    with translation.override("sq"):
        quick_exit = reverse("quick_exit_info")
    with translation.override("en"):
        search = reverse("sitesearch:search") + "?q=trafficking"
    return {
        "home": url(HomePage, "sq"),
        "story index": url(StoryIndexPage, "en"),
        "story": url(StoryPage, "sq"),
        "bulletin": url(BulletinPage, "en"),
        "bulletin, both languages": url(BulletinPage, "sq", "both/"),
        "campaign index": url(CampaignIndexPage, "sq"),
        "campaign": url(CampaignPage, "en"),
        "directory": url(DirectoryPage, "sq", "?service=shelter&region=tirane"),
        "resources": url(ResourceIndexPage, "en"),
        "search results": search,
        "competition index": url(CompetitionIndexPage, "sq"),
        "competition": url(CompetitionPage, "en"),
        "quick exit": quick_exit,
        "404": "/sq/kjo-faqe-nuk-ekziston/",
    }


def test_every_public_page_type_passes_axe_core(page, site, axe_violations):
    base, home = site
    load_publishing_demo(home)
    urls = public_urls()

    statuses, problems = {}, {}
    for name, path in urls.items():
        response = page.goto(base + path)
        statuses[name] = response.status
        violations = axe_violations(page)
        if violations:
            problems[name] = violations

    assert statuses == {name: 404 if name == "404" else 200 for name in urls}
    assert problems == {}
