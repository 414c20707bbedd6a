"""The default Albanian wording of the e-mails to entrants, stored by 0004, follows the glossary
(docs/glossary.md): the work sent in is a *punim* (not *pjesëmarrje*), the entrant is addressed
with *ti* (the receipt subject said *juaj*), the help sentence agrees with *dikush*, and titles
are quoted „…“.

Only a subject or text that still holds 0004's default word for word is changed: a wording an
editor has changed is left as it is. Backwards, the same exact-match rule restores 0004's text."""

from importlib import import_module

from django.db import migrations

# (0004's words, the glossary's words), applied in this order to the Albanian defaults.
REPLACEMENTS = [
    ("Pjesëmarrja juaj {reference} ka mbërritur", "Punimi yt {reference} ka mbërritur"),
    ("Të reja për pjesëmarrjen tënde {reference}", "Të reja për punimin tënd {reference}"),
    ("mund të ndjekësh pjesëmarrjen,", "mund të ndjekësh punimin,"),
    ("Pjesëmarrja jote kontrollohet", "Punimi yt kontrollohet"),
    ("ditëve, pjesëmarrja fshihet.", "ditëve, punimi fshihet."),
    ("diçka në pjesëmarrjen tënde.", "diçka në punimin tënd."),
    ("Pjesëmarrja jote u kontrollua", "Punimi yt u kontrollua"),
    ("pjesëmarrja jote nuk mund", "punimi yt nuk mund"),
    ("Faleminderit për pjesëmarrjen.", "Faleminderit për punimin."),
    (
        "dikush që njeh je në rrezik ose ke nevojë të flasësh",
        "dikush që njeh është në rrezik ose ka nevojë të flasë",
    ),
    # Albanian quotation marks „…“.
    ("pjesë në “{competition}”", "pjesë në „{competition}“"),
]


def old_defaults():
    """{(kind, field): 0004's Albanian default}."""
    defaults = import_module("competitions.migrations.0004_default_entrant_messages").DEFAULTS
    old = {}
    for kind, (subject_sq, _subject_en, body_sq, _body_en) in defaults.items():
        old[kind, "subject_sq"] = subject_sq
        old[kind, "body_sq"] = body_sq
    return old


def glossary_wording(text):
    for old, new in REPLACEMENTS:
        text = text.replace(old, new)
    return text


def _replace(apps, pairs):
    EntrantMessage = apps.get_model("competitions", "EntrantMessage")
    for (kind, field), (current, wanted) in pairs.items():
        if current != wanted:
            EntrantMessage.objects.filter(kind=kind, **{field: current}).update(**{field: wanted})


def forwards(apps, schema_editor):
    _replace(apps, {key: (text, glossary_wording(text)) for key, text in old_defaults().items()})


def backwards(apps, schema_editor):
    _replace(apps, {key: (glossary_wording(text), text) for key, text in old_defaults().items()})


class Migration(migrations.Migration):
    dependencies = [
        ("competitions", "0009_pending_uploads_and_entry_thread"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
