"""What an editor may want from a library photo's EXIF — when it was taken and with which
camera — is kept on the image and shown on its edit page, whichever uploader brought it; the
coordinates and serial number are kept nowhere (the stored file has no EXIF:
test_image_library.py)."""

import re
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.models import UploadedFile

from tests.factories import images as files
from tests.website.test_image_library import form_data, gps_photo
from website.models import CustomImage

TAKEN_AT = datetime(2025, 5, 1, 10, 20, 30)  # phone_exif's DateTimeOriginal, local time


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password="pw-not-used"
    )
    client.force_login(user)
    return user


def metadata_block(client, image):
    response = client.get(reverse("wagtailimages:edit", args=[image.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    found = re.search(r'<dl class="library-image-metadata">(.*?)</dl>', page, re.S)
    return page, (found.group(1) if found else None), response.context["LANGUAGE_CODE"]


def test_add_view_keeps_date_and_camera_and_the_edit_page_shows_them_never_gps(client, admin):
    client.post(reverse("wagtailimages:add"), {**form_data(), "file": gps_photo()})
    image = CustomImage.objects.get()

    assert timezone.localtime(image.taken_at).replace(tzinfo=None) == TAKEN_AT
    assert image.camera_model == "Pixel 8"
    page, block, language = metadata_block(client, image)
    with translation.override(language):
        shown_date = formats.date_format(timezone.localtime(image.taken_at), "DATETIME_FORMAT")
    assert block is not None
    assert re.sub(r"\s+", " ", block).count("<dd>") == 2
    assert f"<dd>{shown_date}</dd>" in block
    assert "<dd>Pixel 8</dd>" in block
    assert files.SERIAL not in page
    for coordinate in ("41.0", "44.0", "49.0", "GPS"):
        assert coordinate not in block


def test_multiple_uploader_keeps_date_and_camera_of_the_file_kept_aside(client, admin):
    client.post(reverse("wagtailimages:add_multiple"), {"files[]": gps_photo(), "title": "Takim"})
    upload = UploadedFile.objects.get()

    saved = client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk]),
        form_data(f"uploaded-image-{upload.pk}-"),
    )

    assert saved.json()["success"] is True
    image = CustomImage.objects.get()
    assert timezone.localtime(image.taken_at).replace(tzinfo=None) == TAKEN_AT
    assert image.camera_model == "Pixel 8"


def test_a_replaced_file_brings_its_own_metadata_or_none(client, admin):
    client.post(reverse("wagtailimages:add"), {**form_data(), "file": gps_photo()})
    image = CustomImage.objects.get()
    plain = SimpleUploadedFile("plain.jpg", files.jpeg((640, 480)), content_type="image/jpeg")

    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]), {**form_data(), "file": plain}
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.taken_at, image.camera_model) == (None, "")
    _page, block, _language = metadata_block(client, image)
    assert block is None


def test_editing_without_a_new_file_keeps_date_and_camera(client, admin):
    client.post(reverse("wagtailimages:add"), {**form_data(), "file": gps_photo()})
    image = CustomImage.objects.get()

    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]), form_data(title="Takim në Has")
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.title, image.camera_model) == ("Takim në Has", "Pixel 8")
    assert timezone.localtime(image.taken_at).replace(tzinfo=None) == TAKEN_AT
