"""What a change purges (website/purge.py), recorded by a stand-in backend: no front needed."""

import datetime

import pytest
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from tests.factories import CustomImageFactory, PartnerFactory, StandardPageFactory
from tests.factories.stories import StoryIndexPageFactory, StoryPageFactory, StoryYearPageFactory
from website import purge

pytestmark = pytest.mark.django_db

T = "http://testserver"


class RecordingBackend(BaseBackend):
    batches = []

    def purge_batch(self, urls):
        self.batches.append(sorted(urls))


@pytest.fixture
def purged(settings):
    RecordingBackend.batches = []
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    return RecordingBackend.batches


@pytest.fixture
def story(home):
    index = StoryIndexPageFactory(parent=home)
    folder = StoryYearPageFactory(parent=index, year=2020)
    return StoryPageFactory(
        parent=folder,
        key="takimi",
        title_sq="Takimi",
        title_en="The meeting",
        slug_sq="takimi",
        slug_en="meeting",
        date=datetime.date(2020, 11, 17),
        summary_sq="Përmbledhje",
        summary_en="Summary",
    )


STORY_URLS = [
    f"{T}/en/",
    f"{T}/en/stories/",
    f"{T}/en/stories/2020/",
    f"{T}/en/stories/2020/meeting/*",
    f"{T}/en/stories/feed/",
    f"{T}/sitemap.xml",
    f"{T}/sq/",
    f"{T}/sq/histori/",
    f"{T}/sq/histori/2020/",
    f"{T}/sq/histori/2020/takimi/*",
    f"{T}/sq/histori/feed/",
]


def test_publish_purges_page_ancestors_feeds_and_sitemap_in_both_languages(
    story, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    assert purged == [STORY_URLS]


def test_unpublish_purges_the_same(story, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()

    assert purged == [STORY_URLS]


def test_delete_purges_the_same(story, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story.delete()

    # Wagtail unpublishes a live page before deleting it: two signals, the same URLs twice.
    assert purged == [STORY_URLS, STORY_URLS]


def test_move_purges_old_and_new_addresses(home, story, purged, django_capture_on_commit_callbacks):
    other = StoryYearPageFactory(parent=story.get_parent().get_parent(), year=2021)
    purged.clear()

    with django_capture_on_commit_callbacks(execute=True):
        story.move(other, pos="last-child")

    assert sorted({url for batch in purged for url in batch}) == sorted(
        [
            *STORY_URLS,
            f"{T}/en/stories/2021/",
            f"{T}/en/stories/2021/meeting/*",
            f"{T}/sq/histori/2021/",
            f"{T}/sq/histori/2021/takimi/*",
        ]
    )


def test_pages_that_link_to_a_page_are_purged_with_it(home, story, purged):
    linking = StandardPageFactory(
        parent=home,
        slug_sq="lidhje",
        slug_en="links",
        body=[("paragraph", f'<p><a linktype="page" id="{story.pk}">Takimi</a></p>')],
    )

    urls = purge.page_urls(story)

    assert {f"{T}/sq/lidhje/", f"{T}/en/links/"} <= urls
    assert linking.live is True


def test_site_settings_or_a_snippet_change_purges_everything(
    home, site_settings, purged, django_capture_on_commit_callbacks
):
    partner = PartnerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
        partner.save()

    assert purged == [[f"{T}/*"], [f"{T}/*"]]


def test_new_or_deleted_snippet_purges_everything(home, purged, django_capture_on_commit_callbacks):
    # A new consortium member shows in the footer of every page without anyone choosing it.
    with django_capture_on_commit_callbacks(execute=True):
        partner = PartnerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        partner.delete()

    assert purged == [[f"{T}/*"], [f"{T}/*"]]


def test_new_image_purges_nothing(home, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        CustomImageFactory()

    assert purged == []


def test_nothing_purged_without_a_front(
    story, purged, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {}

    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    assert purged == []


class FakeResponse:
    status_code = 200

    def json(self):
        return {"success": True, "errors": []}

    def raise_for_status(self):
        return None


@pytest.fixture
def cloudflare(settings, monkeypatch):
    """Cloudflare's API, stood in for: the requests it would get."""
    sent = []

    def post(url, *, json, headers, timeout):
        sent.append((url, json, headers["Authorization"]))
        return FakeResponse()

    monkeypatch.setattr(purge.requests, "post", post)
    settings.WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "website.purge.CloudflareBackend",
            "ZONEID": "zone",
            "BEARER_TOKEN": "token",
        }
    }
    return sent


def test_cloudflare_purges_everything_through_its_api(
    home, cloudflare, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        purge.purge_everything()

    assert cloudflare == [
        (
            "https://api.cloudflare.com/client/v4/zones/zone/purge_cache",
            {"purge_everything": True},
            "Bearer token",
        )
    ]


def test_cloudflare_purges_a_page_by_its_exact_urls(
    story, cloudflare, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        purge.purge_page(story)

    assert cloudflare == [
        (
            "https://api.cloudflare.com/client/v4/zones/zone/purge_cache",
            {"files": sorted(url.removesuffix("*") for url in STORY_URLS)},
            "Bearer token",
        )
    ]
