"""Demo bulletin: the November–December 2020 e-bulletin, its items retold in our own words.

Items that have a story on this site point to it; the others are written here in both languages.
Idempotent: the archive and the issue are found by their Albanian slug.
"""

import datetime

from bulletins.models import BulletinIndexPage, BulletinPage
from stories.demo import story_by_slug
from website.demo import upsert_child
from website.models import StandardPage


def _own(date, headline_sq, headline_en, summary_sq, summary_en, url=""):
    return (
        "own",
        {
            "date": date,
            "headline_sq": headline_sq,
            "headline_en": headline_en,
            "summary_sq": summary_sq,
            "summary_en": summary_en,
            "image": None,
            "url": url,
        },
    )


OWN_ITEMS = {
    "vatra": _own(
        datetime.date(2020, 12, 19),
        "Bulqizë: institucionet bashkë kundër trafikimit",
        "Bulqizë: institutions join forces against trafficking",
        "Njësia e lëvizshme e Qendrës Vatra në Dibër mblodhi specialistë të bashkisë dhe të policisë së Bulqizës në një fokus-grup: si ta parandalojmë trafikimin dhe si t\u2019i mbrojmë viktimat dhe viktimat e mundshme.",
        "Vatra Centre's mobile unit in Dibër brought together specialists from Bulqizë municipality and police in a focus group on preventing trafficking and protecting victims and potential victims.",
        "http://www.gendravatra.org.al",
    ),
    "shkej": _own(
        datetime.date(2020, 12, 20),
        "Aftësi digjitale për fëmijët dhe të rinjtë më në nevojë",
        "Digital skills for the most vulnerable children and young people",
        "SHKEJ zhvilloi 11 sesione informuese në qendrat komunitare dhe në Durrës, Kukës, Shkodër e Tiranë. 106 fëmijë e të rinj 9–18 vjeç mësuan për sigurinë në internet, bulizmin kibernetik dhe mbrojtjen e të dhënave personale.",
        "SHKEJ held 11 information sessions in community centres and in Durrës, Kukës, Shkodër and Tirana. 106 children and young people aged 9–18 learned about online safety, cyberbullying and protecting their personal data.",
        "http://www.shkej.org",
    ),
    "key-adviser": _own(
        datetime.date(2020, 12, 28),
        "Aftësi që i kërkon tregu i punës",
        "Skills the labour market asks for",
        "Key Adviser Albania mbylli takimet e pjesëmarrësve të programit të zhvillimit personal dhe profesional me biznese vendore nga sektorë të ndryshëm, për t\u2019i afruar ata me punësimin dhe sipërmarrjen.",
        "Key Adviser Albania completed meetings between the participants of its personal and professional development programme and local businesses from several sectors, bringing them closer to jobs and entrepreneurship.",
        "https://keyadviser.al",
    ),
}

# The bulletin's order: a story slug (Albanian) or a key of OWN_ITEMS.
ORDER = [
    "rishikimi-afatmesem-i-programit",
    "fushata-ne-terren-diber-shkoder-kukes-tirane",
    "m-v-hap-rrobaqepesine-e-saj",
    "historia-e-denit",
    "trajnimi-simulues-i-osbe-se",
    "ponder-mendimi-kritik-per-te-rinjte",
    "shendeti-mendor-dhe-trafikimi",
    "vatra",
    "tableta-per-mesimin-online-ne-elbasan",
    "shkej",
    "prinderit-kunder-dhunes",
    "key-adviser",
]


def issue_items():
    items = []
    for key in ORDER:
        if key in OWN_ITEMS:
            items.append(OWN_ITEMS[key])
            continue
        story = story_by_slug(key)
        if story is not None:
            items.append(("story", {"story": story}))
    return items


def load(home, stdout):
    archive = upsert_child(
        home,
        BulletinIndexPage,
        "buletini",
        title_sq="Buletini",
        title_en="Bulletin",
        slug_en="bulletin",
        show_in_menus=True,
        intro_sq="Çdo numër i buletinit elektronik të programit, nga më i riu.",
        intro_en="Every issue of the programme's e-bulletin, newest first.",
    )
    programme = StandardPage.objects.filter(slug_sq="programi-ne-nje-veshtrim").first()
    issue = upsert_child(
        archive,
        BulletinPage,
        "nentor-dhjetor-2020",
        slug_en="november-december-2020",
        title_sq="Buletini elektronik: nëntor–dhjetor 2020",
        title_en="e-Bulletin: November–December 2020",
        period_label_sq="nëntor–dhjetor 2020",
        period_label_en="November–December 2020",
        number=1,
        issue_date=datetime.date(2020, 12, 30),
        masthead_intro_sq=(
            "Dy muaj punë në terren: një rishikim i programit, fushata në katër qarqe, "
            "trajnime për policinë dhe të rinjtë, dhe histori njerëzish që rinisin jetën."
        ),
        masthead_intro_en=(
            "Two months in the field: a programme review, campaigns in four regions, training "
            "for police and young people, and stories of people starting their lives again."
        ),
        items=issue_items(),
        programme_page=programme,
        competition_heading_sq="Historitë e pathëna: konkurse për fotografinë dhe tregimin",
        competition_heading_en="Untold Stories: photography and short story competitions",
        competition_text_sq=(
            "UNICEF Shqipëri dhe MDA ftojnë shqiptarët brenda dhe jashtë vendit të tregojnë "
            "trafikimin me një fotografi ose një tregim të shkurtër. Konkurset janë vetëm për "
            "joprofesionistë."
        ),
        competition_text_en=(
            "UNICEF Albania and MDA invite Albanians at home and abroad to show trafficking "
            "through a photograph or a short story. The competitions are for non-professionals "
            "only."
        ),
        competition_url="https://www.unicef.org/albania",
    )
    stdout.write(f"Bulletin: {issue.title_en} with {len(issue.items)} items")
    return issue
