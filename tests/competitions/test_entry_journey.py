"""The entrant's journey through the entry form and the private page (issue 14, item 2): the image
kept across an error, the error summary, the guardian step without JavaScript, the limits, the
receipt's summary, every municipality, the consent e-mail and the reply thread."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from competitions import services, tokens
from competitions.enums import Actor, ConsentState, EntryState
from competitions.forms import municipality_choices
from competitions.images import clean_image
from competitions.models import Entry, EntryMessage, PendingUpload
from competitions.storage import private_storage
from competitions.tasks import PERIODIC_TASKS, delete_stale_uploads_task
from tests.competitions.conftest import jpeg_bytes, minor_birthday, submit, upload
from tests.competitions.test_views import enter_url, post_data, rendered_token
from tests.factories.competitions import CompetitionCategoryFactory, CompetitionPageFactory
from website.demo import load_taxonomy
from website.models import Municipality, Region

KEPT_IMAGE = re.compile(r'<img src="([^"]+/kept-image/\?token=[^"]+)"')
FILE_INPUT = re.compile(r'<input type="file"[^>]*>')

COUNTIES = {
    "berat": 5, "diber": 4, "durres": 3, "elbasan": 7, "fier": 6, "gjirokaster": 7,
    "korce": 6, "kukes": 3, "lezhe": 3, "shkoder": 5, "tirane": 5, "vlore": 7,
}  # fmt: skip


def send(client, competition, token, *, image=None, **overrides):
    data = post_data(form_token=token, **overrides)
    if image is not None:
        data["image"] = image
    return client.post(enter_url(competition), data)


# --- The image kept across an error ----------------------------------------------------------


def test_image_kept_after_error_and_sent_without_choosing_again(
    client, photo, django_capture_on_commit_callbacks
):
    token = rendered_token(client, photo)

    first = send(client, photo, token, image=upload(jpeg_bytes(), name="IMG_2041.jpg"), title="")

    body = first.content.decode()
    pending = PendingUpload.objects.get()
    assert first.status_code == 200
    assert Entry.objects.count() == 0
    assert pending.original_name == "IMG_2041.jpg"
    assert (pending.width, pending.height) == (1200, 900)
    assert "Your image is kept" in body
    assert "IMG_2041.jpg" in body
    # The browser must not ask for a file again: the input is no longer required.
    assert " required" not in FILE_INPUT.search(body)[0]
    thumbnail = client.get(KEPT_IMAGE.search(body)[1].replace("&amp;", "&"))
    assert thumbnail.status_code == 200
    assert thumbnail["Cache-Control"].startswith("no-store, private")
    assert thumbnail["Content-Type"] == "image/jpeg"
    names = [pending.image.name, pending.thumbnail.name]
    assert all(private_storage().exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        second = send(client, photo, token, title="Drita")

    entry = Entry.objects.get()
    assert second.status_code == 302
    assert (entry.image_width, entry.image_height) == (1200, 900)
    assert private_storage().exists(entry.image.name)
    assert PendingUpload.objects.count() == 0
    assert not any(private_storage().exists(name) for name in names)
    receipt = client.get(second["Location"]).content.decode()
    assert '<dd class="summary-file">IMG_2041.jpg (1200 × 900)</dd>' in receipt


def test_new_image_replaces_the_kept_one(client, photo, django_capture_on_commit_callbacks):
    token = rendered_token(client, photo)
    send(client, photo, token, image=upload(jpeg_bytes()), title="")
    old = PendingUpload.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        send(client, photo, token, image=upload(jpeg_bytes((1600, 1200)), name="b.jpg"), title="")

    new = PendingUpload.objects.get()
    assert new.pk != old.pk
    assert (new.original_name, new.width) == ("b.jpg", 1600)
    assert not private_storage().exists(old.image.name)


def test_kept_image_not_visible_from_another_session(client, photo):
    token = rendered_token(client, photo)
    body = send(client, photo, token, image=upload(jpeg_bytes()), title="").content.decode()
    url = KEPT_IMAGE.search(body)[1].replace("&amp;", "&")
    other = Client()
    other.get(enter_url(photo))

    assert other.get(url).status_code == 404
    # Posting the first browser's token from the second gives a fresh form, without the image.
    response = send(other, photo, token, title="Drita")
    assert response.status_code == 200
    assert "Your image is kept" not in response.content.decode()
    assert Entry.objects.count() == 0


def test_kept_image_of_another_competition_not_served(client, photo, index):
    other = CompetitionPageFactory(parent=index, slug_sq="tjeter", slug_en="other")
    token = rendered_token(client, photo)
    send(client, photo, token, image=upload(jpeg_bytes()), title="")

    url = reverse("competitions:kept_image", args=[other.pk])
    assert client.get(url, {"token": token}).status_code == 404
    kept = reverse("competitions:kept_image", args=[photo.pk])
    assert client.get(kept, {"token": token}).status_code == 200


def test_stale_kept_images_deleted_after_hours(photo, django_capture_on_commit_callbacks):
    image = clean_image(io.BytesIO(jpeg_bytes()), max_bytes=10**7)
    now = timezone.now()
    stale = services.keep_upload(
        competition=photo, form_key="a", image=image, now=now - timedelta(hours=7)
    )
    fresh = services.keep_upload(
        competition=photo, form_key="b", image=image, now=now - timedelta(hours=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        deleted = services.delete_stale_uploads(now=now)

    assert deleted == 1
    assert list(PendingUpload.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not private_storage().exists(stale.image.name)
    assert private_storage().exists(fresh.image.name)
    assert services.kept_upload(competition=photo, form_key="a") is None


def test_stale_uploads_task_is_periodic():
    assert delete_stale_uploads_task in PERIODIC_TASKS


# --- Error summary, labels, limits ------------------------------------------------------------


def test_error_summary_links_to_each_field(client, photo):
    token = rendered_token(client, photo)

    body = send(client, photo, token, image=upload(jpeg_bytes()), title="", email="x").content
    body = body.decode()

    summary = body[
        body.index('id="error-summary"') : body.index("</div>", body.index("error-summary"))
    ]
    assert re.findall(r'<a href="#(id_\w+)">', summary) == ["id_email", "id_title"]
    assert 'id="id_email"' in body and 'id="id_title"' in body
    assert "There is a problem" in summary


def test_form_labels_no_doubled_or_wrong_optional(client, photo):
    body = client.get(enter_url(photo)).content.decode()

    assert "(optional) (optional)" not in body
    assert 'Content warning <span class="optional">(optional)</span>' in body
    for name in ("guardian_name", "guardian_email", "municipality"):
        label = re.search(rf'<label for="id_{name}">(.*?)</label>', body, re.S)[1]
        assert "optional" not in label


def test_limits_shown_at_upload_field(client, photo):
    body = client.get(enter_url(photo)).content.decode()

    assert (photo.max_file_mb, photo.min_image_side) == (15, 100)
    assert (
        "JPEG, PNG, WebP or HEIC; at most 15 MB and 50 megapixels; the shortest side at least "
        "100 pixels." in body
    )
    assert 'id="upload-preview" hidden' in body


# --- The guardian's details, without JavaScript --------------------------------------------------


def test_guardian_step_without_javascript(client, photo, django_capture_on_commit_callbacks):
    token = rendered_token(client, photo)
    sixteen = minor_birthday().isoformat()

    first = send(client, photo, token, image=upload(jpeg_bytes()), date_of_birth=sixteen)

    body = first.content.decode()
    assert first.status_code == 200
    assert Entry.objects.count() == 0
    assert "One more step" in body
    assert "You are under 18, so we need your parent" in body
    assert "There is a problem" not in body
    assert 'class="errors"' not in body
    assert 'name="guardian_step" value="1"' in body
    assert "Your image is kept" in body

    with django_capture_on_commit_callbacks(execute=True):
        second = send(
            client,
            photo,
            token,
            date_of_birth=sixteen,
            guardian_step="1",
            guardian_name="Besa Hoxha",
            guardian_email="besa@example.org",
        )

    entry = Entry.objects.get()
    assert second.status_code == 302
    assert entry.state == EntryState.AWAITING_CONSENT
    assert entry.entrant.guardian_email == "besa@example.org"
    assert entry.image.name


def test_guardian_fields_left_empty_after_the_step_are_errors(client, photo):
    token = rendered_token(client, photo)

    response = send(
        client,
        photo,
        token,
        image=upload(jpeg_bytes()),
        date_of_birth=minor_birthday().isoformat(),
        guardian_step="1",
    )

    body = response.content.decode()
    assert "There is a problem" in body
    assert '<a href="#id_guardian_name">You are under 18: give a parent' in body
    assert Entry.objects.count() == 0


def test_adult_needs_no_guardian_step(client, photo):
    token = rendered_token(client, photo)

    response = send(client, photo, token, image=upload(jpeg_bytes()))

    assert response.status_code == 302
    assert Entry.objects.get().consent_state == ConsentState.NOT_NEEDED


# --- Every municipality -----------------------------------------------------------------------


def test_all_61_municipalities_in_their_12_counties(db):
    counts = {
        region.slug: region.municipalities.count()
        for region in Region.objects.filter(slug__in=COUNTIES)
    }
    assert counts == COUNTIES
    assert sum(counts.values()) == 61
    kucove = Municipality.objects.get(slug="kucove")
    assert (kucove.name_sq, kucove.name_en, kucove.region.slug) == ("Kuçovë", "Kuçovë", "berat")
    tirane = Municipality.objects.get(slug="tirane")
    assert (tirane.name_sq, tirane.name_en) == ("Tiranë", "Tirana")
    assert Municipality.objects.get(slug="rogozhine").name_sq == "Rrogozhinë"


def test_demo_taxonomy_keeps_61_municipalities(db):
    before = Municipality.objects.count()

    load_taxonomy()
    load_taxonomy()

    assert Municipality.objects.count() == before
    assert Municipality.objects.get(slug="kamez").is_programme_area is True
    assert Municipality.objects.get(slug="rogozhine").name_sq == "Rrogozhinë"
    assert Municipality.objects.get(slug="tirane").name_en == "Tirana"


def test_municipality_list_grouped_by_county(client, photo):
    body = client.get(enter_url(photo, "sq")).content.decode()

    select = body[
        body.index('<select name="municipality"') : body.index(
            "</select>", body.index('<select name="municipality"')
        )
    ]
    groups = re.findall(r'<optgroup label="([^"]+)">', select)
    assert groups[:12] == [
        "Berat", "Dibër", "Durrës", "Elbasan", "Fier", "Gjirokastër",
        "Korçë", "Kukës", "Lezhë", "Shkodër", "Tiranë", "Vlorë",
    ]  # fmt: skip
    assert len(re.findall(r'<option value="\d+"', select)) == Municipality.objects.count()
    assert ">Këlcyrë</option>" in select


def test_municipality_list_costs_one_query(photo):
    with CaptureQueriesContext(connection) as queries:
        municipality_choices()
    assert len(queries) == 1


# --- Receipt ----------------------------------------------------------------------------------


def test_receipt_summarises_the_entry(client, photo):
    category = CompetitionCategoryFactory(page=photo, name_en="Under 18", name_sq="Nën 18")
    token = rendered_token(client, photo)

    response = send(
        client, photo, token, image=upload(jpeg_bytes(), name="street.jpg"), category=category.pk
    )

    entry = Entry.objects.get()
    body = client.get(response["Location"]).content.decode()
    assert '<dd class="summary-title">Drita</dd>' in body
    assert '<dd class="summary-category">Under 18</dd>' in body
    assert '<dd class="summary-file">street.jpg (1200 × 900)</dd>' in body
    thumb = reverse("competitions:entry_file", args=[tokens.entrant_token(entry), "thumbnail"])
    assert f'src="{thumb}"' in body
    assert "What happens next" in body
    # Another browser with the link sees the summary, never the file's name.
    assert "street.jpg" not in Client().get(response["Location"]).content.decode()


# --- Consent e-mail to the entrant --------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "subject", "phrase"),
    [
        ("en", "Consent received for your entry US3-PHOTO-0001", "has given their consent"),
        ("sq", "Pëlqimi për punimin tënd US3-PHOTO-0001 mbërriti", "dha pëlqimin"),
    ],
)
def test_entrant_emailed_when_guardian_consents(
    photo, language, subject, phrase, django_capture_on_commit_callbacks
):
    entry = submit(
        photo,
        date_of_birth=minor_birthday(),
        guardian_name="Besa",
        guardian_email="besa@example.org",
        message_language=language,
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.give_consent(entry)

    [message] = [m for m in mail.outbox if m.to == ["ana@example.com"]]
    assert message.subject == subject
    assert phrase in message.body
    assert tokens.entrant_token(entry) in message.body


def test_refused_consent_sends_no_consent_email(photo, django_capture_on_commit_callbacks):
    entry = submit(
        photo, date_of_birth=minor_birthday(), guardian_name="B", guardian_email="b@example.org"
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.refuse_consent(entry)

    assert [m.subject for m in mail.outbox if "Consent received" in m.subject] == []


# --- The reply thread ---------------------------------------------------------------------------


def entry_url(entry):
    return reverse("competitions:entry", args=[tokens.entrant_token(entry)])


def test_entrant_reply_reaches_moderators_and_shows_in_both_threads(
    client, photo, moderator, editor, django_capture_on_commit_callbacks
):
    entry = submit(photo)
    moderator_client = Client()
    moderator_client.force_login(moderator)
    services.move_entry(
        entry,
        EntryState.CHANGES_REQUESTED,
        actor=Actor.MODERATOR,
        by=moderator,
        message="Please crop the faces out.",
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(entry_url(entry), {"action": "reply", "body": "Which faces?"})

    assert response.status_code == 302
    assert response["Location"].endswith("#messages")
    [reply] = EntryMessage.objects.all()
    assert (reply.entry, reply.author, reply.body) == (entry, "entrant", "Which faces?")
    assert [m.to for m in mail.outbox] == [["moderator@example.com"]]
    assert "Which faces?" not in mail.outbox[0].body
    assert reverse("competitions_admin:detail", args=[entry.pk]) in mail.outbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert page.index("Please crop the faces out.") < page.index("Which faces?")
    assert "Your message has been sent to the organisers." in page
    detail = moderator_client.get(reverse("competitions_admin:detail", args=[entry.pk]))
    assert "Which faces?" in detail.content.decode()
    assert 'id="entry-thread"' in detail.content.decode()


def test_reply_to_held_entry_goes_to_safeguarding_officers(
    client, photo, moderator, officer, django_capture_on_commit_callbacks
):
    entry = submit(photo)
    services.move_entry(entry, EntryState.SAFEGUARDING_HOLD, actor=Actor.MODERATOR, by=moderator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(entry_url(entry), {"action": "reply", "body": "I am scared."})

    assert [m.to for m in mail.outbox] == [["officer@example.com"]]
    assert "I am scared." not in mail.outbox[0].body


def test_replies_rate_limited(client, photo):
    entry = submit(photo)
    for number in range(5):
        client.post(entry_url(entry), {"action": "reply", "body": f"Message {number}"})

    response = client.post(entry_url(entry), {"action": "reply", "body": "One more"})

    assert response.status_code == 200
    assert "You have sent many messages in a short time" in response.content.decode()
    assert EntryMessage.objects.count() == 5


def test_reply_refused_after_withdrawal(photo):
    entry = submit(photo)
    services.withdraw_entry(entry)

    with pytest.raises(services.MoveNotAllowed):
        services.reply_to_organisers(entry, body="Hello")
    assert services.can_reply(entry)[0] is False


def test_withdrawal_erases_the_replies(photo):
    entry = submit(photo)
    services.reply_to_organisers(entry, body="Hello")

    services.withdraw_entry(entry)

    assert EntryMessage.objects.count() == 0
    assert "messages" in entry.erasures.get().erased


def test_entry_page_queries_do_not_grow_with_the_thread(client, photo, django_assert_num_queries):
    entry = submit(photo)
    url = entry_url(entry)
    services.reply_to_organisers(entry, body="One")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(8):
        services.reply_to_organisers(entry, body=f"More {number}")

    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert response.content.decode().count('class="message from-entrant"') == 9


def test_changes_sent_confirmed(client, photo, moderator):
    entry = submit(photo)
    services.move_entry(
        entry, EntryState.CHANGES_REQUESTED, actor=Actor.MODERATOR, by=moderator, message="Title?"
    )

    response = client.post(
        entry_url(entry), {"action": "answer", "title": "Drita e re", "description": ""}
    )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'id="confirmation" role="status"' in page
    assert "Your changes have been sent." in page
    # Shown once.
    assert "Your changes have been sent." not in client.get(entry_url(entry)).content.decode()


def test_young_entrant_sees_guardian_fields_unhidden_without_js(client, photo):
    body = client.get(enter_url(photo)).content.decode()

    fieldset = re.search(r'<fieldset class="guardian-fields"[^>]*>', body)[0]
    assert "hidden" not in fieldset
    assert 'data-consent-age="18"' in fieldset
