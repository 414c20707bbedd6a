"""Demo content for the site core: home page, "Programme at a glance", partners, help lines.

Facts, names, dates and figures come from the programme's documents; the sentences are our own.
Every function here is idempotent: running it twice leaves the same tree.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site

from website.helplines import DEFAULT_HELP_LINES
from website.models import (
    HomePage,
    Municipality,
    Partner,
    Region,
    SiteSettings,
    StandardPage,
    Topic,
)

PARTNERS = [
    # name_sq, name_en, short, website, email, description_sq, description_en, consortium member
    (
        "UNICEF Shqipëri",
        "UNICEF Albania",
        "UNICEF",
        "https://www.unicef.org/albania",
        "tirana@unicef.org",
        "Drejton programin dhe konsorciumin e partnerëve.",
        "Leads the programme and the consortium of partners.",
        True,
    ),
    (
        "Prezenca e OSBE-së në Shqipëri",
        "OSCE Presence in Albania",
        "OSCE",
        "https://www.osce.org/presence-in-albania",
        "pm-al@osce.org",
        "Punon me policinë, prokurorët dhe gjykatat për hetimin dhe ndjekjen e trafikimit.",
        "Works with police, prosecutors and courts on investigating and prosecuting trafficking.",
        True,
    ),
    (
        "Terre des Hommes",
        "Terre des Hommes",
        "TdH",
        "https://www.tdh.ch/albania",
        "alb.office@tdh.ch",
        "Mbron fëmijët dhe të rinjtë në rrezik dhe forcon shërbimet vendore për ta.",
        "Protects children and young people at risk and strengthens local services for them.",
        True,
    ),
    (
        "Të Ndryshëm dhe të Barabartë",
        "Different and Equal",
        "D&E",
        "https://www.differentandequal.org",
        "different&equal@icc-al.org",
        "Ofron strehim, këshillim dhe ndihmë për riintegrimin e të mbijetuarve.",
        "Offers shelter, counselling and help with reintegration to survivors.",
        True,
    ),
    (
        "Qendra Psiko-Sociale \u201cVATRA\u201d",
        "VATRA Psycho-Social Centre",
        "VATRA",
        "http://www.gendravatra.org.al",
        "info@gendravatra.org.al",
        "Mbështet viktimat dhe viktimat e mundshme me strehim dhe ndihmë psiko-sociale.",
        "Supports victims and potential victims with shelter and psycho-social care.",
        True,
    ),
    (
        "Tjetër Vizion",
        "Tjetër Vizion",
        "TV",
        "http://www.tjetervizion.org",
        "tjetervizion@gmail.com",
        "Punon me të rinjtë dhe familjet në Elbasan për parandalim dhe riintegrim.",
        "Works with young people and families in Elbasan on prevention and reintegration.",
        True,
    ),
    (
        "Shoqata Kombëtare Edukim për Jetën (SHKEJ)",
        "National Association Education for Life (SHKEJ)",
        "SHKEJ",
        "http://www.shkej.org",
        "shkej@albmail.com",
        "Partner zbatues për edukimin dhe ndërgjegjësimin e të rinjve.",
        "Implementing partner for education and awareness among young people.",
        False,
    ),
    (
        "Nisma për Ndryshim Social ARSIS",
        "Initiative for Social Change ARSIS",
        "ARSIS",
        "http://www.nisma-arsis.org",
        "initiative.arsis@gmail.com",
        "Partner zbatues që punon me fëmijët në rrugë dhe familjet e tyre.",
        "Implementing partner working with street-connected children and their families.",
        False,
    ),
]

DEMO_ROLES = [
    # username, group, is_superuser
    ("admin", None, True),
    ("editor", "Editors", False),
    ("publisher", "Publishers", False),
    ("moderator", "Competition moderators", False),
    ("safeguarding", "Safeguarding officers", False),
    ("juror", "Jurors", False),
]


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _figures(heading, items):
    return {
        "type": "figures",
        "value": {
            "heading": heading,
            "figures": [{"value": value, "suffix": "", "label": label} for value, label in items],
        },
    }


HOME_BODY_SQ = [
    _paragraph(
        "Ky është vendi ku partnerët e konsorciumit ndajnë lajmet, fushatat dhe historitë e "
        "punës kundër trafikimit të qenieve njerëzore, dhe ku të rinjtë marrin pjesë në "
        "konkurset \u201eHistoritë e pathëna\u201c me fotografi, tregime dhe vepra arti."
    ),
    _figures(
        "Programi me shifra",
        [
            (17, "bashki në 4 qarqe"),
            (6390, "përfitues të drejtpërdrejtë"),
            (100000, "të rinj 15–29 vjeç të përfshirë"),
        ],
    ),
]
HOME_BODY_EN = [
    _paragraph(
        "This is where the consortium's partners share news, campaigns and stories from their "
        "work against human trafficking, and where young people take part in the "
        "\u201cUntold Stories\u201d competitions with photos, short stories and artworks."
    ),
    _figures(
        "The programme in figures",
        [
            (17, "municipalities in 4 regions"),
            (6390, "direct beneficiaries"),
            (100000, "young people aged 15–29 reached"),
        ],
    ),
]

GLANCE_BODY_SQ = [
    {"type": "heading", "value": "Qëllimi"},
    _paragraph(
        "Programi synon të parandalojë trafikimin dhe të ulë përhapjen e tij brenda dhe jashtë "
        "Shqipërisë. Zgjati 15 muaj, nga 20 dhjetori 2019 deri më 31 mars 2021, nën drejtimin e "
        "UNICEF-it në Shqipëri dhe me financim nga Qeveria e Mbretërisë së Bashkuar."
    ),
    {"type": "heading", "value": "Katër rezultatet"},
    {
        "type": "list",
        "value": [
            "Komunikim i ri dhe strategjik që ndryshon njohuritë dhe qëndrimet e njerëzve ndaj trafikimit.",
            "Hetim dhe ndjekje penale më të fortë në nivel rajonal, që mbron të drejtat e viktimave.",
            "Viktimat dhe viktimat e mundshme identifikohen në kohë dhe marrin ndihmën që u duhet.",
            "Riintegrim përmes arsimit, formimit profesional dhe punësimit.",
        ],
    },
    _figures(
        "Shifrat kryesore",
        [
            (15, "muaj zbatimi"),
            (4, "qarqe"),
            (17, "bashki"),
            (6390, "përfitues të drejtpërdrejtë"),
            (100000, "të rinj 15–29 vjeç"),
        ],
    ),
    {"type": "heading", "value": "Ku punojmë"},
    {
        "type": "list",
        "value": [
            "Tiranë: Kamëz, Vorë, Kavajë, Rogozhinë",
            "Shkodër: Fushë-Arrëz, Malësi e Madhe, Pukë, Vau i Dejës",
            "Dibër: Bulqizë, Klos, Mat",
            "Kukës: Has, Tropojë",
        ],
    },
    _paragraph(
        "Zonat me rrezik më të lartë: Shkodër, Kukës, Has, Tropojë, Dibër, Mat, Kamëz, "
        "Paskuqan dhe Babrru."
    ),
    {"type": "heading", "value": "Partnerët e konsorciumit"},
    _paragraph(
        "Prezenca e OSBE-së në Shqipëri, Terre des Hommes, Të Ndryshëm dhe të Barabartë, "
        "Qendra Psiko-Sociale VATRA dhe Tjetër Vizion. Donatori: Qeveria e Mbretërisë së Bashkuar."
    ),
]
GLANCE_BODY_EN = [
    {"type": "heading", "value": "The aim"},
    _paragraph(
        "The programme set out to prevent trafficking and reduce how often it happens in and from "
        "Albania. It ran for 15 months, from 20 December 2019 to 31 March 2021, led by UNICEF "
        "Albania and funded by the UK Government."
    ),
    {"type": "heading", "value": "Four outcomes"},
    {
        "type": "list",
        "value": [
            "New, strategic communication that changes what people know and think about trafficking.",
            "Stronger investigation and prosecution in the regions, protecting victims' rights.",
            "Victims and potential victims are identified early and get the help they need.",
            "Reintegration through education, vocational training and work.",
        ],
    },
    _figures(
        "Key figures",
        [
            (15, "months of work"),
            (4, "regions"),
            (17, "municipalities"),
            (6390, "direct beneficiaries"),
            (100000, "young people aged 15–29"),
        ],
    ),
    {"type": "heading", "value": "Where we work"},
    {
        "type": "list",
        "value": [
            "Tiranë: Kamëz, Vorë, Kavajë, Rogozhinë",
            "Shkodër: Fushë-Arrëz, Malësi e Madhe, Pukë, Vau i Dejës",
            "Dibër: Bulqizë, Klos, Mat",
            "Kukës: Has, Tropojë",
        ],
    },
    _paragraph(
        "Highest-risk areas: Shkodër, Kukës, Has, Tropojë, Dibër, Mat, Kamëz, Paskuqan and Babrru."
    ),
    {"type": "heading", "value": "Consortium partners"},
    _paragraph(
        "OSCE Presence in Albania, Terre des Hommes, Different and Equal, VATRA Psycho-Social "
        "Centre and Tjetër Vizion. Donor: the UK Government."
    ),
]


def get_or_create_home():
    """The HomePage under the tree root, replacing Wagtail's welcome page; the site points to it."""
    home = HomePage.objects.first()
    root = Page.get_first_root_node()
    if root is None:
        # A database emptied outside the migrations (a flushed test database): Wagtail's
        # migration made the tree root and the default locale, make them again.
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    if home is None:
        home = HomePage(
            title_sq="Së bashku kundër trafikimit",
            title_en="Together against human trafficking",
            slug_sq="ballina",
            slug_en="home",
            slug="ballina",
        )
        root.add_child(instance=home)
    home.title_sq = "Së bashku kundër trafikimit"
    home.title_en = "Together against human trafficking"
    home.intro_sq = (
        "Transformimi i përgjigjes kombëtare ndaj trafikimit të qenieve njerëzore në dhe nga "
        "Shqipëria: lajme, fushata dhe zërat e të rinjve."
    )
    home.intro_en = (
        "Transforming National Response to Human Trafficking in and from Albania: news, "
        "campaigns and the voices of young people."
    )
    home.body_sq = HOME_BODY_SQ
    home.body_en = HOME_BODY_EN
    home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True, hostname="localhost", port=80)
    old_root_id = site.root_page_id
    site.root_page = home
    site.site_name = "Untold Stories"
    site.save()
    if old_root_id and old_root_id != home.pk:
        old = Page.objects.filter(pk=old_root_id, depth=2).exclude(pk=home.pk).first()
        if old is not None and old.specific_class is Page:
            old.delete()
    return HomePage.objects.get(pk=home.pk)


def upsert_child(parent, model, key_slug, **fields):
    """A child page of `parent` found by its Albanian slug, created or updated, then published."""
    page = model.objects.child_of(parent).filter(slug_sq=key_slug).first()
    if page is None:
        page = model(slug=key_slug, slug_sq=key_slug, **fields)
        parent.add_child(instance=page)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def load_programme_page(home):
    return upsert_child(
        home,
        StandardPage,
        "programi-ne-nje-veshtrim",
        title_sq="Programi në një vështrim",
        title_en="Programme at a glance",
        slug_en="programme-at-a-glance",
        show_in_menus=True,
        intro_sq="Çfarë bëri programi, ku dhe me kë: objektivat, zonat dhe shifrat.",
        intro_en="What the programme did, where and with whom: its aims, areas and figures.",
        body_sq=GLANCE_BODY_SQ,
        body_en=GLANCE_BODY_EN,
    )


def load_partners():
    for order, row in enumerate(PARTNERS):
        name_sq, name_en, short, website, email, desc_sq, desc_en, member = row
        Partner.objects.update_or_create(
            short_name=short,
            defaults={
                "name_sq": name_sq,
                "name_en": name_en,
                "name": name_sq,
                "website": website,
                "email": email,
                "description_sq": desc_sq,
                "description_en": desc_en,
                "is_consortium_member": member,
                "sort_order": order,
            },
        )


def load_site_settings():
    site_settings = SiteSettings.load()
    site_settings.help_lines = [
        (
            "help_line",
            {
                "number": line.number,
                "href": line.href,
                "kind": line.kind,
                "label_sq": line.label_sq,
                "label_en": line.label_en,
            },
        )
        for line in DEFAULT_HELP_LINES
    ]
    site_settings.contact_email = "info@example.org"
    site_settings.save()


def load_accounts(stdout):
    """Demo accounts for each role, only with DEBUG on. Returns {username: password} for the
    accounts created now; existing accounts keep their password (it is never stored here)."""
    if not settings.DEBUG:
        return {}
    user_model = get_user_model()
    created = {}
    for username, group_name, is_superuser in DEMO_ROLES:
        user = user_model.objects.filter(username=username).first()
        if user is not None:
            continue
        password = secrets.token_urlsafe(9)
        user = user_model.objects.create_user(
            username=username,
            email=f"{username}@example.org",
            password=password,
            first_name=username.capitalize(),
            last_name="Demo",
            is_staff=is_superuser,
            is_superuser=is_superuser,
        )
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        created[username] = password
    return created


def reset_passwords():
    user_model = get_user_model()
    passwords = {}
    for username, _group, _superuser in DEMO_ROLES:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            continue
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.save(update_fields=["password"])
        passwords[username] = password
    return passwords


def load(stdout):
    home = get_or_create_home()
    load_programme_page(home)
    load_partners()
    load_site_settings()
    load_taxonomy()
    return home


TOPICS = [
    ("prevention", "Parandalim", "Prevention"),
    ("protection", "Mbrojtje", "Protection"),
    ("prosecution", "Ndjekje penale", "Prosecution"),
    ("reintegration", "Riintegrim", "Reintegration"),
    ("education", "Arsim", "Education"),
    ("mental-health", "Shëndet mendor", "Mental health"),
    ("online-safety", "Siguria në internet", "Online safety"),
    ("employment", "Punësim", "Employment"),
]

# slug, name_sq, name_en, programme region?, [(slug, name, programme municipality?, hotspot?)]
REGIONS = [
    (
        "tirane",
        "Tiranë",
        "Tirana",
        True,
        [
            ("tirane", "Tiranë", True, False),
            ("kamez", "Kamëz", True, True),
            ("vore", "Vorë", True, False),
            ("kavaje", "Kavajë", True, False),
            ("rogozhine", "Rrogozhinë", True, False),
        ],
    ),
    (
        "shkoder",
        "Shkodër",
        "Shkodër",
        True,
        [
            ("shkoder", "Shkodër", True, True),
            ("fushe-arrez", "Fushë-Arrëz", True, False),
            ("malesi-e-madhe", "Malësi e Madhe", True, False),
            ("puke", "Pukë", True, False),
            ("vau-i-dejes", "Vau i Dejës", True, False),
        ],
    ),
    (
        "diber",
        "Dibër",
        "Dibër",
        True,
        [
            ("diber", "Dibër", True, True),
            ("bulqize", "Bulqizë", True, False),
            ("klos", "Klos", True, False),
            ("mat", "Mat", True, True),
        ],
    ),
    (
        "kukes",
        "Kukës",
        "Kukës",
        True,
        [
            ("kukes", "Kukës", True, True),
            ("has", "Has", True, True),
            ("tropoje", "Tropojë", True, True),
        ],
    ),
    ("elbasan", "Elbasan", "Elbasan", False, [("elbasan", "Elbasan", False, False)]),
    ("vlore", "Vlorë", "Vlorë", False, [("vlore", "Vlorë", False, False)]),
    ("durres", "Durrës", "Durrës", False, [("durres", "Durrës", False, False)]),
    ("jashte-vendit", "Jashtë vendit", "Abroad", False, []),
]

# English names that differ from the Albanian (the rest of Albania's 61 municipalities come from
# the migration website/migrations/0007_albanian_municipalities.py, matched by slug).
MUNICIPALITY_NAMES_EN = {"tirane": "Tirana"}


def load_taxonomy():
    for order, (slug, name_sq, name_en) in enumerate(TOPICS):
        Topic.objects.update_or_create(
            slug=slug,
            defaults={"name": name_sq, "name_sq": name_sq, "name_en": name_en, "sort_order": order},
        )
    for order, (slug, name_sq, name_en, programme, municipalities) in enumerate(REGIONS):
        region, _created = Region.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name_sq,
                "name_sq": name_sq,
                "name_en": name_en,
                "is_programme_area": programme,
                "sort_order": order,
            },
        )
        for m_slug, m_name, m_programme, hotspot in municipalities:
            Municipality.objects.update_or_create(
                slug=m_slug,
                defaults={
                    "name": m_name,
                    "name_sq": m_name,
                    "name_en": MUNICIPALITY_NAMES_EN.get(m_slug, m_name),
                    "region": region,
                    "is_programme_area": m_programme,
                    "is_hotspot": hotspot,
                },
            )
