"""Fill the editable messages with the wording the built-in e-mail templates had, so that
nothing changes for entrants until an editor changes a text."""

from django.db import migrations

GREETING_EN = "Hello {name},\n\n"
GREETING_SQ = "Përshëndetje {name},\n\n"
LINK = "\n{link}\n\n{help_lines}\n"
NEWS_EN = "News about your entry {reference}"
NEWS_SQ = "Të reja për pjesëmarrjen tënde {reference}"
RECEIPT_EN = "Your entry {reference} has arrived"
RECEIPT_SQ = "Pjesëmarrja juaj {reference} ka mbërritur"
THANKS_EN = "Thank you for entering “{competition}”. Your reference is {reference}.\n\n"
THANKS_SQ = "Faleminderit që more pjesë në “{competition}”. Referenca jote është {reference}.\n\n"
FOLLOW_EN = (
    "Follow your entry, answer our messages or withdraw it with this private link. "
    "Do not share it:"
)
FOLLOW_SQ = (
    "Me këtë lidhje private mund të ndjekësh pjesëmarrjen, t'u përgjigjesh mesazheve tona ose "
    "ta tërheqësh. Mos ia jep askujt:"
)
WAITING_EN = (
    "We have written to your parent or guardian. Your entry is checked only after they consent."
    "\n\n"
)
WAITING_SQ = (
    "I kemi shkruar prindit ose kujdestarit tënd. Pjesëmarrja jote kontrollohet vetëm pasi ata "
    "të japin pëlqimin.\n\n"
)
CONSENT_EN = (
    "Hello {guardian},\n\n"
    "{name} has entered “{competition}”, a competition of UNICEF Albania and its partners, and "
    "gave your name as their parent or guardian.\n\n"
    "Please open this link to see the entry and the rules, and to consent or refuse. Without an "
    "answer within {days} days, the entry is deleted." + LINK
)
CONSENT_SQ = (
    "Përshëndetje {guardian},\n\n"
    "{name} mori pjesë në “{competition}”, një konkurs i UNICEF Shqipëri dhe partnerëve të tij, "
    "dhe dha emrin tuaj si prind ose kujdestar.\n\n"
    "Ju lutemi hapni këtë lidhje për të parë punimin dhe rregullat, dhe për të dhënë ose "
    "refuzuar pëlqimin. Pa përgjigje brenda {days} ditëve, pjesëmarrja fshihet." + LINK
)


def _state(text):
    return text + "\n\n{message}\n" + LINK


DEFAULTS = {
    "receipt": (
        RECEIPT_SQ,
        RECEIPT_EN,
        GREETING_SQ + THANKS_SQ + FOLLOW_SQ + LINK,
        GREETING_EN + THANKS_EN + FOLLOW_EN + LINK,
    ),
    "receipt_awaiting_consent": (
        RECEIPT_SQ,
        RECEIPT_EN,
        GREETING_SQ + THANKS_SQ + WAITING_SQ + FOLLOW_SQ + LINK,
        GREETING_EN + THANKS_EN + WAITING_EN + FOLLOW_EN + LINK,
    ),
    "consent_request": (
        "Një i ri ose një e re ju kërkon pëlqimin",
        "A young person asks for your consent",
        CONSENT_SQ,
        CONSENT_EN,
    ),
    "consent_reminder": (
        "Kujtesë: një i ri ose një e re ju kërkon pëlqimin",
        "Reminder: a young person asks for your consent",
        CONSENT_SQ,
        CONSENT_EN,
    ),
    "changes_requested": (
        NEWS_SQ,
        NEWS_EN,
        GREETING_SQ
        + _state(
            "Të kërkojmë të ndryshosh diçka në pjesëmarrjen tënde. Hap lidhjen private për të "
            "parë çfarë dhe për të dërguar ndryshimet."
        ),
        GREETING_EN
        + _state(
            "We ask you to change something in your entry. Please open your private link to see "
            "what and to send the changes."
        ),
    ),
    "approved": (
        NEWS_SQ,
        NEWS_EN,
        GREETING_SQ + _state("Pjesëmarrja jote u kontrollua dhe kalon te juria."),
        GREETING_EN + _state("Your entry has been checked and goes to the jury."),
    ),
    "rejected": (
        NEWS_SQ,
        NEWS_EN,
        GREETING_SQ + _state("Na vjen keq: pjesëmarrja jote nuk mund të pranohej në këtë konkurs."),
        GREETING_EN + _state("We are sorry: your entry could not be accepted in this competition."),
    ),
    "safeguarding_hold": (
        NEWS_SQ,
        NEWS_EN,
        GREETING_SQ
        + "Faleminderit për pjesëmarrjen. Po e kontrollojmë ende.\n"
        + "Nëse ti ose dikush që njeh je në rrezik ose ke nevojë të flasësh, nuk je vetëm: "
        + "linjat më poshtë janë falas dhe konfidenciale.\n"
        + LINK,
        GREETING_EN
        + "Thank you for your entry. We are still checking it.\n"
        + "If you or someone you know is in danger or needs to talk, you are not alone: "
        + "the lines below are free and confidential.\n"
        + LINK,
    ),
}


def fill(apps, schema_editor):
    EntrantMessage = apps.get_model("competitions", "EntrantMessage")
    for kind, (subject_sq, subject_en, body_sq, body_en) in DEFAULTS.items():
        EntrantMessage.objects.get_or_create(
            kind=kind,
            defaults={
                "subject_sq": subject_sq,
                "subject_en": subject_en,
                "body_sq": body_sq,
                "body_en": body_en,
            },
        )


def grant(apps, schema_editor):
    """Competition moderators, who run the competitions, may change the wording."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="competitions", model="entrantmessage"
    )
    group, _ = Group.objects.get_or_create(name="Competition moderators")
    for codename in ("view_entrantmessage", "change_entrantmessage"):
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ")},
        )
        group.permissions.add(perm)


def empty(apps, schema_editor):
    apps.get_model("competitions", "EntrantMessage").objects.filter(kind__in=DEFAULTS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("competitions", "0003_entrant_messages_and_retention"),
        ("competitions", "0002_moderation_permissions"),
    ]

    operations = [
        migrations.RunPython(fill, empty),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
