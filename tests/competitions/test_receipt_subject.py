"""The stored default wording of the e-mails to entrants follows the glossary (migration 0010):
the receipt subject says *Punimi yt* (ti, punim) instead of 0004's *Pjesëmarrja juaj*, and only a
text that still holds 0004's default is changed."""

from importlib import import_module

from django.apps import apps
from django.core import mail

from competitions.enums import MessageKind
from competitions.models import EntrantMessage
from tests.competitions.conftest import submit

migration = import_module("competitions.migrations.0010_entrant_messages_glossary_wording")

OLD_SUBJECT = "Pjesëmarrja juaj {reference} ka mbërritur"
NEW_SUBJECT = "Punimi yt {reference} ka mbërritur"


def _subject(kind):
    return EntrantMessage.objects.get(kind=kind).subject_sq


def test_the_migrated_database_holds_the_new_receipt_subject(db):
    assert _subject(MessageKind.RECEIPT) == NEW_SUBJECT
    assert _subject(MessageKind.RECEIPT_AWAITING_CONSENT) == NEW_SUBJECT
    stored = EntrantMessage.objects.values_list("subject_sq", "body_sq")
    assert not [text for row in stored for text in row if "pjesëmarrj" in text.lower()]


def test_the_old_default_becomes_the_new_one_and_an_edited_subject_stays(db):
    EntrantMessage.objects.filter(kind=MessageKind.RECEIPT).update(subject_sq=OLD_SUBJECT)
    EntrantMessage.objects.filter(kind=MessageKind.RECEIPT_AWAITING_CONSENT).update(
        subject_sq="Pjesëmarrja juaj {reference} ka mbërritur!"
    )
    EntrantMessage.objects.filter(kind=MessageKind.APPROVED).update(
        subject_sq="Të reja për pjesëmarrjen tënde {reference}", body_sq="Teksti i redaktorit"
    )

    migration.forwards(apps, None)

    assert _subject(MessageKind.RECEIPT) == NEW_SUBJECT
    assert _subject(MessageKind.RECEIPT_AWAITING_CONSENT) == (
        "Pjesëmarrja juaj {reference} ka mbërritur!"
    )
    approved = EntrantMessage.objects.get(kind=MessageKind.APPROVED)
    assert approved.subject_sq == "Të reja për punimin tënd {reference}"
    assert approved.body_sq == "Teksti i redaktorit"


def test_the_old_bodies_take_the_glossary_words(db):
    old = migration.old_defaults()
    for (kind, field), text in old.items():
        EntrantMessage.objects.filter(kind=kind).update(**{field: text})

    migration.forwards(apps, None)

    hold = EntrantMessage.objects.get(kind=MessageKind.SAFEGUARDING_HOLD).body_sq
    assert "Faleminderit për punimin. Po e kontrollojmë ende.\n" in hold
    assert "Nëse ti ose dikush që njeh është në rrezik ose ka nevojë të flasë, nuk je vetëm" in hold
    rejected = EntrantMessage.objects.get(kind=MessageKind.REJECTED).body_sq
    assert "Na vjen keq: punimi yt nuk mund të pranohej në këtë konkurs." in rejected
    consent = EntrantMessage.objects.get(kind=MessageKind.CONSENT_REQUEST).body_sq
    assert "dha emrin tuaj si prind ose kujdestar" in consent  # the guardian keeps *ju*
    assert "Pa përgjigje brenda {days} ditëve, punimi fshihet." in consent
    assert "{name} mori pjesë në „{competition}“, një konkurs" in consent
    receipt = EntrantMessage.objects.get(kind=MessageKind.RECEIPT).body_sq
    assert "Faleminderit që more pjesë në „{competition}“. Referenca jote" in receipt
    assert "mund të ndjekësh punimin, t'u përgjigjesh mesazheve tona" in receipt
    stored = EntrantMessage.objects.values_list("subject_sq", "body_sq")
    assert not [text for row in stored for text in row if "pjesëmarrj" in text.lower()]


def test_backwards_restores_only_the_new_default(db):
    EntrantMessage.objects.filter(kind=MessageKind.RECEIPT_AWAITING_CONSENT).update(
        subject_sq="Redaktuar {reference}"
    )

    migration.backwards(apps, None)

    assert _subject(MessageKind.RECEIPT) == OLD_SUBJECT
    assert _subject(MessageKind.RECEIPT_AWAITING_CONSENT) == "Redaktuar {reference}"


def test_an_albanian_entrant_gets_the_new_subject(photo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(photo, message_language="sq")

    assert mail.outbox[0].subject == "Punimi yt US3-PHOTO-0001 ka mbërritur"
