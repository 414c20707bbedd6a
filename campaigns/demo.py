"""Demo: the campaign index with the 2020 field awareness campaign (ended) and a campaign from
EU Anti-Trafficking Day (18 October) to Human Rights Day (10 December), running in its season.
Facts come from the programme's bulletin of November–December 2020; the sentences are our own."""

import datetime

from django.utils import timezone

from campaigns.enums import CallToAction
from campaigns.models import (
    CampaignActivity,
    CampaignDocument,
    CampaignIndexPage,
    CampaignPage,
    CampaignStoryLink,
)
from resources.demo import upsert_document
from stories.models import StoryPage
from website.demo import upsert_child
from website.models import Municipality, Partner, Region

PROGRAMME_REGIONS = ["diber", "shkoder", "kukes", "tirane"]


def _figure(value, label_sq, label_en):
    return ("figure", {"value": value, "label_sq": label_sq, "label_en": label_en})


def _messages(*texts):
    return [("message", text) for text in texts]


def _paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


def season_year(today: datetime.date) -> int:
    """The year of the 18 October – 10 December campaign that is running or comes next."""
    return today.year if today <= datetime.date(today.year, 12, 10) else today.year + 1


def _set_activities(page, rows):
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    CampaignActivity.objects.filter(page=page).delete()
    for order, (date, place_sq, place_en, municipality, what_sq, what_en, reached) in enumerate(
        rows
    ):
        CampaignActivity.objects.create(
            page=page,
            sort_order=order,
            date=date,
            place=place_sq,
            place_sq=place_sq,
            place_en=place_en,
            municipality=municipalities.get(municipality),
            description=what_sq,
            description_sq=what_sq,
            description_en=what_en,
            people_reached=reached,
        )


def _mda_partner():
    partner, _created = Partner.objects.get_or_create(
        short_name="MDA",
        defaults={
            "name": "MDA",
            "name_sq": "MDA",
            "name_en": "MDA",
            "website": "https://mda.al/",
            "email": "info@mda.al",
            "is_consortium_member": False,
            "sort_order": 50,
        },
    )
    return partner


def load_field_campaign(index):
    page = upsert_child(
        index,
        CampaignPage,
        "fushata-ne-terren-2020",
        title_sq="Fushata në terren: Dibër, Shkodër, Kukës dhe Tiranë",
        title_en="Field awareness campaign: Dibër, Shkodër, Kukës and Tirana",
        slug_en="field-campaign-2020",
        summary_sq=(
            "UNICEF Shqipëri dhe MDA dolën në shkolla dhe komunitete për t'u shpjeguar "
            "të rinjve dhe familjeve si duket trafikimi në jetën e përditshme, dhe ku "
            "raportohet e ku gjendet ndihmë."
        ),
        summary_en=(
            "UNICEF Albania and MDA went to schools and communities to show young people and "
            "families what trafficking looks like in everyday life, and where to report it "
            "and find help."
        ),
        start_date=datetime.date(2020, 12, 23),
        end_date=datetime.date(2021, 3, 31),
        hashtags="#unicefprotects #StopHumanTrafficking #EndHumanTrafficking",
        key_messages_sq=_messages(
            "Një martesë e hershme me shkesë, e rregulluar nga familja, mund të jetë trafikim.",
            "Nëse dyshoni për trafikim, telefononi 129 ose 116 006.",
        ),
        key_messages_en=_messages(
            "An early marriage arranged by the family can be trafficking.",
            "If you suspect trafficking, call 129 or 116 006.",
        ),
        body_sq=_paragraph(
            "„Sot mësova se edhe kjo formë martese quhet trafikim“, tha K.K., nxënëse e një "
            "shkolle të mesme në Peshkopi, pas një takimi të fushatës."
        ),
        body_en=_paragraph(
            "“Today I learnt that this kind of marriage is also called trafficking,” said K.K., "
            "a high-school student in Peshkopi, after one of the campaign's sessions."
        ),
        impact_figures=[
            _figure(4, "qarqe", "regions"),
            _figure(
                100000,
                "të rinj 15–29 vjeç, synimi i programit",
                "young people aged 15–29, the programme's aim",
            ),
        ],
        cta_kind=CallToAction.REPORT,
    )
    _set_activities(
        page,
        [
            (
                datetime.date(2020, 12, 23),
                "Shkolla e mesme në Peshkopi",
                "High school in Peshkopi",
                "diber",
                "Takim me nxënësit për format e trafikimit, përfshirë martesat e hershme me shkesë.",
                "Session with students on the forms trafficking takes, including early marriages arranged by families.",
                None,
            ),
        ],
    )
    page.regions.set(Region.objects.filter(slug__in=PROGRAMME_REGIONS))
    page.partners.set(Partner.objects.filter(short_name__in=["UNICEF", "MDA"]))
    _link_stories(page, datetime.date(2020, 12, 23), "campaign")
    page.save_revision().publish()
    return page


def _link_stories(page, date, word):
    """Link the demo stories of `date` whose English title has `word`."""
    stories = StoryPage.objects.filter(date=date, title_en__icontains=word).order_by("pk")
    CampaignStoryLink.objects.filter(page=page).delete()
    for order, story in enumerate(stories):
        CampaignStoryLink.objects.create(page=page, story=story, sort_order=order)


def load_season_campaign(index, today):
    year = season_year(today)
    leaflet = upsert_document(
        title=f"Where to get help: leaflet {year}",
        filename=f"where-to-get-help-{year}.pdf",
        language="sq-en",
        year=year,
        publisher="UNICEF Albania",
        lines=[
            "Ku të kërkoni ndihmë / Where to get help",
            "129  Policia e Shtetit / Albanian State Police",
            "116 006  Linja kombëtare / National anti-trafficking hotline",
            "ALO 116 111  Linja Kombëtare e Këshillimit për Fëmijët / National Child Helpline",
            "nukjevetem.al",
        ],
    )
    page = upsert_child(
        index,
        CampaignPage,
        "nuk-je-vetem",
        title_sq="Nuk je vetëm: nga 18 tetori te 10 dhjetori",
        title_en="You are not alone: from 18 October to 10 December",
        slug_en="you-are-not-alone",
        summary_sq=(
            "Nga Dita Evropiane kundër Trafikimit deri te Dita e të Drejtave të Njeriut, "
            "partnerët flasin me të rinjtë dhe prindërit në katër qarqe: si e njohim "
            "trafikimin, si mbrohemi në internet dhe ku gjejmë ndihmë."
        ),
        summary_en=(
            "From EU Anti-Trafficking Day to Human Rights Day, the partners talk with young "
            "people and parents in four regions: how to recognise trafficking, how to stay safe "
            "online and where to find help."
        ),
        start_date=datetime.date(year, 10, 18),
        end_date=datetime.date(year, 12, 10),
        hashtags="#unicefprotects #StopHumanTrafficking #EndHumanTrafficking",
        key_messages_sq=_messages(
            "Kur një ofertë pune jashtë vendit duket tepër e mirë për të qenë e vërtetë, "
            "zakonisht është mashtrim.",
            "Askush nuk ka të drejtë të të marrë dokumentet.",
            "Nuk je vetëm: telefono ALO 116 111 ose shkruaj në nukjevetem.al.",
        ),
        key_messages_en=_messages(
            "A job offer abroad that looks too good to be true usually is.",
            "Nobody has the right to take your documents.",
            "You are not alone: call ALO 116 111 or write to nukjevetem.al.",
        ),
        impact_figures=[
            _figure(4, "qarqe", "regions"),
            _figure(17, "bashki", "municipalities"),
        ],
        cta_kind=CallToAction.SEEK_HELP,
    )
    _set_activities(
        page,
        [
            (
                datetime.date(year, 10, 18),
                "",
                "",
                "tirane",
                "Hapja e fushatës me grupet e të rinjve dhe partnerët, në Ditën Evropiane kundër Trafikimit.",
                "Launch of the campaign with youth groups and partners on EU Anti-Trafficking Day.",
                None,
            ),
            (
                datetime.date(year, 11, 5),
                "Shkolla të mesme në Kukës dhe Has",
                "High schools in Kukës and Has",
                "kukes",
                "Orë të hapura për ofertat e rreme të punës dhe për sigurinë në internet.",
                "Open classes on fake job offers and on staying safe online.",
                None,
            ),
            (
                datetime.date(year, 11, 25),
                "",
                "",
                "shkoder",
                "Takime me prindërit në fillim të 16 ditëve të aktivizmit kundër dhunës me bazë gjinore.",
                "Meetings with parents at the start of the 16 Days of Activism against gender-based violence.",
                None,
            ),
        ],
    )
    CampaignDocument.objects.filter(page=page).delete()
    CampaignDocument.objects.create(page=page, document=leaflet, sort_order=0)
    page.regions.set(Region.objects.filter(slug__in=PROGRAMME_REGIONS))
    page.municipalities.set(
        Municipality.objects.filter(slug__in=["tirane", "kukes", "has", "shkoder", "diber"])
    )
    page.partners.set(Partner.objects.filter(is_consortium_member=True))
    page.save_revision().publish()
    return page


def load(home, stdout):
    index = upsert_child(
        home,
        CampaignIndexPage,
        "fushata",
        title_sq="Fushata",
        title_en="Campaigns",
        slug_en="campaigns",
        show_in_menus=True,
        intro_sq="Fushatat e partnerëve kundër trafikimit të qenieve njerëzore: ato që po zhvillohen, ato që vijnë dhe ato që kanë mbaruar.",
        intro_en="The partners' campaigns against human trafficking: running now, coming up and past.",
    )
    _mda_partner()
    load_field_campaign(index)
    load_season_campaign(index, timezone.localdate())
    stdout.write("Campaigns: 2 campaigns.\n")
    return index
