"""Every image has alt text: required in each admin form that saves one; English falls back."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Collection, UploadedFile

from tests.factories import CustomImageFactory, image_file
from website.models import CustomImage

# The admin speaks Albanian to a user who has not chosen a language.
REQUIRED = "Shkruani tekstin alternativ në shqip: çdo imazh duhet ta ketë."


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password="pw-not-used"
    )


def add_form_data(**overrides):
    data = {
        "title": "Fushata në Kukës",
        "alt_text_sq": "Të rinj në një takim në Kukës",
        "alt_text_en": "",
        "credit": "UNICEF",
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
    }
    data.update(overrides)
    return data


def test_image_add_form_refuses_an_image_without_albanian_alt_text(client, admin):
    client.force_login(admin)

    response = client.post(
        reverse("wagtailimages:add"),
        {**add_form_data(alt_text_sq="  "), "file": image_file()},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"alt_text_sq": [REQUIRED]}
    assert CustomImage.objects.count() == 0


def test_image_add_form_saves_an_image_with_albanian_alt_text(client, admin):
    client.force_login(admin)

    response = client.post(reverse("wagtailimages:add"), {**add_form_data(), "file": image_file()})

    assert response.status_code == 302
    image = CustomImage.objects.get()
    assert (image.alt_text_sq, image.alt_text_en) == ("Të rinj në një takim në Kukës", None)
    with translation.override("en"):
        assert image.default_alt_text == "Të rinj në një takim në Kukës"


def test_image_edit_form_refuses_to_clear_the_alt_text(client, admin, image):
    client.force_login(admin)

    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]), add_form_data(alt_text_sq="")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"alt_text_sq": [REQUIRED]}
    image.refresh_from_db()
    assert image.alt_text_sq == "Një imazh prove"


def test_multiple_upload_keeps_the_file_aside_until_the_alt_text_is_given(client, admin):
    client.force_login(admin)

    uploaded = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": image_file(name="kukes.png")},
    ).json()

    # The file is kept as an upload, and the details form asks for the alt text.
    assert uploaded["success"] is True
    assert CustomImage.objects.count() == 0
    upload = UploadedFile.objects.get()
    assert uploaded["uploaded_file_id"] == upload.pk
    prefix = f"uploaded-image-{upload.pk}"
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk])

    refused = client.post(
        url, {f"{prefix}-{k}": v for k, v in add_form_data(alt_text_sq="").items()}
    )
    saved = client.post(url, {f"{prefix}-{k}": v for k, v in add_form_data().items()})

    assert refused.json()["success"] is False
    assert REQUIRED in refused.json()["form"]
    assert saved.json()["success"] is True
    image = CustomImage.objects.get()
    assert saved.json()["image_id"] == image.pk
    assert image.alt_text_sq == "Të rinj në një takim në Kukës"
    assert UploadedFile.objects.count() == 0


def test_english_alt_text_falls_back_to_albanian(db):
    image = CustomImageFactory(
        title="Takim", alt_text_sq="Të rinj në një takim", alt_text_en="", credit=""
    )

    with translation.override("en"):
        english = image.default_alt_text
    with translation.override("sq"):
        albanian = image.default_alt_text

    assert (english, albanian) == ("Të rinj në një takim", "Të rinj në një takim")


def test_english_alt_text_is_used_when_given(image):
    with translation.override("en"):
        assert image.default_alt_text == "A test image"
    with translation.override("sq"):
        assert image.default_alt_text == "Një imazh prove"
