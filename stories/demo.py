"""Demo stories: the news of the November–December 2020 e-bulletin, retold in our own words.

People are named by initials or changed names only. Images are drawn with Pillow.
Idempotent: pages are found by their Albanian slug, images by title, partners by short name.
"""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw

from stories.models import StoryIndexPage, StoryPage, StoryYearPage
from website.demo import upsert_child
from website.models import CustomImage, Municipality, Partner, Region, Topic

# Implementing partners named in the bulletin that the site core does not create.
EXTRA_PARTNERS = [
    # short name, name_sq, name_en, website, e-mail
    (
        "Together",
        "Fondacioni Together Albania",
        "Foundation Together Albania",
        "https://www.togetheralbania.org",
        "together.albania@gmail.com",
    ),
    ("IDRA", "IDRA", "IDRA", "http://www.idrainstitute.org", "idra@idra.al"),
    ("MDA", "MDA", "MDA", "https://mda.al", "info@mda.al"),
    ("ICTSlab", "ICTSlab", "ICTSlab", "https://ictslab.com", "info@ictslab.com"),
    (
        "Key Adviser",
        "Key Adviser Albania",
        "Key Adviser Albania",
        "https://keyadviser.al",
        "info@keyadviser.al",
    ),
]


def _p(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _quote(text, attribution=""):
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def _figure(value, label, suffix=""):
    return {"type": "figure", "value": {"value": value, "suffix": suffix, "label": label}}


STORIES = [
    {
        "slug_sq": "rishikimi-afatmesem-i-programit",
        "slug_en": "programme-mid-term-review",
        "date": datetime.date(2020, 11, 17),
        "title_sq": "Rishikimi afatmesëm: çfarë arritëm dhe çfarë na pret",
        "title_en": "Mid-term review: what we achieved and what lies ahead",
        "summary_sq": "Të gjithë partnerët e konsorciumit u mblodhën për të parë gjysmën e parë të programit, për të ndarë mësimet dhe për të rregulluar punën e përbashkët.",
        "summary_en": "All consortium partners met to look back on the first half of the programme, share lessons and fine-tune how they work together.",
        "body_sq": [
            _p(
                "Përfaqësuesi i UNICEF-it në Shqipëri hapi takimin duke kujtuar qëllimin: të mësojmë nga njëri-tjetri që puna e mbetur të japë rezultate më të mira."
            ),
            _p(
                "Secili partner tregoi çfarë funksionoi, ku hasi vështirësi gjatë pandemisë dhe çfarë do të ndryshojë deri në mbyllje të programit."
            ),
        ],
        "body_en": [
            _p(
                "UNICEF's representative in Albania opened the meeting with its purpose: to learn from one another so the remaining work gets better results."
            ),
            _p(
                "Each partner described what worked, where the pandemic got in the way, and what it will change before the programme ends."
            ),
        ],
        "topics": ["prevention", "protection"],
        "regions": ["tirane"],
        "municipalities": [],
        "partners": ["UNICEF", "OSCE", "TdH", "D&E", "VATRA", "TV"],
        "colour": (11, 61, 102),
    },
    {
        "slug_sq": "fushata-ne-terren-diber-shkoder-kukes-tirane",
        "slug_en": "field-campaign-diber-shkoder-kukes-tirana",
        "date": datetime.date(2020, 12, 23),
        "title_sq": "Fushata në terren: nga Dibra te Shkodra, Kukësi dhe Tirana",
        "title_en": "On the ground: an awareness campaign in Dibër, Shkodër, Kukës and Tirana",
        "summary_sq": "UNICEF dhe MDA po flasin drejtpërdrejt me të rinjtë dhe familjet për trafikimin. Një nxënëse nga Peshkopia zbuloi se martesa me shkesë me një burrë shumë më të madh mund të jetë trafikim.",
        "summary_en": "UNICEF and MDA are talking face to face with young people and families about trafficking. A student from Peshkopi learned that an arranged marriage to a much older man can be trafficking.",
        "body_sq": [
            _p(
                "Ekipet e fushatës vizitojnë shkolla, qendra komunitare dhe sheshe në katër qarqe, me fletëpalosje dhe biseda të shkurtra."
            ),
            _quote(
                "Nuk e dija që kjo quhet trafikim. Në qytetin tonë ndodh shpesh.",
                "K.K., nxënëse, Peshkopi",
            ),
            _p(
                "Qëllimi është që çdo i ri të dijë si ta njohë rrezikun dhe ku të telefonojë: 116 006 ose 129."
            ),
        ],
        "body_en": [
            _p(
                "Campaign teams visit schools, community centres and town squares in four regions, with leaflets and short conversations."
            ),
            _quote(
                "I did not know this is called trafficking. In our town it happens often.",
                "K.K., student, Peshkopi",
            ),
            _p(
                "The aim is that every young person knows how to spot the risk and whom to call: 116 006 or 129."
            ),
        ],
        "topics": ["prevention", "education"],
        "regions": ["diber", "shkoder", "kukes", "tirane"],
        "municipalities": ["diber"],
        "partners": ["UNICEF", "MDA"],
        "colour": (196, 90, 30),
    },
    {
        "slug_sq": "m-v-hap-rrobaqepesine-e-saj",
        "slug_en": "m-v-opens-her-own-tailoring-shop",
        "date": datetime.date(2020, 12, 11),
        "title_sq": "M.V. hap rrobaqepësinë e saj pas humbjes së punës",
        "title_en": "M.V. opens her own tailoring shop after losing her job",
        "summary_sq": "Një e mbijetuar e trafikimit humbi punën gjatë pandemisë. Me aftësitë e fituara në një kurs profesional dhe me ndihmën e Të Ndryshëm dhe të Barabartë, ajo nisi biznesin e saj.",
        "summary_en": "A trafficking survivor lost her job in the pandemic. With the skills from a vocational course and help from Different and Equal, she started her own business.",
        "body_sq": [
            _p(
                "M.V. kishte punuar si rrobaqepëse në një atelie pas kursit që i mundësoi organizata. Kur atelieja mbylli dyert, ajo vendosi të mos dorëzohej."
            ),
            _p(
                "Ajo i paraqiti organizatës idenë e një dyqani pranë shtëpisë dhe mori mbështetje për pajisjet dhe hapat e parë."
            ),
        ],
        "body_en": [
            _p(
                "M.V. had worked as a tailor in a studio after a course the organisation made possible. When the studio closed, she decided not to give up."
            ),
            _p(
                "She brought the organisation her idea of a shop near her home and got support with equipment and the first steps."
            ),
        ],
        "topics": ["reintegration", "employment"],
        "regions": ["tirane"],
        "municipalities": [],
        "partners": ["D&E"],
        "colour": (120, 40, 110),
    },
    {
        "slug_sq": "historia-e-denit",
        "slug_en": "the-story-of-deni",
        "date": datetime.date(2020, 11, 15),
        "title_sq": "Historia e \u201cDenit\u201d: kur bashkitë punojnë së bashku",
        "title_en": "The story of \u2018Deni\u2019: when municipalities work together",
        "summary_sq": "Bashkëpunimi i bashkive të Tiranës dhe Shkodrës, shërbimeve sociale dhe Nismës ARSIS bëri që një i mitur i shfrytëzuar për fitim të identifikohej dhe të merrte përkujdesjen e duhur.",
        "summary_en": "Cooperation between the municipalities of Tirana and Shkodër, social services and the ARSIS Initiative meant that a boy exploited for profit was identified and cared for.",
        "body_sq": [
            _p(
                "\u201cDeni\u201d (emri është ndryshuar për ta mbrojtur) u gjet falë informacionit që shërbimet e dy qyteteve ndanë me njëra-tjetrën."
            ),
            _p(
                "Sot ai merr ndihmën që i duhet për t\u2019u kthyer në shkollë dhe në jetën e komunitetit."
            ),
        ],
        "body_en": [
            _p(
                "\u2018Deni\u2019 (his name has been changed to protect him) was found because services in the two cities shared what they knew."
            ),
            _p("Today he receives the help he needs to return to school and to community life."),
        ],
        "topics": ["protection", "reintegration"],
        "regions": ["tirane", "shkoder"],
        "municipalities": ["tirane", "shkoder"],
        "partners": ["ARSIS"],
        "colour": (20, 120, 100),
    },
    {
        "slug_sq": "trajnimi-simulues-i-osbe-se",
        "slug_en": "osce-simulation-based-training",
        "date": datetime.date(2020, 11, 6),
        "title_sq": "Trajnimi simulues: profesionistët në qendër të rastit",
        "title_en": "Simulation-based training puts practitioners at the centre of the case",
        "summary_sq": "Prezenca e OSBE-së përgatit trajnimin e parë simulues kundër trafikimit në Shqipëri: pesë ditë me katër raste, nga krimi deri te shpëtimi i viktimave.",
        "summary_en": "The OSCE Presence is preparing Albania's first simulation-based anti-trafficking training: five days, four cases, from the crime to the rescue of the victims.",
        "body_sq": [
            _p(
                "Ekspertë shqiptarë dhe të huaj po shkruajnë skenarët. Pjesëmarrësit nga institucionet dhe shoqëria civile do të hetojnë, do të mbrojnë dhe do të ndihmojnë viktimat si në jetën reale."
            ),
            _figure(4, "raste trafikimi në skenar"),
        ],
        "body_en": [
            _p(
                "Albanian and international experts are writing the storylines. Participants from institutions and civil society will investigate, protect and assist victims as they would in real life."
            ),
            _figure(4, "trafficking cases in the storyline"),
        ],
        "topics": ["prosecution", "protection"],
        "regions": ["tirane"],
        "municipalities": [],
        "partners": ["OSCE"],
        "colour": (40, 70, 150),
    },
    {
        "slug_sq": "ponder-mendimi-kritik-per-te-rinjte",
        "slug_en": "ponder-critical-thinking-for-young-people",
        "date": datetime.date(2020, 11, 23),
        "title_sq": "PONDER: të rinjtë mësojnë të lexojnë mediat me mendje kritike",
        "title_en": "PONDER: young people learn to read the media critically",
        "summary_sq": "ICTSlab trajnoi 45 të rinj nga Babrruja, Kamza, Paskuqani dhe Tirana në një program treditor për mendimin kritik dhe leximin e imazheve.",
        "summary_en": "ICTSlab trained 45 young people from Babrru, Kamëz, Paskuqan and Tirana in a three-day programme on critical thinking and reading images.",
        "body_sq": [
            _p(
                "Tetë mentorë punuan me nxënësit mbi larminë e mediave, si të dallojnë mesazhet mashtruese dhe si ta përdorin këtë aftësi në punë."
            ),
            _figure(45, "të rinj të trajnuar"),
        ],
        "body_en": [
            _p(
                "Eight mentors worked with the students on media diversity, spotting misleading messages and using the skill at work."
            ),
            _figure(45, "young people trained"),
        ],
        "topics": ["education", "online-safety", "prevention"],
        "regions": ["tirane"],
        "municipalities": ["kamez", "tirane"],
        "partners": ["ICTSlab"],
        "colour": (210, 160, 20),
    },
    {
        "slug_sq": "shendeti-mendor-dhe-trafikimi",
        "slug_en": "mental-health-and-trafficking",
        "date": datetime.date(2020, 12, 11),
        "title_sq": "Shëndeti mendor në qendër të bisedës për trafikimin",
        "title_en": "Putting mental health at the heart of talking about trafficking",
        "summary_sq": "Në leksionet e Fondacionit Together Albania në shkollat e Kukësit, Dibrës, Shkodrës dhe Tiranës, të rinjtë pyetën pa u ndalur: si mendon një trafikant dhe pse askush nuk e vë re?",
        "summary_en": "At Foundation Together Albania's talks in schools in Kukës, Dibër, Shkodër and Tirana, young people kept asking: how does a trafficker think, and why does nobody notice?",
        "body_sq": [
            _quote(
                "Si është e mundur që askush nuk pa çfarë po i ndodhte asaj vajze?",
                "Një nxënës në Kukës",
            ),
            _p(
                "Psikologët i ndihmuan nxënësit të flasin për frikën, për shenjat e rrezikut dhe për ndihmën që ekziston."
            ),
        ],
        "body_en": [
            _quote(
                "How is it possible that nobody saw what was happening to that girl?",
                "A student in Kukës",
            ),
            _p(
                "Psychologists helped the students talk about fear, about warning signs and about the help that exists."
            ),
        ],
        "topics": ["mental-health", "prevention", "education"],
        "regions": ["kukes", "diber", "shkoder", "tirane"],
        "municipalities": [],
        "partners": ["Together"],
        "colour": (90, 140, 60),
    },
    {
        "slug_sq": "tableta-per-mesimin-online-ne-elbasan",
        "slug_en": "tablets-for-online-classes-in-elbasan",
        "date": datetime.date(2020, 12, 16),
        "title_sq": "Tableta dhe kompjuterë: 11 fëmijë në Elbasan ndjekin mësimin online",
        "title_en": "Tablets and computers let 11 children in Elbasan attend online classes",
        "summary_sq": "Fëmijët e qendrës rezidenciale të Tjetër Vizion për viktimat e trafikimit morën pajisje që u lejojnë të mos e humbasin mësimin gjatë pandemisë.",
        "summary_en": "Children at Tjetër Vizion's residential centre for trafficking victims received devices so they do not miss school during the pandemic.",
        "body_sq": [
            _p(
                "Në dhjetor qendra u pajis me tableta dhe kompjuterë. Tani çdo fëmijë ka qasje të drejtpërdrejtë në orët online."
            ),
            _figure(11, "fëmijë ndjekin mësimin online"),
        ],
        "body_en": [
            _p(
                "In December the centre received tablets and computers. Every child now has direct access to online lessons."
            ),
            _figure(11, "children attending online classes"),
        ],
        "topics": ["education", "reintegration"],
        "regions": ["elbasan"],
        "municipalities": ["elbasan"],
        "partners": ["TV"],
        "colour": (30, 130, 170),
    },
    {
        "slug_sq": "prinderit-kunder-dhunes",
        "slug_en": "parents-against-violence",
        "date": datetime.date(2020, 12, 23),
        "title_sq": "Prindërit bashkë kundër dhunës ndaj grave dhe fëmijëve",
        "title_en": "Parents together against violence towards women and children",
        "summary_sq": "Gjatë ditëve të aktivizmit kundër dhunës me bazë gjinore, 75 gra në Kukës, Shkodër dhe Peshkopi folën për vetëbesimin dhe shërbimet që i mbështetin, në grupet e Terre des Hommes.",
        "summary_en": "During the days of activism against gender-based violence, 75 women in Kukës, Shkodër and Peshkopi talked about self-confidence and the services that support them, in Terre des Hommes' groups.",
        "body_sq": [
            _p(
                "Orët e prindërve u përqendruan te imazhi pozitiv për veten dhe te e drejta për të jetuar pa dhunë."
            ),
            _quote(
                "Edhe në momentet më të vështira nuk u dorëzova. Ia dola vetë me dy fëmijë të vegjël.",
                "S., nënë nga Shkodra",
            ),
            _figure(75, "gra në grupet e prindërve"),
        ],
        "body_en": [
            _p(
                "The parenting classes focused on a positive self-image and the right to live free of violence."
            ),
            _quote(
                "Even at the hardest moments I did not give up. I made it on my own with two small children.",
                "S., a mother from Shkodër",
            ),
            _figure(75, "women in the parent groups"),
        ],
        "topics": ["protection", "mental-health"],
        "regions": ["kukes", "shkoder", "diber"],
        "municipalities": ["kukes", "shkoder", "diber"],
        "partners": ["TdH"],
        "colour": (170, 40, 60),
    },
]


def _mix(colour, other, share):
    return tuple(int(a + (b - a) * share) for a, b in zip(colour, other, strict=True))


def _circles(draw, colour, width, height):
    """A diagonal gradient from `colour` with three white rings."""
    for step in range(0, width + height, 12):
        draw.line(
            [(step, 0), (0, step)],
            fill=_mix(colour, (255, 255, 255), step / (width + height) * 0.6),
            width=12,
        )
    for index, radius in enumerate((220, 150, 90)):
        cx, cy = width * (0.3 + 0.2 * index), height * (0.6 - 0.1 * index)
        draw.ellipse(
            [cx - radius, cy - radius, cx + radius, cy + radius], outline=(255, 255, 255), width=6
        )


def _sunrise(draw, colour, width, height):
    """A sky fading to warm light, a sun and three rows of hills in `colour`."""
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix((255, 214, 150), colour, 1 - y / height * 0.9))
    draw.ellipse(
        [width * 0.55, height * 0.25, width * 0.55 + 260, height * 0.25 + 260], fill=(255, 236, 190)
    )
    for row, share in enumerate((0.25, 0.5, 0.75)):
        top = height * (0.55 + 0.12 * row)
        points = (
            [(0, height)]
            + [(x, top + 40 * ((x // 150 + row) % 3 - 1)) for x in range(0, width + 150, 150)]
            + [(width, height)]
        )
        draw.polygon(points, fill=_mix(colour, (10, 20, 40), share))


def _mosaic(draw, colour, width, height):
    """Tiles in shades of `colour`, a few of them in sunrise yellow."""
    tile = 75
    for row in range(height // tile + 1):
        for column in range(width // tile + 1):
            key = (row * 7 + column * 13) % 11
            fill = (246, 179, 61) if key == 0 else _mix(colour, (255, 255, 255), key / 14)
            x, y = column * tile, row * tile
            draw.rounded_rectangle([x + 4, y + 4, x + tile - 4, y + tile - 4], radius=10, fill=fill)


def _waves(draw, colour, width, height):
    """Bands of waves from dark `colour` at the bottom to pale at the top."""
    bands = 8
    for band in range(bands + 1):
        base = height * band / bands
        fill = _mix(colour, (255, 255, 255), 0.75 - band / bands * 0.7)
        points = [(0, height)]
        for x in range(0, width + 20, 20):
            offset = 28 * ((x // 20 + band * 3) % 12 - 6) / 6
            points.append((x, base + abs(offset) * 1.5 - 20))
        points.append((width, height))
        draw.polygon(points, fill=fill)


def _paths(draw, colour, width, height):
    """A pale ground crossed by broad paths in `colour`, meeting at a bright point."""
    draw.rectangle([0, 0, width, height], fill=_mix(colour, (255, 255, 255), 0.85))
    meeting = (width * 0.62, height * 0.45)
    for index, start in enumerate(
        ((0, height), (0, 0), (width, height), (width * 0.2, height), (width, 0))
    ):
        draw.line(
            [start, meeting], fill=_mix(colour, (0, 0, 0), index * 0.08), width=70 - index * 8
        )
    x, y = meeting
    draw.ellipse(
        [x - 60, y - 60, x + 60, y + 60], fill=(246, 179, 61), outline=(255, 255, 255), width=8
    )


# Each motif with what the picture shows, for its alternative text in both languages.
MOTIFS = [
    (_circles, "rrathë të bardhë mbi sfond me ngjyra", "white circles on a coloured background"),
    (_sunrise, "dielli që lind mbi kodra", "the sun rising over hills"),
    (_mosaic, "një mozaik katrorësh me ngjyra", "a mosaic of coloured squares"),
    (
        _waves,
        "valë me ngjyra që ngrihen njëra pas tjetrës",
        "coloured waves rising one behind the other",
    ),
    (_paths, "shtigje që takohen në një pikë të ndritshme", "paths meeting at a bright point"),
]


def draw_image(colour, size=(1200, 750), motif=0):
    """An abstract picture in `colour`, drawn here (no download): one of the MOTIFS."""
    width, height = size
    image = Image.new("RGB", size, colour)
    MOTIFS[motif % len(MOTIFS)][0](ImageDraw.Draw(image), colour, width, height)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    buffer.seek(0)
    return buffer


def demo_image(title, colour, alt_sq, alt_en, motif=0):
    image = CustomImage.objects.filter(title=title).first()
    if image is None:
        image = CustomImage(title=title)
        image.file = ImageFile(
            draw_image(colour, motif=motif), name=f"{title.lower().replace(' ', '-')}.jpg"
        )
    image.alt_text_sq = alt_sq
    image.alt_text_en = alt_en
    image.alt_text = alt_sq
    image.credit = "UNICEF Shqipëri / demo"
    image.save()
    return image


def ensure_partners():
    start = Partner.objects.count()
    for offset, (short, name_sq, name_en, website, email) in enumerate(EXTRA_PARTNERS):
        Partner.objects.get_or_create(
            short_name=short,
            defaults={
                "name": name_sq,
                "name_sq": name_sq,
                "name_en": name_en,
                "website": website,
                "email": email,
                "is_consortium_member": False,
                "sort_order": start + offset,
            },
        )


def load(home, stdout):
    ensure_partners()
    index = upsert_child(
        home,
        StoryIndexPage,
        "histori",
        title_sq="Histori",
        title_en="Stories",
        slug_en="stories",
        show_in_menus=True,
        intro_sq="Lajme dhe histori nga puna e partnerëve kundër trafikimit të qenieve njerëzore.",
        intro_en="News and stories from the partners' work against human trafficking.",
    )
    folders = {}

    def folder(year):
        if year not in folders:
            folders[year] = upsert_child(
                index,
                StoryYearPage,
                str(year),
                title_sq=str(year),
                title_en=str(year),
                slug_en=str(year),
                year=year,
            )
        return folders[year]

    # This year's folder too: a new story has its place from the first day.
    folder(timezone.localdate().year)
    for number, data in enumerate(STORIES):
        year = data["date"].year
        folder(year)
        _draw, shows_sq, shows_en = MOTIFS[number % len(MOTIFS)]
        image = demo_image(
            f"Demo {data['slug_en']}",
            data["colour"],
            f"Ilustrim abstrakt, {shows_sq}, për historinë \u201c{data['title_sq']}\u201d.",
            f"Abstract illustration, {shows_en}, for the story \u201c{data['title_en']}\u201d.",
            motif=number,
        )
        story = upsert_child(
            folders[year],
            StoryPage,
            data["slug_sq"],
            slug_en=data["slug_en"],
            title_sq=data["title_sq"],
            title_en=data["title_en"],
            date=data["date"],
            summary_sq=data["summary_sq"],
            summary_en=data["summary_en"],
            body_sq=data["body_sq"],
            body_en=data["body_en"],
            hero_image=image,
        )
        story.topics.set(Topic.objects.filter(slug__in=data["topics"]))
        story.regions.set(Region.objects.filter(slug__in=data["regions"]))
        story.municipalities.set(Municipality.objects.filter(slug__in=data["municipalities"]))
        story.partners.set(Partner.objects.filter(short_name__in=data["partners"]))
        story.save_revision().publish()
    stdout.write(f'Stories: {len(STORIES)} in "{index.title_en}", year folders {sorted(folders)}')
    return index


def story_by_slug(slug_sq):
    return StoryPage.objects.filter(slug_sq=slug_sq).first()
