"""Wagtail's admin pages carry no inline script, so the admin's policy can keep
`script-src 'self'` (website/wagtail_hooks.py, website/templates/wagtailadmin/,
static/website/js/admin-csp.js). A Wagtail upgrade that brings one back fails here."""

import json

import pytest
from bs4 import BeautifulSoup

from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.website import UserFactory

pytestmark = pytest.mark.django_db

DATA_TYPES = {"application/json", "application/ld+json"}


def inline_scripts(response):
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return [
        script.get_text()[:60]
        for script in page.find_all("script")
        if not script.get("src") and script.get("type") not in DATA_TYPES
    ]


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(superuser=True))
    return client


@pytest.fixture
def campaign(home):
    index = CampaignIndexPageFactory(parent=home)
    return CampaignPageFactory(parent=index, activity_count=1)


def test_page_editor_with_inline_panels_choosers_and_date_pickers(admin_client, campaign):
    response = admin_client.get(f"/admin/pages/{campaign.pk}/edit/")

    assert response.status_code == 200
    assert inline_scripts(response) == []
    page = soup(response)
    choosers = page.select("[data-w-chooser-widget]")
    assert {chooser["data-w-chooser-widget"] for chooser in choosers} >= {
        "ImageChooser",
        "PageChooser",
    }
    assert all("modalUrl" in json.loads(c["data-w-chooser-options"]) for c in choosers)
    assert page.select("[data-w-inline-panel]")
    # The campaign's start and end dates.
    assert {picker["data-w-chooser-init"] for picker in page.select("[data-w-chooser-init]")} == {
        "initDateChooser"
    }
    settings_tag = page.select_one("script[data-model-translations]")
    assert json.loads(settings_tag["data-model-translations"])["languages"] == ["sq", "en"]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/pages/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
        "/admin/users/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/workflows/add/",
    ],
)
def test_admin_pages_have_no_inline_script(admin_client, home, url):
    response = admin_client.get(url)

    assert response.status_code == 200
    assert inline_scripts(response) == []


def test_admin_pages_load_the_script_that_replaces_them(admin_client, home):
    response = admin_client.get("/admin/reports/aging-pages/")

    sources = [script.get("src", "") for script in soup(response).find_all("script")]
    assert any(source.endswith("website/js/admin-csp.js") for source in sources)
