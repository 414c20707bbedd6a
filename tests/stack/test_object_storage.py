"""Media and entry files in a real S3-compatible store (SeaweedFS), configured the way production
configures it (website/object_storage.py)."""

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from tests.factories import CustomImageFactory
from website.files import private_file_response
from website.models import CustomImage

pytestmark = [pytest.mark.stack, pytest.mark.django_db]


def test_private_file_unreadable_without_credentials(s3_storages):
    storage = storages["private"]

    name = storage.save("entries/7/photo.jpg", ContentFile(b"the entrant's photo"))
    anonymous = requests.get(
        f"{s3_storages.endpoint}/{s3_storages.private_bucket}/{name}", timeout=5
    )

    assert anonymous.status_code == 403
    assert s3_storages.keys(s3_storages.private_bucket) == [name]
    with storage.open(name, "rb") as handle:
        assert handle.read() == b"the entrant's photo"


def test_private_file_streamed_by_the_view_helper(s3_storages):
    storage = storages["private"]
    name = storage.save("entries/7/photo.jpg", ContentFile(b"\xff\xd8 a jpeg"))

    response = private_file_response(storage, name, filename="US-3-0007.jpg")

    assert b"".join(response.streaming_content) == b"\xff\xd8 a jpeg"
    assert (response["Content-Type"], response["Cache-Control"]) == (
        "image/jpeg",
        "no-store, private",
    )


def test_private_bucket_listing_refused_without_credentials(s3_storages):
    storages["private"].save("entries/7/photo.jpg", ContentFile(b"x"))

    listing = requests.get(f"{s3_storages.endpoint}/{s3_storages.private_bucket}/", timeout=5)

    assert listing.status_code == 403


def test_image_and_its_rendition_stored_once_in_the_public_bucket(s3_storages):
    image = CustomImageFactory()

    first = image.get_rendition("fill-40x30")
    again = CustomImage.objects.get(pk=image.pk).get_rendition("fill-40x30")

    assert s3_storages.keys(s3_storages.media_bucket) == sorted([image.file.name, first.file.name])
    assert again.pk == first.pk
    assert image.file.url == f"{s3_storages.endpoint}/{s3_storages.media_bucket}/{image.file.name}"
    public = requests.get(first.url, timeout=5)
    assert (public.status_code, public.headers["Content-Type"]) == (200, "image/png")
    assert s3_storages.keys(s3_storages.private_bucket) == []
