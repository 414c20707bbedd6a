"""The e-mails to entrants and guardians come from wording editors can change."""

from django.contrib.auth.models import Group
from django.core import mail, signing

from competitions import outbox, services
from competitions.enums import Actor, EntryState, MessageKind, Recipient
from competitions.models import EntrantMessage
from competitions.notifications import build_messages, fill_placeholders
from tests.competitions.conftest import minor_birthday, submit


def _edit(kind, **fields):
    EntrantMessage.objects.filter(kind=kind).update(**fields)


def test_defaults_exist_for_every_kind(db):
    assert sorted(EntrantMessage.objects.values_list("kind", flat=True)) == sorted(MessageKind)


def test_edited_message_reaches_an_albanian_entrant_in_albanian(
    photo, moderator, django_capture_on_commit_callbacks
):
    _edit(
        MessageKind.APPROVED,
        subject_sq="Lajm i mirë për {reference}",
        subject_en="Good news about {reference}",
        body_sq="Tungjatjeta {name}!\n«{title}» shkon te juria.\n{message}\n{link}",
        body_en="Hi {name}! {title} goes to the jury.",
    )
    entry = submit(photo, message_language="sq")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.move_entry(
            entry, EntryState.APPROVED, actor=Actor.MODERATOR, by=moderator, message="Bravo"
        )

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["ana@example.com"]
    assert sent.subject == "Lajm i mirë për US3-PHOTO-0001"
    link = sent.body.splitlines()[-1]
    assert link.startswith("http://testserver/sq/konkurse/pjesemarrja/")
    assert sent.body == (
        f"Tungjatjeta Ana Hoxha!\n«Drita» shkon te juria.\nMesazh nga organizatorët:\nBravo\n{link}"
    )


def test_edited_message_reaches_an_english_entrant_in_english(
    photo, moderator, django_capture_on_commit_callbacks
):
    _edit(
        MessageKind.REJECTED,
        subject_sq="Na vjen keq",
        subject_en="Sorry, {name}",
        body_sq="Nuk u pranua.",
        body_en="{title} ({reference}) was not accepted in {competition}.",
    )
    entry = submit(photo, message_language="en")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.move_entry(
            entry, EntryState.REJECTED, actor=Actor.MODERATOR, by=moderator, reason="off_theme"
        )

    assert [(m.subject, m.body) for m in mail.outbox] == [
        ("Sorry, Ana Hoxha", "Drita (US3-PHOTO-0001) was not accepted in Photography.")
    ]


def test_edited_consent_request_reaches_the_guardian(photo, django_capture_on_commit_callbacks):
    _edit(
        MessageKind.CONSENT_REQUEST,
        subject_en="Consent for {name}",
        body_en="Dear {guardian}, you have {days} days: {link}",
    )
    with django_capture_on_commit_callbacks(execute=True):
        submit(
            photo,
            message_language="en",
            date_of_birth=minor_birthday(),
            guardian_name="Besa Hoxha",
            guardian_email="besa@example.com",
        )

    to_guardian = [m for m in mail.outbox if m.to == ["besa@example.com"]]
    assert len(to_guardian) == 1
    assert to_guardian[0].subject == "Consent for Ana Hoxha"
    assert to_guardian[0].body.startswith("Dear Besa Hoxha, you have 14 days: http://testserver/")


def test_unknown_placeholders_are_sent_as_they_are(photo, django_capture_on_commit_callbacks):
    _edit(
        MessageKind.RECEIPT,
        subject_en="{reference} {oops} {0} {entry.__class__}",
        body_en="{name} {unknown} {{reference}} {",
    )
    with django_capture_on_commit_callbacks(execute=True):
        submit(photo, message_language="en")

    assert mail.outbox[0].subject == "US3-PHOTO-0001 {oops} {0} {entry.__class__}"
    assert mail.outbox[0].body == "Ana Hoxha {unknown} {US3-PHOTO-0001} {"


def test_missing_row_falls_back_to_the_builtin_text(photo, django_capture_on_commit_callbacks):
    EntrantMessage.objects.filter(kind=MessageKind.RECEIPT).delete()

    with django_capture_on_commit_callbacks(execute=True):
        submit(photo, message_language="sq")

    assert mail.outbox[0].subject == "Punimi yt US3-PHOTO-0001 ka mbërritur"
    assert "Referenca jote është US3-PHOTO-0001." in mail.outbox[0].body


def test_empty_language_falls_back_to_the_builtin_text(photo, django_capture_on_commit_callbacks):
    _edit(MessageKind.RECEIPT, subject_sq="Edituar", body_sq="Edituar", body_en="")

    with django_capture_on_commit_callbacks(execute=True):
        submit(photo, message_language="en")

    assert mail.outbox[0].subject == "Your entry US3-PHOTO-0001 has arrived"


def _every_kind_of_notification(photo, story, moderator, monkeypatch):
    """Entries in both languages with every e-mail an entrant or guardian can receive (the
    notices `competitions.outbox` rendered into the outbox, in order)."""
    notices = []

    def record(notification):
        if notification.recipient != Recipient.SAFEGUARDING:
            notices.append(notification)
        return build_messages(notification)

    monkeypatch.setattr(outbox, "build_messages", record)
    adult_en = submit(photo, token="a", email="a@example.com", message_language="en")
    adult_sq = submit(photo, token="b", email="b@example.com", message_language="sq")
    minor = submit(
        story,
        image=False,
        token="c",
        email="c@example.com",
        message_language="sq",
        date_of_birth=minor_birthday(),
        guardian_name="Besa",
        guardian_email="besa@example.com",
        story_text="një dy tre katër pesë gjashtë",
        language="sq",
    )
    services.move_entry(adult_en, "changes_requested", actor=Actor.MODERATOR, message="Crop it")
    services.move_entry(adult_sq, "approved", actor=Actor.MODERATOR)
    services._notify(minor, "consent_reminder", Recipient.GUARDIAN)
    third = submit(photo, token="d", email="d@example.com", message_language="en")
    services.move_entry(third, "rejected", actor=Actor.MODERATOR, reason="off_theme", message="X")
    fourth = submit(photo, token="e", email="e@example.com", message_language="sq")
    services.move_entry(fourth, "safeguarding_hold", actor=Actor.MODERATOR, message="private")
    return notices


def test_default_wording_sends_what_the_builtin_templates_sent(
    photo, story, moderator, monkeypatch
):
    # The links are signed with the current second: the same second for both renderings.
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: "1xYQ80")
    notifications = _every_kind_of_notification(photo, story, moderator, monkeypatch)
    edited = [[(m.subject, m.body) for m in build_messages(n)] for n in notifications]

    EntrantMessage.objects.all().delete()
    builtin = [[(m.subject, m.body) for m in build_messages(n)] for n in notifications]

    assert len(notifications) == 11
    assert edited == builtin


def test_fill_placeholders_leaves_other_braces():
    assert fill_placeholders("{a} {b} {c.d} {{a}} {", {"a": "1"}) == "1 {b} {c.d} {1} {"


def test_moderator_can_edit_messages_in_the_admin(client, moderator):
    row = EntrantMessage.objects.get(kind=MessageKind.APPROVED)
    client.force_login(moderator)

    response = client.get(f"/admin/snippets/competitions/entrantmessage/edit/{row.pk}/")

    assert response.status_code == 200
    assert "subject_sq" in response.content.decode()


def test_editor_cannot_edit_messages(client, editor):
    row = EntrantMessage.objects.get(kind=MessageKind.APPROVED)
    client.force_login(editor)

    response = client.get(f"/admin/snippets/competitions/entrantmessage/edit/{row.pk}/")

    assert response.status_code == 302
    assert (
        not Group.objects.get(name="Editors")
        .permissions.filter(codename="change_entrantmessage")
        .exists()
    )


def test_moderator_saves_both_languages_in_the_admin(client, moderator):
    user = moderator
    row = EntrantMessage.objects.get(kind=MessageKind.APPROVED)
    client.force_login(user)

    response = client.post(
        f"/admin/snippets/competitions/entrantmessage/edit/{row.pk}/",
        {
            "kind": "approved",
            "subject_sq": "Lajm",
            "subject_en": "News",
            "body_sq": "Trupi {name}",
            "body_en": "Body {name}",
        },
    )

    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.subject_sq, row.subject_en, row.body_sq, row.body_en) == (
        "Lajm",
        "News",
        "Trupi {name}",
        "Body {name}",
    )
