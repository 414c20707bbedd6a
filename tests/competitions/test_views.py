import io
import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from competitions import demo, tokens
from competitions.enums import Actor, EntryState
from competitions.models import CompetitionPage, Entry
from competitions.services import move_entry
from tests.admin_pages import create_page_in_admin
from tests.competitions.conftest import (
    adult_birthday,
    jpeg_bytes,
    minor_birthday,
    submit,
    upload,
)


def enter_url(competition, lang="en"):
    with override(lang):
        return reverse("competitions:enter", args=[competition.pk])


def post_data(**overrides):
    data = {
        "full_name": "Ana Hoxha",
        "email": "ana@example.com",
        "date_of_birth": adult_birthday().isoformat(),
        "country": "XK",
        "message_language": "sq",
        "credit": "anonymous",
        "title": "Drita",
        "description": "Një rrugë.",
        "declare_non_professional": "on",
        "declare_own_work": "on",
        "declare_people_agreed": "on",
        "declare_rules_read": "on",
        "declare_licence": "on",
        "form_token": "form-token-1",
    }
    data.update(overrides)
    return data


FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def rendered_token(client, competition):
    """The form token of the entry form as `client`'s browser session gets it."""
    found = FORM_TOKEN.search(client.get(enter_url(competition)).content.decode())
    return found[1] if found else "no-form-rendered"


def post_photo(client, competition, image=None, **overrides):
    overrides.setdefault("form_token", rendered_token(client, competition))
    data = post_data(**overrides)
    data["image"] = image or upload(jpeg_bytes())
    return client.post(enter_url(competition), data)


def test_enter_form_renders_in_both_languages(client, photo):
    assert "Send my entry" in client.get(enter_url(photo)).content.decode()
    response = client.get(enter_url(photo, "sq"))
    assert response.status_code == 200
    assert 'name="form_token"' in response.content.decode()


def test_enter_happy_path_receipt_and_email(client, photo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_photo(client, photo)
    entry = Entry.objects.get()
    assert response.status_code == 302
    receipt = client.get(response["Location"])
    assert "US3-PHOTO-0001" in receipt.content.decode()
    assert receipt["Cache-Control"].startswith("max-age=0")
    assert mail.outbox[0].subject == "Punimi yt US3-PHOTO-0001 ka mbërritur"
    assert entry.entrant.language == "sq"
    # The upload's name is never used on disk.
    assert entry.image.name.startswith(f"entries/{photo.pk}/")
    assert "photo" not in entry.image.name


def test_enter_twice_same_token_same_receipt(client, photo):
    token = rendered_token(client, photo)
    first = post_photo(client, photo, form_token=token)
    second = post_photo(client, photo, form_token=token)
    assert Entry.objects.count() == 1
    assert first.status_code == second.status_code == 302
    ref = Entry.objects.get().reference
    assert ref in client.get(second["Location"]).content.decode()


def test_enter_replayed_token_from_second_browser_gets_fresh_form(
    client, photo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        token = rendered_token(client, photo)
        first = post_photo(client, photo, form_token=token)
    entry = Entry.objects.get()
    assert first["Location"] == reverse("competitions:receipt", args=[tokens.entrant_token(entry)])
    second_browser = Client()
    second_browser.get(enter_url(photo))

    response = post_photo(second_browser, photo, form_token=token, full_name="Mal Lika")

    body = response.content.decode()
    assert response.status_code == 200
    assert Entry.objects.count() == 1
    assert "This form was opened in another browser or too long ago" in body
    assert tokens.entrant_token(entry) not in body
    assert entry.reference not in body
    fresh = FORM_TOKEN.search(body)[1]
    assert fresh != token
    assert tokens.form_token_key(fresh, second_browser.session) is not None
    # Sent again from the fresh form, it is a new entry of its own.
    again = post_photo(second_browser, photo, form_token=fresh, email="mal@example.com")
    assert again.status_code == 302
    assert Entry.objects.count() == 2


def test_enter_forged_or_unsigned_token_never_creates(client, photo):
    client.get(enter_url(photo))
    response = post_photo(client, photo, form_token="form-token-1")
    assert response.status_code == 200
    assert Entry.objects.count() == 0
    assert response.context["form"].non_field_errors() == [
        "This form was opened in another browser or too long ago, so it was not sent. Check what "
        "you wrote, choose your file again if there is one, and send it."
    ]


def test_enter_honeypot_no_entry_no_email(client, photo):
    response = post_photo(client, photo, website="http://spam")
    assert response.status_code == 200
    assert Entry.objects.count() == 0
    assert mail.outbox == []


def test_enter_rate_limited_per_ip_429_in_reader_language(client, photo, monkeypatch):
    monkeypatch.setattr("competitions.ratelimit.POSTS_PER_IP", 2)
    for i in range(2):
        post_photo(client, photo, form_token=f"t{i}", email=f"a{i}@example.com")
    response = client.post(enter_url(photo, "sq"), post_data(form_token="t9"))
    assert response.status_code == 429
    assert "Shumë përpjekje" in response.content.decode()


def test_enter_after_deadline_refused(client, photo):
    photo.deadline = timezone.now() - timedelta(seconds=1)
    photo.save()
    response = post_photo(client, photo)
    assert response.status_code == 403
    assert Entry.objects.count() == 0


def test_enter_before_opening_refused(client, photo):
    CompetitionPage.objects.filter(pk=photo.pk).update(opens_at=timezone.now() + timedelta(days=1))
    assert post_photo(client, photo).status_code == 403


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("full_name", "Ana\x00Hoxha"),
        ("email", "ana@example.com\nBcc: x@example.com"),
        ("date_of_birth", (timezone.localdate() + timedelta(days=1)).isoformat()),
    ],
)
def test_enter_bad_field_kept_others_and_no_entry(client, photo, field, value):
    response = post_photo(client, photo, **{field: value})
    assert response.status_code == 200
    assert Entry.objects.count() == 0
    assert field in response.context["form"].errors
    assert 'value="Drita"' in response.content.decode()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
        ("photo.jpg", b"<html><body>x</body></html>"),
        ("photo.jpg", b"%PDF-1.4 fake"),
        ("../../x.php", b"<?php system($_GET['c']); ?>"),
    ],
)
def test_enter_bad_file_refused(client, photo, name, data):
    response = post_photo(client, photo, image=upload(data, name=name))
    assert response.status_code == 200
    assert response.context["form"].errors["image"] == [
        "The file is not a JPEG, PNG, WebP or HEIC image."
    ]
    assert Entry.objects.count() == 0


def test_enter_real_image_with_traversal_name_stored_under_generated_name(client, photo):
    post_photo(client, photo, image=upload(jpeg_bytes(), name="../../x.php"))
    assert ".php" not in Entry.objects.get().image.name


def test_enter_file_over_size_limit_refused(client, photo):
    CompetitionPage.objects.filter(pk=photo.pk).update(max_file_mb=0)
    response = post_photo(client, photo)
    assert response.context["form"].errors["image"] == ["The file is too large: at most 0 MB."]


def test_enter_story_too_long_and_out_of_range(client, story):
    data = post_data(
        story_text="fjalë " * 3, language="sq", form_token=rendered_token(client, story)
    )
    response = client.post(enter_url(story), data)
    assert response.context["form"].errors["story_text"] == [
        "The story has 3 words; it must have between 5 and 50."
    ]
    data["story_text"] = "a" * 1_000_000
    response = client.post(enter_url(story), data)
    assert "story_text" in response.context["form"].errors
    assert Entry.objects.count() == 0


def test_story_markup_stored_as_text_and_escaped_bidi_removed(client, story):
    text = "<script>alert(1)</script> {{ secret }} një dy tre katër pesë"
    client.post(
        enter_url(story),
        post_data(
            story_text=text,
            language="sq",
            full_name="Ana\u202eHoxha",
            title="T\u2066x",
            form_token=rendered_token(client, story),
        ),
    )
    entry = Entry.objects.get()
    assert entry.story_text == text
    assert entry.entrant.full_name == "AnaHoxha"
    assert entry.title == "Tx"
    page = client.get(reverse("competitions:entry", args=[tokens.entrant_token(entry)]))
    body = page.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ secret }}" in body


def test_private_link_forged_or_expired_404(client, photo, monkeypatch):
    entry = submit(photo)
    good = tokens.entrant_token(entry)
    assert client.get(reverse("competitions:entry", args=[good])).status_code == 200
    forged = signing.dumps({"e": entry.pk, "n": "guess"}, salt=tokens.ENTRANT_SALT)
    assert client.get(reverse("competitions:entry", args=[forged])).status_code == 404
    assert client.get(reverse("competitions:entry", args=[good[:-2] + "xx"])).status_code == 404
    monkeypatch.setattr(tokens, "ENTRANT_MAX_AGE", -1)
    assert client.get(reverse("competitions:entry", args=[good])).status_code == 404


def test_entry_page_withdraw_then_link_dead(client, photo, django_capture_on_commit_callbacks):
    entry = submit(photo)
    url = reverse("competitions:entry", args=[tokens.entrant_token(entry)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "withdraw"})
    assert response.status_code == 200
    assert Entry.objects.get().state == EntryState.WITHDRAWN
    assert client.get(url).status_code == 404


def test_entry_page_answer_change_request_replaces_image(client, photo, moderator):
    entry = submit(photo)
    old = entry.image.name
    move_entry(
        entry, EntryState.CHANGES_REQUESTED, actor=Actor.MODERATOR, by=moderator, message="Crop it"
    )
    url = reverse("competitions:entry", args=[tokens.entrant_token(entry)])
    assert "Crop it" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "action": "answer",
            "title": "New",
            "description": "",
            "image": upload(jpeg_bytes(color=(1, 1, 1))),
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.state, entry.title) == (EntryState.IN_MODERATION, "New")
    assert entry.image.name != old


def test_entry_file_entrant_token_served_no_store(client, photo):
    entry = submit(photo)
    response = client.get(
        reverse("competitions:entry_file", args=[tokens.entrant_token(entry), "image"])
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_entry_file_other_entry_token_404(client, photo):
    entry = submit(photo)
    other = submit(photo, token="t2", email="b@example.com")
    token = tokens.entrant_token(other)
    url = reverse("competitions:entry_file", args=[token, "image"]).replace(
        token, signing.dumps({"e": entry.pk, "n": other.access_nonce}, salt=tokens.ENTRANT_SALT)
    )
    assert client.get(url).status_code == 404


def test_guardian_link_consent(client, photo):
    entry = submit(
        photo, date_of_birth=minor_birthday(), guardian_name="Besa", guardian_email="b@example.com"
    )
    url = reverse("competitions:guardian", args=[tokens.guardian_token(entry)])
    page = client.get(url)
    assert "Drita" in page.content.decode()
    client.post(url, {"action": "consent"})
    assert Entry.objects.get().state == EntryState.IN_MODERATION
    reopened = client.get(url)  # used once: it now says how it ended, nothing of the entry
    assert reopened.status_code == 200
    assert "You have given your consent." in reopened.content.decode()
    assert "Drita" not in reopened.content.decode()


def test_guardian_link_refuse_deletes(client, photo):
    entry = submit(
        photo, date_of_birth=minor_birthday(), guardian_name="Besa", guardian_email="b@example.com"
    )
    client.post(
        reverse("competitions:guardian", args=[tokens.guardian_token(entry)]), {"action": "refuse"}
    )
    entry.refresh_from_db()
    assert (entry.state, entry.title) == (EntryState.WITHDRAWN, "")


def test_competition_page_shows_status_and_countdown(client, photo):
    response = client.get(photo.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Closes in" in body or "Mbyllet" in body


def test_competition_dates_are_valid_html_datetimes(client, photo):
    """`|date:'c'` wrote microseconds, which the W3C checker refuses in a `datetime` attribute."""
    deadline = timezone.localtime(photo.deadline)

    page = client.get(photo.url).content.decode()
    listing = client.get(photo.get_parent().url).content.decode()

    expected = f'<time datetime="{deadline:%Y-%m-%dT%H:%M:%S%z}">'
    assert expected in page and expected in listing
    values = re.findall(r'datetime="([^"]+)"', page + listing)
    assert len(values) == 3
    for value in values:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", value), value


@pytest.mark.parametrize("role", ["editor", "juror"])
def test_moderation_queue_refused_to_other_roles(client, photo, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("competitions_admin:queue"))
    assert response.status_code == 403  # a juror: no admin access at all, a plain 403


def test_admin_file_view_permissions(client, photo, moderator, officer, editor, juror):
    entry = submit(photo)
    url = reverse("competitions_admin:file", args=[entry.pk, "image"])
    client.force_login(moderator)
    assert client.get(url).status_code == 200
    for user in (editor, officer):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(juror)
    assert client.get(url).status_code == 403  # no admin access at all: a plain 403


def test_flagged_entry_only_safeguarding_officer_sees(client, photo, moderator, officer):
    entry = submit(photo)
    client.force_login(moderator)
    response = client.post(
        reverse("competitions_admin:detail", args=[entry.pk]),
        {"action": "flag", "note": "disclosure", "confirmed": "1"},
    )
    assert response.status_code == 302
    assert Entry.objects.get().state == EntryState.SAFEGUARDING_HOLD
    assert client.get(reverse("competitions_admin:detail", args=[entry.pk])).status_code == 403
    assert (
        client.get(reverse("competitions_admin:safeguarding_detail", args=[entry.pk])).status_code
        == 403
    )
    assert entry.reference not in client.get(reverse("competitions_admin:queue")).content.decode()
    assert (
        client.get(reverse("competitions_admin:file", args=[entry.pk, "image"])).status_code == 403
    )
    assert client.get(reverse("competitions_admin:safeguarding_queue")).status_code == 403
    client.force_login(officer)
    assert (
        entry.reference
        in client.get(reverse("competitions_admin:safeguarding_queue")).content.decode()
    )
    detail = reverse("competitions_admin:safeguarding_detail", args=[entry.pk])
    client.post(detail, {"action": "note", "note": "Called the helpline"})
    client.post(detail, {"action": "return", "note": "Safe"})
    assert Entry.objects.get().state == EntryState.IN_MODERATION


def test_moderator_requests_changes_message_to_entrant(
    client, photo, moderator, django_capture_on_commit_callbacks
):
    entry = submit(photo)
    client.force_login(moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("competitions_admin:detail", args=[entry.pk]),
            {"action": "request_changes", "message": "Please crop the face."},
        )
    assert Entry.objects.get().state == EntryState.CHANGES_REQUESTED
    assert "Please crop the face." in mail.outbox[0].body


def test_moderator_reject_needs_reason(client, photo, moderator):
    entry = submit(photo)
    client.force_login(moderator)
    client.post(reverse("competitions_admin:detail", args=[entry.pk]), {"action": "reject"})
    assert Entry.objects.get().state == EntryState.IN_MODERATION
    client.post(
        reverse("competitions_admin:detail", args=[entry.pk]),
        {"action": "reject", "reason": "off_theme", "confirmed": "1"},
    )
    assert Entry.objects.get().state == EntryState.REJECTED


def test_export_csv_and_xlsx_neutralise_formulas(client, photo, moderator):
    submit(photo, title='=HYPERLINK("http://evil")', full_name="@SUM(A1)")
    client.force_login(moderator)
    csv_body = client.get(reverse("competitions_admin:export", args=["csv"])).content.decode()
    assert "'=HYPERLINK" in csv_body
    assert "'@SUM(A1)" in csv_body
    xlsx = client.get(reverse("competitions_admin:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["E2"].value == '\'=HYPERLINK("http://evil")'
    assert sheet["J2"].value == "'@SUM(A1)"


def test_export_refused_to_editor(client, editor):
    client.force_login(editor)
    assert client.get(reverse("competitions_admin:export", args=["csv"])).status_code == 403


def test_demo_load_idempotent_photo_open(home):
    demo.load(home, io.StringIO())
    demo.load(home, io.StringIO())
    assert CompetitionPage.objects.count() == 3
    assert Entry.objects.count() == 3
    photo = CompetitionPage.objects.get(slug_sq="konkursi-i-fotografise")
    assert photo.status == "open"


def test_admin_create_competition_page_both_languages(client, index, superuser):
    client.force_login(superuser)

    page = create_page_in_admin(
        client,
        index,
        CompetitionPage,
        title_sq="Konkursi i artit",
        title_en="Art competition",
        slug_sq="konkursi-i-artit",
        slug_en="art-competition",
        kind="artwork",
        edition="4",
        reference_prefix="US",
        opens_at="2030-01-01 09:00",
        deadline="2030-02-01 23:59",
        rules_sq=rich_text("Rregullat"),
        rules_en=rich_text("Rules"),
        categories=inline_formset([{"name_sq": "15–17 vjeç", "name_en": "15–17"}]),
        body_sq=streamfield([]),
        body_en=streamfield([]),
        max_entries_per_person="3",
        max_file_mb="15",
        min_image_side="1000",
        story_min_words="300",
        story_max_words="3000",
        accepts_sq="on",
        accepts_en="on",
        min_age="15",
        max_age="29",
        consent_age="18",
        consent_days="14",
        consent_reminder_days="5",
        keep_non_winning_days="180",
    )

    assert (page.title_sq, page.title_en, page.slug_en, page.kind) == (
        "Konkursi i artit",
        "Art competition",
        "art-competition",
        "artwork",
    )
    assert (page.categories.get().name_sq, page.categories.get().name_en) == ("15–17 vjeç", "15–17")
