"""Cleaning an uploaded image before anything is stored.

The type is judged by the bytes, never by the name or the browser's header. The pixel count is
checked from the header before any pixel is decoded. The image is turned upright from its EXIF
orientation and re-encoded without EXIF, XMP, IPTC, ICC or text chunks. Only the capture date and
the camera model are kept, returned to the caller for the database. The upload itself is never
written anywhere: the cleaned full-size image is the only copy kept.
"""

import io
import re
import warnings
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

try:  # HEIC/HEIF from phones
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIF_AVAILABLE = True
except ImportError:  # pragma: no cover - pillow_heif is in requirements
    HEIF_AVAILABLE = False

# Far below Pillow's own decompression-bomb limit (~89 MP): a phone photo is 12–50 MP.
MAX_PIXELS = 40_000_000
THUMBNAIL_SIDE = 480
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}
MARKUP = re.compile(rb"<\s*(?:html|script|svg|\?php|\?xml|body|iframe)", re.IGNORECASE)

EXIF_MODEL = 0x0110
EXIF_IFD = 0x8769
EXIF_DATETIME_ORIGINAL = 0x9003


class ImageRejected(ValueError):
    """The upload is not an image we accept; `message` is for the entrant."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class CleanImage:
    content: bytes
    extension: str
    width: int
    height: int
    thumbnail: bytes
    image_hash: str
    taken_at: datetime | None
    camera_model: str


def sniff(head):
    """The format the first bytes say, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in {
        b"heic",
        b"heix",
        b"mif1",
        b"msf1",
        b"heim",
        b"hevc",
    }:
        return "HEIF"
    return None


def _png_has_trailing_data(data):
    end = data.rfind(b"IEND")
    # IEND is followed by its 4-byte CRC and nothing else.
    return end == -1 or len(data) > end + 8


def _read_limited(upload, max_bytes):
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImageRejected(_("The file is too large."))
    return data


def _metadata(image):
    try:
        exif = image.getexif()
    except Exception:  # noqa: BLE001 - broken EXIF is simply ignored
        return None, ""
    model = str(exif.get(EXIF_MODEL, "") or "").strip("\x00 ")[:100]
    taken_at = None
    raw = exif.get_ifd(EXIF_IFD).get(EXIF_DATETIME_ORIGINAL) if exif else None
    if raw:
        try:
            taken_at = timezone.make_aware(
                datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
            )
        except (ValueError, OverflowError):
            taken_at = None
    return taken_at, model


def difference_hash(image):
    """A 64-bit dHash as 16 hex digits: close images have a small Hamming distance."""
    small = image.convert("L").resize((9, 8), Image.Resampling.LANCZOS)
    pixels = small.tobytes()
    bits = 0
    for row in range(8):
        for col in range(8):
            left = pixels[row * 9 + col]
            right = pixels[row * 9 + col + 1]
            bits = (bits << 1) | (left > right)
    return f"{bits:016x}"


def hash_distance(first, second):
    return (int(first, 16) ^ int(second, 16)).bit_count()


def _encode(image, fmt):
    buffer = io.BytesIO()
    if fmt == "PNG":
        image.save(buffer, format="PNG", optimize=True)
    else:
        image.save(buffer, format="JPEG", quality=90, optimize=True, exif=b"")
    return buffer.getvalue()


def clean_image(upload, *, max_bytes, min_side=0):
    """Validate and clean `upload` (a file object); return a `CleanImage` or raise ImageRejected."""
    data = _read_limited(upload, max_bytes)
    fmt = sniff(data[:16])
    if fmt is None or (fmt == "HEIF" and not HEIF_AVAILABLE):
        raise ImageRejected(_("The file is not a JPEG, PNG, WebP or HEIC image."))
    if MARKUP.search(data) or (fmt == "PNG" and _png_has_trailing_data(data)):
        raise ImageRejected(_("The file contains something other than an image."))

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            # Only the header has been read so far: check the size before decoding.
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageRejected(_("The image has too many pixels (at most 40 megapixels)."))
            if image.format not in ACCEPTED_FORMATS or image.format != fmt:
                raise ImageRejected(_("The file is not a JPEG, PNG, WebP or HEIC image."))
            image.load()
        except ImageRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ImageRejected(
                _("The image has too many pixels (at most 40 megapixels).")
            ) from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ImageRejected(_("The image is damaged or incomplete.")) from error

    if min_side and min(width, height) < min_side:
        raise ImageRejected(
            _("The image is too small: its shortest side must have at least %(side)s pixels.")
            % {"side": min_side}
        )
    taken_at, camera_model = _metadata(image)
    upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    out_format = "PNG" if has_alpha else "JPEG"
    # A fresh image carries pixels only: no EXIF, XMP, IPTC, ICC profile or text chunks.
    pixels = upright.convert("RGBA" if has_alpha else "RGB")
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    content = _encode(clean, out_format)
    thumb = clean.copy()
    thumb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    return CleanImage(
        content=content,
        extension="png" if out_format == "PNG" else "jpg",
        width=clean.width,
        height=clean.height,
        thumbnail=_encode(thumb, out_format),
        image_hash=difference_hash(clean),
        taken_at=taken_at,
        camera_model=camera_model,
    )
