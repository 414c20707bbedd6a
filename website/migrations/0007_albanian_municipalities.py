"""Every municipality of Albania (the 61 of the 2015 territorial reform), each in its county
(qark). Rows that already exist (the demo's, an editor's) are matched by slug: their names and
county are corrected, their programme and hotspot flags are left alone. Running it twice, or
after `load_demo`, changes nothing more."""

from django.db import migrations

# slug, Albanian name, English name, [(slug, Albanian name, English name)]
COUNTIES = [
    ("berat", "Berat", "Berat", [
        ("berat", "Berat", "Berat"),
        ("kucove", "Kuçovë", "Kuçovë"),
        ("polican", "Poliçan", "Poliçan"),
        ("skrapar", "Skrapar", "Skrapar"),
        ("ura-vajgurore", "Ura Vajgurore", "Ura Vajgurore"),
    ]),
    ("diber", "Dibër", "Dibër", [
        ("bulqize", "Bulqizë", "Bulqizë"),
        ("diber", "Dibër", "Dibër"),
        ("klos", "Klos", "Klos"),
        ("mat", "Mat", "Mat"),
    ]),
    ("durres", "Durrës", "Durrës", [
        ("durres", "Durrës", "Durrës"),
        ("kruje", "Krujë", "Krujë"),
        ("shijak", "Shijak", "Shijak"),
    ]),
    ("elbasan", "Elbasan", "Elbasan", [
        ("belsh", "Belsh", "Belsh"),
        ("cerrik", "Cërrik", "Cërrik"),
        ("elbasan", "Elbasan", "Elbasan"),
        ("gramsh", "Gramsh", "Gramsh"),
        ("librazhd", "Librazhd", "Librazhd"),
        ("peqin", "Peqin", "Peqin"),
        ("prrenjas", "Prrenjas", "Prrenjas"),
    ]),
    ("fier", "Fier", "Fier", [
        ("divjake", "Divjakë", "Divjakë"),
        ("fier", "Fier", "Fier"),
        ("lushnje", "Lushnjë", "Lushnjë"),
        ("mallakaster", "Mallakastër", "Mallakastër"),
        ("patos", "Patos", "Patos"),
        ("roskovec", "Roskovec", "Roskovec"),
    ]),
    ("gjirokaster", "Gjirokastër", "Gjirokastër", [
        ("dropull", "Dropull", "Dropull"),
        ("gjirokaster", "Gjirokastër", "Gjirokastër"),
        ("kelcyre", "Këlcyrë", "Këlcyrë"),
        ("libohove", "Libohovë", "Libohovë"),
        ("memaliaj", "Memaliaj", "Memaliaj"),
        ("permet", "Përmet", "Përmet"),
        ("tepelene", "Tepelenë", "Tepelenë"),
    ]),
    ("korce", "Korçë", "Korçë", [
        ("devoll", "Devoll", "Devoll"),
        ("kolonje", "Kolonjë", "Kolonjë"),
        ("korce", "Korçë", "Korçë"),
        ("maliq", "Maliq", "Maliq"),
        ("pogradec", "Pogradec", "Pogradec"),
        ("pustec", "Pustec", "Pustec"),
    ]),
    ("kukes", "Kukës", "Kukës", [
        ("has", "Has", "Has"),
        ("kukes", "Kukës", "Kukës"),
        ("tropoje", "Tropojë", "Tropojë"),
    ]),
    ("lezhe", "Lezhë", "Lezhë", [
        ("kurbin", "Kurbin", "Kurbin"),
        ("lezhe", "Lezhë", "Lezhë"),
        ("mirdite", "Mirditë", "Mirditë"),
    ]),
    ("shkoder", "Shkodër", "Shkodër", [
        ("fushe-arrez", "Fushë-Arrëz", "Fushë-Arrëz"),
        ("malesi-e-madhe", "Malësi e Madhe", "Malësi e Madhe"),
        ("puke", "Pukë", "Pukë"),
        ("shkoder", "Shkodër", "Shkodër"),
        ("vau-i-dejes", "Vau i Dejës", "Vau i Dejës"),
    ]),
    ("tirane", "Tiranë", "Tirana", [
        ("kamez", "Kamëz", "Kamëz"),
        ("kavaje", "Kavajë", "Kavajë"),
        # The slug the demo has used since the start; the name is Rrogozhinë.
        ("rogozhine", "Rrogozhinë", "Rrogozhinë"),
        ("tirane", "Tiranë", "Tirana"),
        ("vore", "Vorë", "Vorë"),
    ]),
    ("vlore", "Vlorë", "Vlorë", [
        ("delvine", "Delvinë", "Delvinë"),
        ("finiq", "Finiq", "Finiq"),
        ("himare", "Himarë", "Himarë"),
        ("konispol", "Konispol", "Konispol"),
        ("sarande", "Sarandë", "Sarandë"),
        ("selenice", "Selenicë", "Selenicë"),
        ("vlore", "Vlorë", "Vlorë"),
    ]),
]


def add_municipalities(apps, schema_editor):
    Region = apps.get_model("website", "Region")
    Municipality = apps.get_model("website", "Municipality")
    for order, (slug, name_sq, name_en, municipalities) in enumerate(COUNTIES, start=1):
        region = Region.objects.filter(slug=slug).first()
        if region is None:
            # New counties after any the demo placed first (it orders its programme regions).
            region = Region(slug=slug, sort_order=100 + order)
        region.name, region.name_sq, region.name_en = name_sq, name_sq, name_en
        region.save()
        for m_slug, m_sq, m_en in municipalities:
            municipality = Municipality.objects.filter(slug=m_slug).first()
            if municipality is None:
                municipality = Municipality(slug=m_slug)
            municipality.name, municipality.name_sq, municipality.name_en = m_sq, m_sq, m_en
            municipality.region = region
            municipality.save()


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0006_standard_page_body_help"),
    ]

    operations = [
        migrations.RunPython(add_municipalities, migrations.RunPython.noop, elidable=False),
    ]
