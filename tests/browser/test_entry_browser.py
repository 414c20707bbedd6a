"""The entry form on a phone (360×740) in Chromium: the photo kept after an error and sent without
choosing it again, the error summary focused and linking to its fields, the guardian's fields
appearing as soon as a 16-year-old types the date of birth, and the preview of the chosen image.

ORM calls happen only while the browser is idle (after a navigation has finished loading).
"""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from competitions.enums import CompetitionKind
from competitions.models import Entry, PendingUpload
from tests.factories.competitions import CompetitionIndexPageFactory, CompetitionPageFactory
from website import demo

pytestmark = pytest.mark.browser


def jpeg(size=(1200, 900), color=(30, 90, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def born(age):
    return date(timezone.localdate().year - age, 1, 1).isoformat()


@pytest.fixture
def form_url(live_site):
    demo.load_taxonomy()
    home = demo.get_or_create_home()
    index = CompetitionIndexPageFactory(
        parent=home, title_sq="Historitë e Pathëna", title_en="Untold Stories"
    )
    now = timezone.now()
    photo = CompetitionPageFactory(
        parent=index,
        title_sq="Konkursi i fotografisë",
        title_en="Photography competition",
        slug_sq="fotografia",
        slug_en="photography",
        kind=CompetitionKind.PHOTO,
        edition=3,
        min_image_side=600,
        opens_at=now - timedelta(days=10),
        deadline=now + timedelta(days=20),
    )
    with translation.override("sq"):
        return live_site + reverse("competitions:enter", args=[photo.pk])


def navigate(page, action):
    with page.expect_navigation(wait_until="load"):
        action()


def fill_adult_entry(form, *, title="Stacioni i fundit"):
    form.locator("input[name=full_name]").fill("Elira Gjoka")
    form.locator("input[name=email]").fill("elira@example.com")
    form.locator("input[name=date_of_birth]").fill(born(20))
    form.locator("select[name=municipality]").select_option(label="Shkodër")
    form.locator("input[name=credit][value=anonymous]").tap()
    form.locator("input[name=title]").fill(title)
    for name in ("non_professional", "own_work", "people_agreed", "rules_read", "licence"):
        form.locator(f"input[name=declare_{name}]").tap()


def choose_photo(form, name="IMG_0042.jpg"):
    form.locator("input[name=image]").set_input_files(
        files=[{"name": name, "mimeType": "image/jpeg", "buffer": jpeg()}]
    )


def active_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_photo_kept_after_an_error_and_sent_without_choosing_it_again(phone, form_url):
    phone.goto(form_url)
    form = phone.locator("form.entry-form-fields")
    fill_adult_entry(form, title="")
    choose_photo(form)

    # The preview, drawn before anything is sent.
    preview = phone.locator("#upload-preview")
    preview.wait_for(state="visible")
    assert preview.locator("canvas").evaluate("c => [c.width, c.height]") == [320, 240]

    navigate(phone, lambda: form.locator("button[type=submit]").tap())

    # The error summary is focused and names the missing title; the photo is kept.
    assert phone.locator("#error-summary").is_visible()
    assert active_id(phone) == "error-summary"
    assert phone.locator("#error-summary a").evaluate_all("links => links.map(a => a.hash)") == [
        "#id_title"
    ]
    kept = phone.locator("#kept-image img")
    assert kept.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "IMG_0042.jpg" in phone.inner_text("#kept-image")
    assert phone.locator("input[name=image]").get_attribute("required") is None
    assert PendingUpload.objects.count() == 1

    # Following the summary's link puts the cursor in the title.
    phone.locator("#error-summary a").tap()
    assert active_id(phone) == "id_title"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # Sent again with the title, without choosing the photo again.
    phone.locator("input[name=title]").fill("Stacioni i fundit")
    navigate(phone, lambda: phone.locator("form.entry-form-fields button[type=submit]").tap())

    entry = Entry.objects.get()
    assert phone.inner_text(".reference") == entry.reference
    assert (entry.title, entry.image_width, entry.image_height) == ("Stacioni i fundit", 1200, 900)
    assert "IMG_0042.jpg" in phone.inner_text(".summary")
    assert phone.locator(".receipt-thumb").evaluate("img => img.naturalWidth > 0")
    assert PendingUpload.objects.count() == 0


def test_guardian_fields_appear_when_a_16_year_old_types_the_date_of_birth(phone, form_url):
    phone.goto(form_url)
    guardian = phone.locator("#guardian-fields")
    birthday = phone.locator("input[name=date_of_birth]")
    assert guardian.is_hidden()

    birthday.fill(born(16))

    assert guardian.is_visible()
    assert phone.locator("input[name=guardian_name]").evaluate("input => input.required")
    assert phone.locator("input[name=guardian_email]").evaluate("input => input.required")
    assert phone.locator("#id_guardian_step").input_value() == "1"
    assert "optional" not in guardian.inner_text()
    assert "sipas dëshirës" not in guardian.inner_text()

    birthday.fill(born(20))

    assert guardian.is_hidden()
    assert not phone.locator("input[name=guardian_name]").evaluate("input => input.required")


def test_error_summary_links_to_each_field(phone, form_url):
    phone.goto(form_url)
    form = phone.locator("form.entry-form-fields")
    form.locator("input[name=email]").fill("not-an-address")

    navigate(phone, lambda: form.locator("button[type=submit]").tap())

    hashes = phone.locator("#error-summary a").evaluate_all("links => links.map(a => a.hash)")
    assert hashes[:3] == ["#id_full_name", "#id_email", "#id_date_of_birth"]
    for target in hashes:
        assert phone.locator(target).count() == 1
    phone.locator("#error-summary a[href='#id_email']").tap()
    assert active_id(phone) == "id_email"
    assert Entry.objects.count() == 0
