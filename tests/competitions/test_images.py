"""The entrant's image: what people really send is accepted, cleaned and stored; what is broken,
too large or not an image is refused with a message that says what to do. Every file is generated
here (tests/factories/images.py)."""

import io
import re
import threading
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import override
from PIL import Image, ImageFile, PngImagePlugin

from competitions.enums import EntryState
from competitions.images import ImageRejected, clean_image, sniff
from competitions.models import Entry
from tests.competitions.conftest import upload
from tests.factories import images as files
from tests.factories.competitions import entry_form_data
from website import images as core

DAMAGED = (
    "The image is damaged or incomplete. Open it on your phone or computer, save it again "
    "and send the new file."
)
NOT_AN_IMAGE = "The file is not a JPEG, PNG, WebP or HEIC image."
MARKUP = "The file contains something other than an image."
REDUCE = "Reduce it to at most 50 megapixels (for example 8000 × 6000 pixels) and send it again."
MB = 1024 * 1024


def clean(data, **kwargs):
    kwargs.setdefault("max_bytes", 10**8)
    return clean_image(io.BytesIO(data), **kwargs)


def refusal(data, **kwargs):
    with pytest.raises(ImageRejected) as error:
        clean(data, **kwargs)
    return str(error.value)


def opened(content):
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


def assert_no_metadata(content):
    stored = opened(content)
    assert dict(stored.getexif()) == {}
    assert "xmp" not in stored.info
    assert "comment" not in stored.info
    for marker in (b"Exif", b"GPS", b"xmpmeta", b"Photoshop", b"8BIM", files.SERIAL.encode()):
        assert marker not in content


# Posting through the real entry form ----------------------------------------------------------

FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def enter_url(competition):
    with override("en"):
        return reverse("competitions:enter", args=[competition.pk])


def post_image(client, competition, data, name="photo.jpg", content_type="image/jpeg"):
    token = FORM_TOKEN.search(client.get(enter_url(competition)).content.decode())[1]
    return client.post(
        enter_url(competition),
        entry_form_data(token, image=upload(data, name=name, content_type=content_type)),
    )


def stored_entry():
    entry = Entry.objects.get()
    with entry.image.open("rb") as stored:
        content = stored.read()
    return entry, content


def form_error(response):
    assert response.status_code == 200
    assert Entry.objects.count() == 0
    return response.context["form"].errors["image"]


def test_enter_multi_picture_jpeg_primary_image_kept(client, photo):
    data = files.mpo(exif=files.phone_exif())
    assert Image.open(io.BytesIO(data)).format == "MPO"

    response = post_image(client, photo, data)

    assert response.status_code == 302
    entry, content = stored_entry()
    stored = opened(content)
    assert (stored.format, stored.size, getattr(stored, "n_frames", 1)) == ("JPEG", (1200, 900), 1)
    assert stored.getpixel((600, 600)) == (200, 40, 40)  # the red primary, not the blue second
    assert (entry.image_width, entry.image_height, entry.camera_model) == (1200, 900, "Pixel 8")
    assert_no_metadata(content)


def test_enter_photoshop_jpeg_with_xmp_accepted_and_blocks_dropped(client, photo):
    data = files.photoshop_jpeg()
    assert b"<?xml" in data
    assert b"Photoshop 3.0" in data

    response = post_image(client, photo, data)

    assert response.status_code == 302
    _entry, content = stored_entry()
    assert b"<?xml" not in content
    assert b"Tirana" not in content
    assert_no_metadata(content)


@pytest.mark.parametrize("grid", [0, 512], ids=["one picture", "tiled like an iPhone"])
def test_enter_iphone_heic_turned_upright_once(client, photo, grid):
    data = files.heic(
        size=(1600, 1000), exif=files.phone_exif("iPhone 15 Pro", orientation=6), grid=grid
    )
    assert (b"grid" in data) == bool(grid)  # 4 × 2 tiles of 512 px, each coded on its own

    response = post_image(client, photo, data, name="IMG_0001.HEIC", content_type="image/heic")

    assert response.status_code == 302
    entry, content = stored_entry()
    stored = opened(content)
    # Portrait once: turning it twice (decoder and EXIF) would give 1600 × 1000 again.
    assert stored.size == (1000, 1600)
    # The white mark of the top-left corner is now top-right: rotated clockwise.
    assert stored.getpixel((990, 10)) == (255, 255, 255)
    assert stored.getpixel((10, 10)) != (255, 255, 255)
    assert (entry.camera_model, localtime(entry.taken_at).strftime("%Y-%m-%d %H:%M")) == (
        "iPhone 15 Pro",
        "2025-05-01 10:20",
    )
    assert_no_metadata(content)


def test_enter_camera_model_with_nul_stored_without_it(client, photo):
    data = files.jpeg(exif=files.phone_exif("ION230\x00F"))

    response = post_image(client, photo, data)

    assert response.status_code == 302
    entry = Entry.objects.get()
    entry.refresh_from_db()
    assert entry.camera_model == "ION230F"
    assert entry.state == EntryState.IN_MODERATION


def test_enter_fifty_megapixel_jpeg_accepted_and_decoded_at_half_size(client, photo):
    data = files.jpeg((8160, 6120), mode="L", color=128)  # 49.9 MP, a 50 MP phone mode
    assert len(data) < photo.max_file_mb * MB

    response = post_image(client, photo, data)

    assert response.status_code == 302
    entry, content = stored_entry()
    # Decoded by libjpeg at half size (draft): 12.5 MP, what the phone's usual mode gives.
    assert opened(content).size == (4080, 3060)
    assert (entry.image_width, entry.image_height) == (4080, 3060)


def test_enter_sixty_megapixel_jpeg_refused_with_what_to_do(client, photo):
    data = files.with_size(files.jpeg((64, 48)), 8944, 6708)  # the header says 60 MP

    response = post_image(client, photo, data)

    assert form_error(response) == [
        f"The image has 60 megapixels; at most 50 are accepted. {REDUCE}"
    ]


def test_enter_sixty_megapixel_refusal_in_albanian(client, photo):
    data = files.with_size(files.jpeg((64, 48)), 8944, 6708)
    with override("sq"):
        message = refusal(data)
    assert message.startswith("Imazhi ka 60 megapiksel")
    assert "8000 × 6000" in message


def test_enter_png_of_zeros_38_megapixels_accepted_at_half_size(client, photo):
    data = files.zeros_png(7168, 5376)  # 38.5 MP
    assert len(data) < 200_000

    response = post_image(client, photo, data, name="zeros.png", content_type="image/png")

    assert response.status_code == 302
    entry, content = stored_entry()
    assert (entry.image_width, entry.image_height) == (3584, 2688)
    assert opened(content).getpixel((100, 100)) == (0, 0, 0)


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("png", files.noisy_png),
        ("webp", files.webp),
        ("heic", lambda: files.heic(size=(1200, 800))),
        ("tiled heic", lambda: files.heic(size=(1600, 1000), grid=512)),
        ("jpeg", files.jpeg),
        ("multi-picture jpeg", files.mpo),
    ],
)
def test_enter_file_cut_at_sixty_percent_refused_as_damaged(client, photo, name, make):
    data = files.cut(make(), 0.6)

    response = post_image(client, photo, data)

    assert form_error(response) == [DAMAGED]


def test_enter_heic_with_no_picture_refused_as_damaged(client, photo):
    data = files.heic()[:28] + b"\x00\x00\x00\x0cmeta\x00\x00\x00\x00"
    assert sniff(data[:16]) == "HEIF"

    response = post_image(client, photo, data, name="empty.heic", content_type="image/heic")

    assert form_error(response) == [DAMAGED]


def test_enter_damaged_refusal_in_albanian(client, photo):
    client.get("/sq/")
    with override("sq"):
        url = reverse("competitions:enter", args=[photo.pk])
        token = FORM_TOKEN.search(client.get(url).content.decode())[1]
        response = client.post(
            url, {"form_token": token, "image": upload(files.cut(files.jpeg(), 0.6))}
        )
    assert response.context["form"].errors["image"] == [
        "Imazhi është i dëmtuar ose i paplotë. Hape në telefon ose në kompjuter, ruaje përsëri "
        "dhe dërgo skedarin e ri."
    ]


# The cleaning itself ---------------------------------------------------------------------------


def test_clean_image_gps_serial_and_orientation_removed():
    data = files.jpeg(size=(400, 200), exif=files.phone_exif("Pixel 7", orientation=6))
    assert files.SERIAL.encode() in data

    result = clean(data)

    stored = opened(result.content)
    assert stored.size == (200, 400)  # upright
    assert_no_metadata(result.content)
    assert_no_metadata(result.thumbnail)
    assert result.camera_model == "Pixel 7"
    assert result.taken_at.strftime("%Y-%m-%d %H:%M:%S") == "2025-05-01 10:20:30"
    assert (result.width, result.height) == (200, 400)


def test_clean_image_webp_accepted_without_exif():
    result = clean(files.webp(exif=files.phone_exif()))
    assert (result.extension, result.width, result.height) == ("jpg", 600, 400)
    assert result.camera_model == "Pixel 8"
    assert_no_metadata(result.content)


def test_clean_image_heic_accepted():
    result = clean(files.heic(size=(200, 120)))
    assert (result.extension, result.width, result.height) == ("jpg", 200, 120)


def test_clean_image_png_kept_as_clean_png_without_text_chunks():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret location")
    buffer = io.BytesIO()
    Image.new("RGBA", (120, 120), (1, 2, 3, 128)).save(buffer, format="PNG", pnginfo=info)

    result = clean(buffer.getvalue())

    assert result.extension == "png"
    assert b"secret location" not in result.content
    assert sniff(result.content[:16]) == "PNG"
    assert opened(result.content).getpixel((5, 5)) == (1, 2, 3, 128)


def test_clean_image_xmp_in_png_text_chunk_accepted():
    data = files.png_with_text("XML:com.adobe.xmp", '<?xml version="1.0"?><x:xmpmeta/>')
    assert clean(data).width == 300


def test_clean_image_script_in_png_text_chunk_refused():
    data = files.png_with_text("Comment", "<script>alert(1)</script>")
    assert refusal(data) == MARKUP


@pytest.mark.parametrize(
    "make", [files.noisy_png, files.jpeg, files.mpo, files.webp], ids=["png", "jpeg", "mpo", "webp"]
)
def test_clean_image_markup_after_the_image_refused(make):
    assert refusal(make() + b"<html><script>alert(1)</script></html>") == MARKUP


def test_clean_image_motion_photo_video_after_the_jpeg_accepted():
    # Phones append the video of a "motion photo" after the JPEG: data, not markup.
    video = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40
    assert clean(files.jpeg() + video).width == 1200


def test_clean_image_no_raw_byte_markup_scan():
    # Compressed data may contain "<script" by chance; only text chunks and the tail are read.
    exif = Image.Exif()
    exif[0x010E] = "<script>not run: a description</script>"  # ImageDescription, inside EXIF
    assert clean(files.jpeg(exif=exif)).width == 1200


@pytest.mark.parametrize(
    "data",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"<!DOCTYPE html><html><body>hi</body></html>",
        b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    ],
    ids=["svg", "html", "pdf", "gif"],
)
def test_clean_image_not_an_image_rejected(data):
    assert refusal(data) == NOT_AN_IMAGE


def test_clean_image_decompression_bomb_header_rejected():
    data = files.with_size(files.jpeg((64, 48)), 50000, 50000)
    assert refusal(data).startswith("The image has 2500 megapixels; at most 50 are accepted.")


def test_clean_image_png_bomb_header_refused_before_decoding():
    data = files.png_claiming(12000, 12000)
    assert len(data) < 100
    assert refusal(data).startswith("The image has 144 megapixels")


def test_clean_image_over_size_limit_rejected():
    assert refusal(files.jpeg(), max_bytes=100) == "The file is too large."


def test_clean_image_too_small_rejected_before_decoding():
    data = files.with_size(files.jpeg((64, 48)), 80, 60)  # would be damaged if decoded
    assert refusal(data, min_side=100) == (
        "The image is too small: its shortest side must have at least 100 pixels."
    )


def test_clean_image_decoder_exception_of_any_kind_is_damaged():
    # A PNG whose IDAT is not zlib data: Pillow raises from inside its decoder.
    data = files.zeros_png(64, 48)
    start = data.index(b"IDAT") + 4
    broken = data[:start] + b"\x00" * 12 + data[start + 12 :]
    assert refusal(broken) == DAMAGED


def test_truncated_images_never_loaded():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_printable_drops_nul_and_control_characters():
    assert core.printable("ION230\x00F") == "ION230F"
    assert core.printable(b"Canon\x00\x00\x00") == "Canon"
    assert core.printable("Nikon\u202e\x07 D750\n") == "Nikon D750"


# Memory: one image at a time, within the budget -------------------------------------------------


def _memory_mb():
    status = Path("/proc/self/status").read_text()
    found = dict(re.findall(r"(VmHWM|VmRSS):\s+(\d+) kB", status))
    return int(found["VmHWM"]) // 1024, int(found["VmRSS"]) // 1024


@pytest.mark.skipif(
    not Path("/proc/self/clear_refs").exists(), reason="needs Linux's peak-memory reset"
)
def test_eight_parallel_uploads_of_38_megapixel_zeros_stay_within_budget():
    """Eight 38.5 MP PNGs of zeros at once: each would take ~190 MB decoded, ~1.5 GB together.
    The uploads wait their turn, so the process grows by one image's worth at most."""
    data = files.zeros_png(7168, 5376)
    results, errors = [], []

    def post():
        try:
            results.append(clean(data))
        except ImageRejected as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=post) for _ in range(8)]
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to the current size
    _peak, before = _memory_mb()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    peak, _now = _memory_mb()

    assert errors == []
    assert [(result.width, result.height) for result in results] == [(3584, 2688)] * 8
    assert peak - before <= 300
