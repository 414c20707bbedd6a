import io
import struct
import zlib

import pytest
from PIL import Image, PngImagePlugin

from competitions.images import ImageRejected, clean_image, sniff
from tests.competitions.conftest import jpeg_bytes


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width=50000, height=50000):
    """A tiny PNG whose header claims a huge image."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b""))
        + _png_chunk(b"IEND", b"")
    )


def png_bytes(size=(300, 200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 200, 10)).save(buffer, format="PNG")
    return buffer.getvalue()


def clean(data, **kwargs):
    kwargs.setdefault("max_bytes", 10**7)
    return clean_image(io.BytesIO(data), **kwargs)


def test_clean_image_gps_serial_and_orientation_removed():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    exif[0x0110] = "Pixel 7"
    exif.get_ifd(0x8769)[0x9003] = "2023:05:01 10:20:30"
    exif.get_ifd(0x8769)[0xA431] = "SERIAL-123456"  # BodySerialNumber
    exif.get_ifd(0x8825)[2] = (41.0, 19.0, 0.0)  # GPSLatitude
    exif.get_ifd(0x8825)[1] = "N"
    data = jpeg_bytes(size=(400, 200), exif=exif)
    assert b"SERIAL-123456" in data

    result = clean(data)

    stored = Image.open(io.BytesIO(result.content))
    assert stored.size == (200, 400)  # upright
    assert dict(stored.getexif()) == {}
    assert b"SERIAL-123456" not in result.content
    assert b"GPS" not in result.content
    assert b"Exif" not in result.content
    assert b"SERIAL-123456" not in result.thumbnail
    assert result.camera_model == "Pixel 7"
    assert result.taken_at.strftime("%Y-%m-%d %H:%M:%S") == "2023-05-01 10:20:30"
    assert (result.width, result.height) == (200, 400)


def test_clean_image_decompression_bomb_header_rejected():
    data = bomb_png()
    assert len(data) < 100
    with pytest.raises(ImageRejected) as error:
        clean(data)
    assert str(error.value) == "The image has too many pixels (at most 40 megapixels)."


def test_clean_image_over_pixel_cap_rejected_before_decoding():
    # 12000×12000 from the header alone: no pixel data is ever decoded.
    with pytest.raises(ImageRejected) as error:
        clean(bomb_png(12000, 12000))
    assert str(error.value) == "The image has too many pixels (at most 40 megapixels)."


def test_clean_image_truncated_jpeg_rejected():
    data = jpeg_bytes()
    with pytest.raises(ImageRejected) as error:
        clean(data[: len(data) // 2])
    assert str(error.value) == "The image is damaged or incomplete."


@pytest.mark.parametrize(
    "data",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"<!DOCTYPE html><html><body>hi</body></html>",
        b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF",
    ],
    ids=["svg", "html", "pdf"],
)
def test_clean_image_not_an_image_rejected(data):
    with pytest.raises(ImageRejected) as error:
        clean(data)
    assert str(error.value) == "The file is not a JPEG, PNG, WebP or HEIC image."


def test_clean_image_png_with_html_appended_rejected():
    with pytest.raises(ImageRejected) as error:
        clean(png_bytes() + b"<html><script>alert(1)</script></html>")
    assert str(error.value) == "The file contains something other than an image."


def test_clean_image_over_size_limit_rejected():
    with pytest.raises(ImageRejected) as error:
        clean(jpeg_bytes(), max_bytes=100)
    assert str(error.value) == "The file is too large."


def test_clean_image_too_small_rejected():
    with pytest.raises(ImageRejected):
        clean(png_bytes((50, 50)), min_side=100)


def test_clean_image_png_kept_as_clean_png_without_text_chunks():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret location")
    buffer = io.BytesIO()
    Image.new("RGBA", (120, 120), (1, 2, 3, 128)).save(buffer, format="PNG", pnginfo=info)

    result = clean(buffer.getvalue())

    assert result.extension == "png"
    assert b"secret location" not in result.content
    assert sniff(result.content[:16]) == "PNG"


def test_clean_image_heic_accepted():
    pillow_heif = pytest.importorskip("pillow_heif")
    buffer = io.BytesIO()
    try:
        Image.new("RGB", (200, 120), (9, 9, 9)).save(buffer, format="HEIF")
    except (KeyError, OSError):
        pytest.skip("no HEIF encoder")
    assert pillow_heif

    result = clean(buffer.getvalue())

    assert result.extension == "jpg"
    assert (result.width, result.height) == (200, 120)
