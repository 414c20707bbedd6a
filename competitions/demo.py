"""Demo competitions: the 2020 photography and short-story competitions and the third edition
for artwork (2024). Facts and figures come from the programme's documents; sentences are ours.
The demo photo competition is kept open (its deadline moves into the future) so a newcomer can
enter it. Idempotent: pages are found by their Albanian slug, demo entries by their form token.
"""

import io
from datetime import date, datetime, timedelta

from django.utils import timezone
from PIL import Image, ImageDraw

from competitions import services
from competitions.enums import CompetitionKind, EntryState
from competitions.images import clean_image
from competitions.models import CompetitionIndexPage, CompetitionPage, Entry
from website.demo import upsert_child

# How long the third edition's demo entries are kept after its results (2024), in days.
DEMO_KEEP_DAYS = 3650


def _p(text):
    return f"<p>{text}</p>"


def _aware(*args):
    return timezone.make_aware(datetime(*args))


def load(home, stdout):
    index = upsert_child(
        home,
        CompetitionIndexPage,
        "konkurse",
        title_sq="Historitë e pathëna",
        title_en="Untold Stories",
        slug_en="competitions",
        show_in_menus=True,
        intro_sq="Konkurse kombëtare për të rinjtë: fotografi, tregime dhe vepra arti që flasin "
        "për trafikimin e qenieve njerëzore.",
        intro_en="National competitions for young people: photographs, stories and artworks "
        "that speak about human trafficking.",
    )
    now = timezone.now()
    common = {
        "rules_sq": _p(
            "Çdo punim duhet të jetë i yti dhe i pabotuar. Asnjë viktimë nuk duhet "
            "të njihet në punim. Punimet kontrollohen para se t'i shohë juria."
        ),
        "rules_en": _p(
            "Every work must be your own and unpublished. No victim may be "
            "recognisable in it. Entries are checked before the jury sees them."
        ),
        "eligibility_sq": _p(
            "Të rinj shqiptarë 15 deri 29 vjeç, brenda ose jashtë vendit, "
            "që nuk janë profesionistë."
        ),
        "eligibility_en": _p(
            "Young Albanians aged 15 to 29, in the country or abroad, who are not professionals."
        ),
        "licence_sq": _p(
            "Organizatorët mund ta publikojnë punimin, pa pagesë, në faqe, ekspozita "
            "dhe materiale ndërgjegjësimi, me emrin që zgjodhe."
        ),
        "licence_en": _p(
            "The organisers may publish the work, free of charge, online, in "
            "exhibitions and in awareness materials, under the credit you chose."
        ),
    }
    photo = upsert_child(
        index,
        CompetitionPage,
        "konkursi-i-fotografise",
        title_sq="Konkursi kombëtar i fotografisë",
        title_en="National photography competition",
        slug_en="photography-competition",
        kind=CompetitionKind.PHOTO,
        edition=1,
        theme_sq="Ndërgjegjësimi për trafikimin e qenieve njerëzore",
        theme_en="Awareness of human trafficking",
        intro_sq="UNICEF Shqipëri dhe MDA ftojnë fotografët joprofesionistë të tregojnë me një "
        "fotografi atë që shpesh nuk thuhet.",
        intro_en="UNICEF Albania and MDA invite non-professional photographers to show in one "
        "picture what often goes unsaid.",
        opens_at=_aware(2020, 11, 16, 9, 0),
        deadline=now + timedelta(days=30),
        judging_starts_on=(now + timedelta(days=31)).date(),
        results_on=(now + timedelta(days=60)).date(),
        min_image_side=600,
        **common,
    )
    upsert_child(
        index,
        CompetitionPage,
        "konkursi-i-tregimit",
        title_sq="Konkursi kombëtar i tregimit të shkurtër",
        title_en="National short story competition",
        slug_en="short-story-competition",
        kind=CompetitionKind.STORY,
        edition=1,
        theme_sq="Ndërgjegjësimi për trafikimin e qenieve njerëzore",
        theme_en="Awareness of human trafficking",
        intro_sq="Një tregim i shkurtër, në shqip ose anglisht, për rreziqet e trafikimit dhe "
        "për forcën e atyre që i mbijetojnë.",
        intro_en="A short story, in Albanian or English, about the risks of trafficking and the "
        "strength of those who survive it.",
        opens_at=_aware(2020, 11, 16, 9, 0),
        deadline=_aware(2020, 12, 31, 23, 59),
        judging_starts_on=date(2021, 1, 11),
        results_on=date(2021, 2, 1),
        story_min_words=500,
        story_max_words=2500,
        **common,
    )
    upsert_child(
        index,
        CompetitionPage,
        "historite-e-pathena-3",
        title_sq="Historitë e pathëna 3 – Një vështrim artistik mbi trafikimin",
        title_en="Untold Stories 3 – An art perspective on human trafficking",
        slug_en="untold-stories-3",
        kind=CompetitionKind.ARTWORK,
        edition=3,
        theme_sq="Trafikimi i qenieve njerëzore parë me sytë e artistëve të rinj",
        theme_en="Human trafficking through the eyes of young artists",
        intro_sq="World Vision Shqipëri dhe UNICEF ftuan të rinjtë nga Tirana, Shkodra, Kukësi "
        "dhe Dibra të krijojnë vepra arti. 92 artistë dërguan 114 vepra; juria profesionale "
        "zgjodhi 30 për ekspozitën në Tiranë më 19 mars 2024, dhe tre artistë u vlerësuan.",
        intro_en="World Vision Albania and UNICEF invited young people from Tirana, Shkodër, "
        "Kukës and Dibër to make artworks. 92 artists sent 114 works; a professional jury chose "
        "30 for the exhibition in Tirana on 19 March 2024, and three artists were recognised.",
        opens_at=_aware(2023, 11, 1, 9, 0),
        deadline=_aware(2024, 1, 31, 23, 59),
        judging_starts_on=date(2024, 2, 5),
        results_on=date(2024, 3, 19),
        # The demo's works stay for people to try the moderation and the jury room: kept ten
        # years after the results, so the worker's daily purge (`retention`) leaves them alone.
        keep_non_winning_days=DEMO_KEEP_DAYS,
        **common,
    )
    _demo_entries(photo)
    stdout.write("Competitions: 3 competitions, demo entries in the photography competition.\n")


def _demo_image(seed):
    image = Image.new("RGB", (1200, 800), (20 + seed * 40, 90, 160 - seed * 30))
    draw = ImageDraw.Draw(image)
    draw.ellipse((300 + seed * 80, 200, 700 + seed * 80, 600), fill=(240, 200, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    return clean_image(io.BytesIO(buffer.getvalue()), max_bytes=10**7)


DEMO_ENTRIES = [
    (
        "Dritare e mbyllur",
        "Një dritare me grila në një lagje të Kamzës.",
        "Drita",
        EntryState.IN_MODERATION,
    ),
    (
        "Rruga për në shkollë",
        "Dy vajza ecin drejt shkollës në mëngjes.",
        "",
        EntryState.IN_MODERATION,
    ),
    ("Valixhja", "Një valixhe e harruar në stacionin e autobusit.", "Hëna", EntryState.APPROVED),
]


def _demo_entries(photo):
    for seed, (title, caption, pen_name, state) in enumerate(DEMO_ENTRIES):
        token = f"demo-entry-{seed}"
        if Entry.objects.filter(form_token=token).exists():
            continue
        entry, _created = services.submit_entry(
            competition=photo,
            form_token=token,
            image=_demo_image(seed),
            data={
                "full_name": f"Demo Entrant {seed + 1}",
                "email": f"entrant{seed + 1}@example.com",
                "date_of_birth": date(2001, 5, 1 + seed),
                "country": "AL",
                "municipality": None,
                "message_language": "sq",
                "credit": "pen_name" if pen_name else "anonymous",
                "pen_name": pen_name,
                "title": title,
                "description": caption,
                **{f"declare_{key}": True for key in services.DECLARATION_FIELDS},
            },
        )
        if state == EntryState.APPROVED:
            services.move_entry(entry, state, actor="moderator", note="demo")
