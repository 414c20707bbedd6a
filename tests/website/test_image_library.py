"""The image library is cleaned like the entries: an editor's phone photo keeps no GPS, serial or
EXIF in the stored original, in its renditions, or in the multiple uploader's pending file."""

import io
import struct

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image, PngImagePlugin
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection, UploadedFile

from tests.factories import CustomImageFactory
from tests.factories import images as files
from website import images
from website.image_library import LibraryImageForm
from website.models import CustomImage

GPS_MARKERS = (b"Exif", b"GPS", files.SERIAL.encode(), b"Pixel 8")


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password="pw-not-used"
    )
    client.force_login(user)
    return user


def gps_photo(name="IMG_0042.jpg", orientation=6):
    """A phone photo: landscape pixels to be turned portrait, GPS, serial and model in EXIF."""
    data = files.jpeg((800, 600), exif=files.phone_exif("Pixel 8", orientation=orientation))
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(files.GPS_IFD)
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def form_data(prefix="", **overrides):
    data = {
        "title": "Takim në Kukës",
        "alt_text_sq": "Të rinj në një takim",
        "alt_text_en": "",
        "credit": "",
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        **overrides,
    }
    return {f"{prefix}{key}": value for key, value in data.items()}


def read(field_file):
    field_file.open("rb")
    try:
        return field_file.read()
    finally:
        field_file.close()


def assert_clean(content, size=(600, 800)):
    for marker in GPS_MARKERS:
        assert marker not in content
    stored = Image.open(io.BytesIO(content))
    assert dict(stored.getexif()) == {}
    assert stored.size == size


def assert_clean_image_and_rendition(image):
    assert (image.width, image.height) == (600, 800)  # upright
    assert image.file.name.endswith(".jpg")
    content = read(image.file)
    assert image.file_size == len(content)
    assert_clean(content)
    rendition = image.get_rendition("width-300")
    assert_clean(read(rendition.file), size=(300, 400))


def test_add_view_stores_the_upright_original_without_gps(client, admin):
    response = client.post(reverse("wagtailimages:add"), {**form_data(), "file": gps_photo()})

    assert response.status_code == 302
    assert_clean_image_and_rendition(CustomImage.objects.get())


def test_multiple_uploader_stores_the_original_without_gps(client, admin):
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": gps_photo(), "title": "Takim"},
    )

    assert response.json()["success"] is True
    # Without alt text the image waits as an upload; with the details form it becomes an image.
    upload = UploadedFile.objects.get()
    assert_clean(read(upload.file))
    assert upload.file.name.startswith("wagtail_uploads/")
    prefix = f"uploaded-image-{upload.pk}-"
    saved = client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk]),
        form_data(prefix),
    )
    assert saved.json()["success"] is True
    assert_clean_image_and_rendition(CustomImage.objects.get())


def test_multiple_uploader_pending_heic_stored_as_clean_jpeg(client, admin):
    data = files.heic((800, 600), exif=files.phone_exif("iPhone 15 Pro", orientation=6))
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("IMG_0001.heic", data, content_type="image/heic")},
    )

    assert response.json()["success"] is True
    upload = UploadedFile.objects.get()
    assert upload.file.name.endswith(".jpg")
    content = read(upload.file)
    assert b"iPhone" not in content
    assert_clean(content)


def test_replacing_the_file_stores_it_without_gps(client, admin, image):
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]), {**form_data(), "file": gps_photo()}
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert_clean_image_and_rendition(image)


# The chooser's response caches a rendition of the new image in a real (pickling) cache; the
# image holds its uploader, who carries the second factor's `is_verified` (accounts/middleware.py).
def test_chooser_upload_stores_the_original_without_gps(client, admin):
    response = client.post(
        reverse("wagtailimages_chooser:create"),
        {**form_data("image-chooser-upload-"), "image-chooser-upload-file": gps_photo()},
    )

    assert response.status_code == 200
    assert_clean_image_and_rendition(CustomImage.objects.get())


def test_api_and_every_image_form_use_the_cleaning_form(admin):
    # Wagtail's API (v3) builds its form with get_image_form, as the admin views do.
    form_class = get_image_form(get_image_model())
    assert issubclass(form_class, LibraryImageForm)

    form = form_class(form_data(), {"file": gps_photo()}, user=admin)

    assert form.is_valid(), form.errors
    image = form.save()
    assert_clean_image_and_rendition(image)


def test_library_refuses_sixty_megapixels_with_what_to_do_in_albanian(client, admin):
    data = files.with_size(files.jpeg((64, 48)), 8944, 6708)
    response = client.post(
        reverse("wagtailimages:add"),
        {**form_data(), "file": SimpleUploadedFile("big.jpg", data, content_type="image/jpeg")},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Imazhi ka 60 megapiksel; pranohen jo më shumë se 50. Zvogëlojeni në jo më shumë se 50 "
        "megapiksel (për shembull 8000 × 6000 piksel) dhe ngarkojeni përsëri."
    ]
    assert CustomImage.objects.count() == 0


def test_library_refuses_a_cut_file_in_albanian(client, admin):
    data = files.cut(files.noisy_png(), 0.6)
    response = client.post(
        reverse("wagtailimages:add"),
        {**form_data(), "file": SimpleUploadedFile("cut.png", data, content_type="image/png")},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Imazhi është i dëmtuar ose i paplotë. Ruajeni përsëri nga programi që e krijoi dhe "
        "ngarkoni skedarin e ri."
    ]
    assert CustomImage.objects.count() == 0
    assert UploadedFile.objects.count() == 0


def test_library_keeps_transparency_and_animation():
    png = io.BytesIO()
    Image.new("RGBA", (60, 40), (10, 20, 30, 100)).save(png, format="PNG")
    gif = io.BytesIO()
    frames = [Image.new("RGB", (40, 30), color) for color in ("red", "green", "blue")]
    frames[0].save(gif, format="GIF", save_all=True, append_images=frames[1:], comment=b"Tirana")

    still = images.clean_image(png, max_bytes=10**6, formats=images.LIBRARY_FORMATS)
    animated = images.clean_image(gif, max_bytes=10**6, formats=images.LIBRARY_FORMATS)

    assert (still.extension, Image.open(io.BytesIO(still.content)).mode) == ("png", "RGBA")
    stored = Image.open(io.BytesIO(animated.content))
    assert (animated.extension, stored.n_frames) == ("gif", 3)
    assert b"Tirana" not in animated.content


def test_wagtail_pixel_cap_is_the_entries_cap():
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == images.MAX_PIXELS == 50_000_000


def test_clean_image_library_command_cleans_earlier_images_once(db):
    # An image stored before the library cleaned uploads: GPS in the original and a rendition.
    stored = CustomImageFactory(file=ImageFile(gps_photo().file, name="old.jpg"))
    old_name = stored.file.name
    old_rendition = stored.get_rendition("width-300")
    assert Image.open(io.BytesIO(read(stored.file))).getexif().get_ifd(files.GPS_IFD)
    plain = CustomImageFactory()  # a PNG without metadata: left as it is
    plain_name = plain.file.name
    out = io.StringIO()

    call_command("clean_image_library", stdout=out)
    call_command("clean_image_library", stdout=out)

    assert out.getvalue().splitlines() == [
        "1 images cleaned, 0 could not be read.",
        "0 images cleaned, 0 could not be read.",
    ]
    stored.refresh_from_db()
    assert stored.file.name != old_name
    assert not stored.file.storage.exists(old_name)
    assert not stored.renditions.filter(pk=old_rendition.pk).exists()
    assert_clean_image_and_rendition(stored)
    plain.refresh_from_db()
    assert plain.file.name == plain_name


# The cleaning core, for the formats and corners the uploads above do not reach -----------------


def clean_core(data, formats=images.LIBRARY_FORMATS):
    return images.clean_image(io.BytesIO(data), max_bytes=10**8, formats=formats)


def refused_code(data, formats=images.LIBRARY_FORMATS):
    with pytest.raises(images.ImageRejected) as error:
        clean_core(data, formats)
    return error.value.code


def png_with(pnginfo, mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, (60, 40)).save(buffer, format="PNG", pnginfo=pnginfo)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["zTXt", "iTXt compressed", "iTXt"])
def test_script_in_compressed_png_text_refused(kind):
    info = PngImagePlugin.PngInfo()
    if kind == "zTXt":
        info.add_text("Comment", "<script>alert(1)</script>", zip=True)
    else:
        info.add_itxt("Comment", "<script>alert(1)</script>", "en", "", zip=kind != "iTXt")
    assert refused_code(png_with(info)) == "markup"


def test_gif_comment_with_script_refused_and_cut_gif_damaged():
    buffer = io.BytesIO()
    Image.new("P", (40, 30)).save(buffer, format="GIF", comment=b"<script>x</script>")
    assert refused_code(buffer.getvalue()) == "markup"
    assert refused_code(files.cut(buffer.getvalue(), 0.6)) == "damaged"


def test_gif_refused_for_entries():
    buffer = io.BytesIO()
    Image.new("P", (40, 30)).save(buffer, format="GIF")
    assert refused_code(buffer.getvalue(), images.ENTRY_FORMATS) == "not_an_image"


def test_avif_accepted_in_the_library():
    buffer = io.BytesIO()
    try:
        files.picture((200, 100)).save(buffer, format="AVIF")
    except (KeyError, OSError):
        pytest.skip("no AVIF encoder in this Pillow")
    assert images.sniff(buffer.getvalue()[:16]) == "AVIF"
    result = clean_core(buffer.getvalue())
    assert (result.extension, result.width, result.height) == ("jpg", 200, 100)


def test_heif_boxes_with_64_bit_sizes_walked_and_cut_refused():
    data = files.heic()
    free = struct.pack(">I4sQ", 1, b"free", 24) + bytes(8)
    assert clean_core(data + free).width == 400
    assert refused_code(data + free[:12]) == "damaged"


@pytest.mark.parametrize(
    ("mode", "info"),
    [("LA", {}), ("P", {"transparency": 0}), ("CMYK", {}), ("I;16", {})],
)
def test_modes_kept_or_converted(mode, info):
    buffer = io.BytesIO()
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    Image.new(mode, (60, 40)).save(buffer, format=fmt, **info)
    result = clean_core(buffer.getvalue())
    expected = {"LA": "RGBA", "P": "RGBA", "CMYK": "RGB", "I;16": "RGB"}[mode]
    assert Image.open(io.BytesIO(result.content)).mode == expected


def test_capture_date_falls_back_to_datetime_and_ignores_nonsense():
    fallback = Image.Exif()
    fallback[0x0132] = "2024:01:02 03:04:05"
    nonsense = Image.Exif()
    nonsense.get_ifd(files.EXIF_IFD)[0x9003] = "yesterday"
    assert clean_core(files.jpeg(exif=fallback)).taken_at.strftime("%Y-%m-%d") == "2024-01-02"
    assert clean_core(files.jpeg(exif=nonsense)).taken_at is None


def test_clean_image_library_dry_run_counts_and_unreadable_files_reported(db):
    CustomImageFactory(file=ImageFile(gps_photo().file, name="old.jpg"))
    broken = CustomImageFactory()
    with broken.file.storage.open(broken.file.name, "wb") as stored:
        # damaged on the disk, its EXIF (at the start) intact
        stored.write(files.cut(files.jpeg(exif=files.phone_exif()), 0.5))
    out, err = io.StringIO(), io.StringIO()

    call_command("clean_image_library", "--dry-run", stdout=out, stderr=err)

    assert out.getvalue() == "1 images would be cleaned, 1 could not be read.\n"
    assert err.getvalue().endswith(": damaged\n")
