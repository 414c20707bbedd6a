import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, streamfield

from campaigns.enums import CallToAction, CampaignStatus
from campaigns.models import CampaignIndexPage, CampaignPage
from tests.admin_pages import create_page_in_admin, post_page_form
from tests.factories.campaigns import CampaignDocumentFactory, CampaignPageFactory
from tests.factories.directory import DirectoryPageFactory
from tests.factories.resources import CustomDocumentFactory
from website.models import Municipality, Partner, Region

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def days(number):
    return timezone.localdate() + datetime.timedelta(days=number)


def test_index_lists_running_then_upcoming_then_ended(client, campaign_index):
    CampaignPageFactory(
        parent=campaign_index, key="ended-long-ago", start_date=days(-90), end_date=days(-60)
    )
    CampaignPageFactory(
        parent=campaign_index, key="ended-yesterday", start_date=days(-30), end_date=days(-1)
    )
    CampaignPageFactory(
        parent=campaign_index, key="upcoming-later", start_date=days(30), end_date=days(40)
    )
    CampaignPageFactory(
        parent=campaign_index, key="upcoming-tomorrow", start_date=days(1), end_date=days(10)
    )
    CampaignPageFactory(
        parent=campaign_index, key="running-since-long", start_date=days(-20), end_date=days(0)
    )
    CampaignPageFactory(parent=campaign_index, key="running-from-today", start_date=days(0))

    doc = soup(client.get("/en/campaigns/"))

    cards = doc.select(".campaign-card")
    assert [card.h2.get_text(strip=True) for card in cards] == [
        "Campaign running-from-today",
        "Campaign running-since-long",
        "Campaign upcoming-tomorrow",
        "Campaign upcoming-later",
        "Campaign ended-yesterday",
        "Campaign ended-long-ago",
    ]
    assert [card["data-status"] for card in cards] == [
        "running",
        "running",
        "upcoming",
        "upcoming",
        "ended",
        "ended",
    ]


def test_index_in_albanian_shows_status_and_dates_in_albanian(client, campaign_index):
    CampaignPageFactory(
        parent=campaign_index,
        key="tetor",
        start_date=datetime.date(2020, 10, 18),
        end_date=datetime.date(2020, 12, 10),
    )

    doc = soup(client.get("/sq/fushata/"))

    status = doc.select_one(".campaign-status").get_text(" ", strip=True)
    assert status == "Përfundoi · 18 tetor 2020 – 10 dhjetor 2020"
    assert doc.select_one(".campaign-card h2").get_text(strip=True) == "Fushata tetor"


def count_queries(client, path):
    client.get(path)  # warm per-process caches (site root paths, renditions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_index_queries_do_not_grow_with_campaigns(client, campaign_index):
    CampaignPageFactory(parent=campaign_index, key="one", start_date=days(-1))
    with_one = count_queries(client, "/en/campaigns/")
    for number in range(11):
        CampaignPageFactory(
            parent=campaign_index,
            key=f"more-{number}",
            start_date=days(number - 5),
            end_date=days(number),
        )
    with_twelve = count_queries(client, "/en/campaigns/")

    assert with_one == with_twelve
    assert len(soup(client.get("/en/campaigns/")).select(".campaign-card")) == 12


def test_campaign_page_queries_do_not_grow_with_activities(client, campaign_index, taxonomy):
    kukes = Municipality.objects.get(slug="kukes")
    one = CampaignPageFactory(
        parent=campaign_index, key="one", start_date=days(-1), activity_count=1
    )
    one.activities.update(municipality=kukes)
    with_one = count_queries(client, "/en/campaigns/one-en/")
    ten = CampaignPageFactory(
        parent=campaign_index, key="ten", start_date=days(-1), activity_count=10
    )
    ten.activities.update(municipality=kukes)
    with_ten = count_queries(client, "/en/campaigns/ten-en/")

    assert with_one == with_ten
    doc = soup(client.get("/en/campaigns/ten-en/"))
    assert len(doc.select(".activity")) == 10
    assert doc.select_one(".campaign__reached").get_text(strip=True) == "100 people reached"


def test_campaign_page_in_both_languages(client, campaign_index, taxonomy):
    page = CampaignPageFactory(
        parent=campaign_index,
        key="nuk-je-vetem",
        start_date=datetime.date(2020, 10, 18),
        end_date=datetime.date(2020, 12, 10),
        hashtags="#StopHumanTrafficking EndHumanTrafficking",
        key_messages_sq=[("message", "Nuk je vetëm.")],
        key_messages_en=[("message", "You are not alone.")],
        impact_figures=[
            (
                "figure",
                {
                    "value": 2000,
                    "label_sq": "adoleshentë të përfshirë",
                    "label_en": "adolescents engaged",
                },
            )
        ],
        activity_count=1,
    )
    page.regions.set([Region.objects.get(slug="diber")])
    page.save_revision().publish()

    sq = soup(client.get("/sq/fushata/nuk-je-vetem-sq/"))
    en = soup(client.get("/en/campaigns/nuk-je-vetem-en/"))

    assert sq.h1.get_text() == "Fushata nuk-je-vetem"
    assert en.h1.get_text() == "Campaign nuk-je-vetem"
    assert sq.select_one(".impact-figure").get_text(" ", strip=True) == (
        "2\xa0000 adoleshentë të përfshirë"
    )
    assert en.select_one(".impact-figure").get_text(" ", strip=True) == "2,000 adolescents engaged"
    assert [li.get_text() for li in en.select(".campaign__messages li")] == ["You are not alone."]
    assert [li.get_text() for li in sq.select(".campaign__messages li")] == ["Nuk je vetëm."]
    assert en.select_one(".campaign__hashtags").get_text() == (
        "#StopHumanTrafficking #EndHumanTrafficking"
    )
    assert en.select_one(".activity__when").get_text(" ", strip=True) == "18 October 2020 · Place 0"
    assert sq.select_one(".activity__when").get_text(" ", strip=True) == "18 tetor 2020 · Vendi 0"
    assert en.select_one(".activity__what").get_text() == "Meeting 0"
    assert "Dibër" in en.select_one(".campaign__where").get_text()
    alternates = {link["hreflang"]: link["href"] for link in en.find_all("link", rel="alternate")}
    assert alternates["sq"] == "http://testserver/sq/fushata/nuk-je-vetem-sq/"


def test_impact_label_falls_back_to_albanian(client, campaign_index):
    CampaignPageFactory(
        parent=campaign_index,
        key="figures",
        start_date=days(0),
        impact_figures=[("figure", {"value": 17, "label_sq": "bashki", "label_en": ""})],
    )

    doc = soup(client.get("/en/campaigns/figures-en/"))

    assert doc.select_one(".impact-figure").get_text(" ", strip=True) == "17 bashki"


def test_campaign_documents_show_language_year_and_size(client, campaign_index):
    document = CustomDocumentFactory(
        title="Leaflet", language="sq-en", year=2026, publisher="UNICEF"
    )
    page = CampaignPageFactory(parent=campaign_index, key="docs", start_date=days(0))
    CampaignDocumentFactory(page=page, document=document)

    doc = soup(client.get("/en/campaigns/docs-en/"))

    item = doc.select_one(".campaign__documents li")
    assert item.a.get_text() == "Leaflet"
    size = document.file.size
    assert item.select_one(".document-meta").get_text() == (
        f"(Albanian and English, 2026, PDF {size}\xa0bytes)"
    )


def test_call_to_action_seek_help_leads_to_the_directory(client, campaign_index):
    DirectoryPageFactory(
        parent=campaign_index.get_parent(),
        title_sq="Ndihmë",
        title_en="Help",
        slug_sq="ndihme",
        slug_en="help",
    )
    CampaignPageFactory(
        parent=campaign_index, key="cta", start_date=days(0), cta_kind=CallToAction.SEEK_HELP
    )

    doc = soup(client.get("/en/campaigns/cta-en/"))

    button = doc.select_one(".campaign__cta a")
    assert (button.get_text(), button["href"]) == ("Seek help", "/en/help/")


def test_call_to_action_report_leads_to_the_help_lines(client, campaign_index):
    CampaignPageFactory(
        parent=campaign_index,
        key="report",
        start_date=days(0),
        cta_kind=CallToAction.REPORT,
        cta_text_en="Report",
    )

    button = soup(client.get("/en/campaigns/report-en/")).select_one(".campaign__cta a")

    assert (button.get_text(), button["href"]) == ("Report", "#help-lines-title")


def test_campaign_cannot_end_before_it_starts(campaign_index):
    page = CampaignPage(title="X", slug="x", start_date=days(5), end_date=days(1), summary="s")

    with pytest.raises(ValidationError) as error:
        page.clean()

    assert list(error.value.message_dict) == ["end_date"]


def test_status_property_uses_today(campaign_index):
    page = CampaignPageFactory(
        parent=campaign_index, key="today", start_date=days(0), end_date=days(0)
    )

    assert page.status == CampaignStatus.RUNNING


def test_page_type_rules(home, campaign_index):
    assert CampaignIndexPage.can_create_at(home) is False  # one index per home page
    assert CampaignPage.can_create_at(home) is False
    assert CampaignPage.can_create_at(campaign_index) is True
    assert CampaignPage.allowed_subpage_models() == []


def test_admin_creates_campaign_index(admin_client, home):
    index = create_page_in_admin(
        admin_client,
        home,
        CampaignIndexPage,
        title_sq="Fushata",
        title_en="Campaigns",
        slug_sq="fushata",
        slug_en="campaigns",
        intro_sq="Fushatat tona.",
        intro_en="Our campaigns.",
    )
    assert (index.intro_sq, index.intro_en) == ("Fushatat tona.", "Our campaigns.")
    assert index.live is True


def test_admin_creates_campaign_with_both_languages(admin_client, campaign_index, taxonomy):
    partner = Partner.objects.create(name="UNICEF Shqipëri", short_name="UNICEF")
    diber = Region.objects.get(slug="diber")
    mat = Municipality.objects.get(slug="mat")
    page = create_page_in_admin(
        admin_client,
        campaign_index,
        CampaignPage,
        title_sq="Fushata në Dibër",
        title_en="The campaign in Dibër",
        slug_sq="fushata-ne-diber",
        slug_en="campaign-in-diber",
        summary_sq="Takime në shkolla.",
        summary_en="Meetings in schools.",
        start_date="2020-12-23",
        end_date="2021-03-31",
        hashtags="#StopHumanTrafficking",
        key_messages_sq=streamfield([("message", "Martesa e hershme mund të jetë trafikim.")]),
        key_messages_en=streamfield([("message", "Early marriage can be trafficking.")]),
        body_sq=streamfield([]),
        body_en=streamfield([]),
        impact_figures=streamfield(
            [
                (
                    "figure",
                    {
                        "value": "2000",
                        "label_sq": "adoleshentë të përfshirë",
                        "label_en": "adolescents engaged",
                    },
                )
            ]
        ),
        activities=inline_formset(
            [
                {
                    "date": "2020-12-23",
                    "place_sq": "Shkolla e mesme",
                    "place_en": "High school",
                    "municipality": mat.pk,
                    "description_sq": "Takim me nxënësit.",
                    "description_en": "Session with students.",
                    "people_reached": "40",
                }
            ]
        ),
        documents=inline_formset([]),
        story_links=inline_formset([]),
        cta_kind="report",
        cta_text_sq="Raporto",
        cta_text_en="Report",
        regions=[diber.pk],
        municipalities=[mat.pk],
        partners=[partner.pk],
    )
    assert page.live is True
    assert (page.title_sq, page.title_en) == ("Fushata në Dibër", "The campaign in Dibër")
    assert (page.start_date, page.end_date) == (
        datetime.date(2020, 12, 23),
        datetime.date(2021, 3, 31),
    )
    assert page.key_messages_en[0].value == "Early marriage can be trafficking."
    assert page.impact_figures[0].value["label_en"] == "adolescents engaged"
    activity = page.activities.get()
    assert (activity.description_sq, activity.description_en, activity.people_reached) == (
        "Takim me nxënësit.",
        "Session with students.",
        40,
    )
    assert activity.municipality == mat
    assert list(page.regions.all()) == [diber]
    assert list(page.partners.all()) == [partner]
    assert (page.cta_kind, page.cta_text_en) == ("report", "Report")


def test_admin_refuses_campaign_ending_before_it_starts(admin_client, campaign_index):
    response = post_page_form(
        admin_client,
        campaign_index,
        CampaignPage,
        title_sq="Fushata",
        title_en="Campaign",
        slug_sq="fushata-x",
        slug_en="campaign-x",
        summary_sq="Përmbledhje.",
        start_date="2021-03-31",
        end_date="2020-12-23",
        key_messages_sq=streamfield([]),
        key_messages_en=streamfield([]),
        body_sq=streamfield([]),
        body_en=streamfield([]),
        impact_figures=streamfield([]),
        activities=inline_formset([]),
        documents=inline_formset([]),
        story_links=inline_formset([]),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["end_date"] == [
        "Dita e fundit nuk mund të jetë para ditës së parë."
    ]
    assert CampaignPage.objects.count() == 0


def test_anonymous_visitor_cannot_open_the_add_form(client, campaign_index):
    response = client.get(f"/admin/pages/add/campaigns/campaignpage/{campaign_index.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
