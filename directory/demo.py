"""Demo: the help directory with the nine organisations of the 2024 service guide and the
programme's consortium partners. Services, regions and contacts come from the programme's
documents; the descriptions are our own. Where the documents give no contact, a reserved
example.org address stands in (it reaches nobody and says so by its name): every organisation
shows a contact. No phone number is made up: a wrong number in a help directory does harm."""

from directory.enums import ServiceKind as S
from directory.models import DirectoryPage, Organisation, Service
from website.demo import upsert_child
from website.models import Partner, Region

# Regions the guide names that the shared taxonomy does not have yet.
EXTRA_REGIONS = [
    ("lezhe", "Lezhë", "Lezhë"),
    ("fier", "Fier", "Fier"),
    ("berat", "Berat", "Berat"),
]

ORGANISATIONS = [
    {
        "slug": "different-and-equal",
        "partner": "D&E",
        "name_sq": "Të Ndryshëm dhe të Barabartë",
        "name_en": "Different and Equal",
        "description_sq": (
            "Që nga viti 2004 ndihmon viktimat e trafikimit, të shfrytëzimit dhe të abuzimit të "
            "rindërtojnë jetën, hap pas hapi: nga ndërhyrja në krizë te stabilizimi dhe përfshirja "
            "në shoqëri. Ka një strehë të sigurt e konfidenciale, të hapur ditë e natë, edhe për "
            "fëmijët e tyre, dhe ndihmon edhe burrat dhe djemtë."
        ),
        "description_en": (
            "Since 2004 it has helped victims of trafficking, exploitation and abuse rebuild their "
            "lives step by step: from crisis support to stability and a place in the community. "
            "It runs a safe, confidential shelter open day and night, also for their children, "
            "and supports men and boys too."
        ),
        "services": [
            S.SHELTER,
            S.OPEN_24_7,
            S.COUNSELLING,
            S.LEGAL_AID,
            S.MEDICAL_AID,
            S.EDUCATION,
            S.VOCATIONAL_TRAINING,
            S.EMPLOYMENT,
            S.FAMILY_MEDIATION,
            S.IDENTIFICATION,
        ],
        "regions": ["tirane"],
        "nationwide": True,
        "email": "different&equal@icc-al.org",
        "website": "https://www.differentandequal.org",
    },
    {
        "slug": "mary-ward-loreto",
        "partner": None,
        "name_sq": "Fondacioni Mary Ward Loreto",
        "name_en": "Mary Ward Loreto Foundation",
        "description_sq": (
            "Qendrat e tij të këshillimit dhe shërbimit në Tiranë, Lezhë, Rrëshen, Sarandë dhe "
            "Lushnjë japin këshilla, ndihmë psikologjike, ligjore e shëndetësore dhe strehim për "
            "këdo që rrezikon trafikimin ose shfrytëzimin. Me dy sipërmarrje sociale, në Kallmet "
            "dhe në Tropojë, u jep grave kurse profesionale dhe punë."
        ),
        "description_en": (
            "Its advice and service centres in Tirana, Lezhë, Rrëshen, Sarandë and Lushnjë offer "
            "advice, psychological, legal and medical help and shelter to anyone at risk of "
            "trafficking or exploitation. Two social enterprises, in Kallmet and Tropojë, give "
            "women vocational training and work."
        ),
        "services": [
            S.SHELTER,
            S.COUNSELLING,
            S.LEGAL_AID,
            S.MEDICAL_AID,
            S.VOCATIONAL_TRAINING,
            S.EMPLOYMENT,
        ],
        "regions": ["tirane", "lezhe", "vlore", "fier", "kukes"],
        "email": "mary-ward-loreto@example.org",
    },
    {
        "slug": "shkej",
        "partner": "SHKEJ",
        "name_sq": "Shoqata Kombëtare Edukim për Jetën (SHKEJ)",
        "name_en": "National Association Education for Life (SHKEJ)",
        "description_sq": (
            "Mbështet fëmijët, të rinjtë dhe familjet në vështirësi ekonomike e sociale përmes "
            "qendrave komunitare Eden dhe Little Angels në Tiranë, njësive të lëvizshme "
            "psiko-sociale në zonat rurale dhe programeve për mbrojtjen e fëmijëve, arsimin "
            "gjithëpërfshirës dhe sigurinë në internet."
        ),
        "description_en": (
            "Supports children, young people and families facing hardship through the Eden and "
            "Little Angels community centres in Tirana, psycho-social mobile units in rural areas "
            "and programmes on child protection, inclusive education and online safety."
        ),
        "services": [
            S.CHILD_PROTECTION,
            S.EDUCATION,
            S.COUNSELLING,
            S.MOBILE_UNIT,
            S.PARENTING,
            S.EMPLOYMENT,
        ],
        "regions": ["tirane", "durres", "kukes", "shkoder"],
        "email": "shkej@albmail.com",
        "website": "http://www.shkej.org",
    },
    {
        "slug": "nisma-arsis",
        "partner": "ARSIS",
        "name_sq": "Nisma për Ndryshim Social ARSIS",
        "name_en": "Initiative for Social Change ARSIS",
        "description_sq": (
            "Në qendrën „Shtëpia e Ngjyrave“ strehon menjëherë fëmijët në rrezik të lartë, dhe "
            "nënat me fëmijë, derisa shteti të gjejë një zgjidhje në interesin më të mirë të "
            "fëmijës. Punon në terren me fëmijët në rrugë dhe me të miturit në konflikt me ligjin, "
            "bashkë me njësitë e mbrojtjes së fëmijës."
        ),
        "description_en": (
            "Its “House of Colours” centre gives immediate emergency shelter to children at high "
            "risk, and to mothers with children, until the authorities find a solution in the "
            "child's best interest. It works in the street with children and with juveniles in "
            "contact with the law, together with child protection units."
        ),
        "services": [
            S.SHELTER,
            S.OPEN_24_7,
            S.CHILD_PROTECTION,
            S.COUNSELLING,
            S.MEDICAL_AID,
            S.IDENTIFICATION,
        ],
        "regions": ["tirane", "shkoder"],
        "nationwide": True,
        "email": "initiative.arsis@gmail.com",
        "website": "http://www.nisma-arsis.org",
    },
    {
        "slug": "tjeter-vizion",
        "partner": "TV",
        "name_sq": "Tjetër Vizion",
        "name_en": "Tjetër Vizion (Another Vision)",
        "description_sq": (
            "Prej më shumë se 20 vitesh kujdeset në Elbasan për të miturit dhe për viktimat e "
            "trafikimit nga e gjithë Shqipëria: një qendër rezidenciale riintegrimi për të "
            "miturit, një qendër ditore për gratë dhe vajzat dhe kurse profesionale falas "
            "(rrobaqepësi, gatim, parukeri, kujdes social) me ndihmë për të gjetur punë."
        ),
        "description_en": (
            "For more than 20 years it has cared in Elbasan for minors and for victims of "
            "trafficking from all over Albania: a residential reintegration centre for minors, a "
            "day centre for women and girls, and free vocational courses (tailoring, cooking, "
            "hairdressing, social care) with help to find work."
        ),
        "services": [
            S.SHELTER,
            S.EDUCATION,
            S.VOCATIONAL_TRAINING,
            S.EMPLOYMENT,
            S.COUNSELLING,
            S.CHILD_PROTECTION,
        ],
        "regions": ["elbasan"],
        "nationwide": True,
        "email": "tjetervizion@gmail.com",
        "website": "http://www.tjetervizion.org",
    },
    {
        "slug": "vatra",
        "partner": "VATRA",
        "name_sq": "Qendra Psiko-Sociale „Vatra“",
        "name_en": "Vatra Psycho-Social Centre",
        "description_sq": (
            "Hapi në vitin 2001 strehën e parë në Shqipëri për viktimat e trafikimit dhe që "
            "atëherë ka ndihmuar mbi 2 600 të mbijetuar dhe fëmijët e tyre. Ka strehë të hapura "
            "ditë e natë, një klinikë ligjore dhe njësi të lëvizshme identifikimi në Vlorë, "
            "Durrës, Berat, Dibër dhe Lezhë."
        ),
        "description_en": (
            "It opened Albania's first shelter for victims of trafficking in 2001 and has since "
            "helped more than 2,600 survivors and their children. It runs shelters open day and "
            "night, a legal clinic and mobile identification units in Vlorë, Durrës, Berat, "
            "Dibër and Lezhë."
        ),
        "services": [
            S.SHELTER,
            S.OPEN_24_7,
            S.COUNSELLING,
            S.LEGAL_AID,
            S.MEDICAL_AID,
            S.EDUCATION,
            S.EMPLOYMENT,
            S.MOBILE_UNIT,
            S.IDENTIFICATION,
        ],
        "regions": ["vlore", "durres", "berat", "diber", "lezhe"],
        "email": "info@gendravatra.org.al",
        "website": "http://www.gendravatra.org.al",
    },
    {
        "slug": "medaille-trust",
        "partner": None,
        "name_sq": "Medaille Trust në Shqipëri",
        "name_en": "Medaille Trust in Albania",
        "description_sq": (
            "E pranishme në Shqipëri që nga 1 shtatori 2023, u jep të rinjve arsim dhe aftësi që "
            "kërkon tregu i punës, mbështet sipërmarrjet e reja dhe punon me organizatat dhe "
            "juristët për një ligj të plotë kundër trafikimit, në bashkëpunim me Mbretërinë e "
            "Bashkuar."
        ),
        "description_en": (
            "Present in Albania since 1 September 2023, it gives young people the education and "
            "skills the labour market asks for, supports new businesses and works with NGOs and "
            "lawyers towards a full anti-trafficking law, together with partners in the UK."
        ),
        "services": [S.EDUCATION, S.VOCATIONAL_TRAINING, S.EMPLOYMENT],
        "regions": ["tirane"],
        "nationwide": True,
        "email": "medaille-trust@example.org",
    },
    {
        "slug": "papa-gjoni-xxiii",
        "partner": None,
        "name_sq": "Komuniteti Papa Gjoni XXIII",
        "name_en": "Community of Pope John XXIII",
        "description_sq": (
            "Në Shqipëri që nga prilli 1999, kryesisht në veri, ngre shtëpi familjare për njerëz "
            "në nevojë. Në Shkodër, streha për gra „Santa Maria“ dhe streha e re e hapur në "
            "dhjetor 2023 ndihmojnë gratë dhe nënat me fëmijë që kanë pësuar dhunë të fitojnë "
            "pavarësi psikologjike dhe ekonomike."
        ),
        "description_en": (
            "In Albania since April 1999, mainly in the north, it sets up family homes for people "
            "in need. In Shkodër, the “Santa Maria” women's shelter and a new shelter opened in "
            "December 2023 help women and mothers with children who suffered violence regain "
            "psychological and economic independence."
        ),
        "services": [S.SHELTER, S.COUNSELLING, S.EMPLOYMENT, S.EDUCATION],
        "regions": ["shkoder"],
        "email": "papa-gjoni-xxiii@example.org",
    },
    {
        "slug": "world-vision-albania",
        "partner": None,
        "name_sq": "World Vision Shqipëri",
        "name_en": "World Vision Albania",
        "description_sq": (
            "Përgatit fëmijët dhe adoleshentët për sfidat e jetës që të mos bien pre e trafikimit: "
            "1 128 prej tyre marrin pjesë në klubet IMPACT, dhe 517 prindër e kujdestarë në "
            "grupet e prindërimit pozitiv. Bashkë me UNICEF-in organizoi „Historitë e pathëna 3“ "
            "me të rinj nga Tirana, Shkodra, Kukësi dhe Dibra."
        ),
        "description_en": (
            "Prepares children and adolescents for life's challenges so that traffickers cannot "
            "prey on them: 1,128 of them take part in IMPACT clubs, and 517 parents and carers in "
            "Positive Parenting groups. With UNICEF it ran “Untold Stories 3” with young people "
            "from Tirana, Shkodër, Kukës and Dibër."
        ),
        "services": [S.CHILD_PROTECTION, S.EDUCATION, S.PARENTING, S.COUNSELLING],
        "regions": ["tirane", "shkoder", "kukes", "diber"],
        "email": "world-vision-albania@example.org",
    },
    {
        "slug": "unicef-albania",
        "partner": "UNICEF",
        "name_sq": "UNICEF Shqipëri",
        "name_en": "UNICEF Albania",
        "description_sq": (
            "Drejton programin kundër trafikimit dhe konsorciumin e partnerëve. Nuk ofron "
            "shërbime të drejtpërdrejta: për ndihmë, drejtohuni te linjat e ndihmës ose te "
            "organizatat e kësaj liste."
        ),
        "description_en": (
            "Leads the anti-trafficking programme and the consortium of partners. It does not "
            "give direct help: for help, turn to the help lines or to the organisations in this "
            "list."
        ),
        "services": [],
        "regions": [],
        "nationwide": True,
        "email": "tirana@unicef.org",
        "website": "https://www.unicef.org/albania",
        "address_sq": "Rruga Dervish Hekali 8, Tiranë 1001",
        "address_en": "Rruga Dervish Hekali 8, Tirana 1001",
    },
    {
        "slug": "osce-presence-in-albania",
        "partner": "OSCE",
        "name_sq": "Prezenca e OSBE-së në Shqipëri",
        "name_en": "OSCE Presence in Albania",
        "description_sq": (
            "Trajnon policinë, prokurorët, gjyqtarët dhe shoqërinë civile që ta hetojnë dhe ta "
            "ndjekin trafikimin duke mbrojtur të drejtat e viktimave. Nuk ofron shërbime të "
            "drejtpërdrejta për viktimat."
        ),
        "description_en": (
            "Trains police, prosecutors, judges and civil society to investigate and prosecute "
            "trafficking while protecting victims' rights. It does not give direct help to "
            "victims."
        ),
        "services": [],
        "regions": [],
        "nationwide": True,
        "email": "pm-al@osce.org",
        "website": "https://www.osce.org/presence-in-albania",
    },
    {
        "slug": "terre-des-hommes",
        "partner": "TdH",
        "name_sq": "Terre des Hommes",
        "name_en": "Terre des Hommes",
        "description_sq": (
            "Mbron fëmijët dhe të rinjtë në rrezik dhe forcon shërbimet vendore për ta. Në "
            "Kukës, Shkodër dhe Peshkopi drejton grupe mbështetëse dhe orë për prindërit."
        ),
        "description_en": (
            "Protects children and young people at risk and strengthens local services for "
            "them. In Kukës, Shkodër and Peshkopi it runs parent support groups and parenting "
            "classes."
        ),
        "services": [S.CHILD_PROTECTION, S.PARENTING, S.COUNSELLING],
        "regions": ["kukes", "shkoder", "diber"],
        "email": "alb.office@tdh.ch",
        "website": "https://www.tdh.ch/albania",
    },
]


def load_extra_regions():
    last = Region.objects.order_by("-sort_order").values_list("sort_order", flat=True).first()
    order = (last or 0) + 1
    for slug, name_sq, name_en in EXTRA_REGIONS:
        region = Region.objects.filter(slug=slug).first()
        if region is None:
            Region.objects.create(
                slug=slug, name=name_sq, name_sq=name_sq, name_en=name_en, sort_order=order
            )
            order += 1


def load_organisations():
    services = {service.code: service for service in Service.objects.all()}
    regions = {region.slug: region for region in Region.objects.all()}
    partners = {partner.short_name: partner for partner in Partner.objects.all()}
    for row in ORGANISATIONS:
        organisation, _created = Organisation.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name_sq"],
                "name_sq": row["name_sq"],
                "name_en": row["name_en"],
                "description": row["description_sq"],
                "description_sq": row["description_sq"],
                "description_en": row["description_en"],
                "nationwide": row.get("nationwide", False),
                "phone": row.get("phone", ""),
                "email": row.get("email", ""),
                "website": row.get("website", ""),
                "address": row.get("address_sq", ""),
                "address_sq": row.get("address_sq", ""),
                "address_en": row.get("address_en", ""),
                "partner": partners.get(row["partner"]) if row["partner"] else None,
            },
        )
        organisation.services.set([services[kind.value] for kind in row["services"]])
        organisation.regions.set([regions[slug] for slug in row["regions"] if slug in regions])


def load(home, stdout):
    load_extra_regions()
    load_organisations()
    page = upsert_child(
        home,
        DirectoryPage,
        "ku-te-gjesh-ndihme",
        title_sq="Ku të gjesh ndihmë",
        title_en="Where to find help",
        slug_en="find-help",
        show_in_menus=True,
        intro_sq=(
            "Organizata që ndihmojnë viktimat e trafikimit, të mbijetuarit dhe njerëzit në "
            "rrezik. Zgjidhni shërbimin dhe qarkun që ju duhen."
        ),
        intro_en=(
            "Organisations that help victims of trafficking, survivors and people at risk. "
            "Choose the service and the region you need."
        ),
    )
    stdout.write(f"Directory: {Organisation.objects.count()} organisations.\n")
    return page
