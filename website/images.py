"""Cleaning an uploaded image before anything is stored: the one place that decodes what people
send, for the competitions' entries and for the CMS's image library.

What is accepted is judged by decoding, never by the file's name, the browser's header or a scan of
compressed bytes:

1. The first bytes name the format (`sniff`); the container is walked (`website.image_containers`)
   to find where the image ends. A file that ends early is refused as damaged or incomplete. Only the text chunks
   (PNG tEXt/iTXt/zTXt, GIF comments) and the data after the image ends are searched for markup
   and scripts: XMP, IPTC and Photoshop blocks are ordinary metadata and are simply not kept.
2. The header gives the size. At most `MAX_PIXELS` (50 megapixels, the 48/50 MP modes of phones);
   an image above `FULL_SIZE_PIXELS` is kept at half its width and height (a 48 MP phone photo
   becomes 12 MP, the phone's usual size): a JPEG is decoded directly at that size by libjpeg
   (`Image.draft`), other formats are halved right after decoding. The decoded size, computed from
   the header, must fit `DECODE_BUDGET` before a single pixel is decoded.
3. One image at a time per process: decoding and cleaning run in the process's one cleaning
   thread (`_CLEANER`), so a web process never decodes two uploads in parallel; the others wait
   their turn. One thread rather than a lock taken by each request's thread: memory freed by an
   image is reused by the next one, where eight request threads would each keep their own
   malloc arena of a few hundred MB. Decoding is complete: `ImageFile.LOAD_TRUNCATED_IMAGES`
   stays False, and every decoder error becomes `ImageRejected("damaged")`.
4. The picture is turned upright from its EXIF orientation (once: HEIF decoders already apply
   theirs and reset the tag) and re-encoded from pixels alone: no EXIF, XMP, IPTC, GPS, comments or
   text chunks. The ICC colour profile is kept (a phone's Display P3 photo would lose its colours
   without it; it says nothing about the person). Only the capture date and the camera model are
   returned, cleaned of NUL and control characters, for the caller to keep.

`ImageRejected.code` says why an upload was refused; each caller words it for its readers
(`competitions.images` for entrants, `website.image_library` for editors).
"""

import io
import os
import re
import struct
import unicodedata
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from PIL import Image, ImageFile, ImageSequence

from website import image_containers

try:  # HEIC/HEIF from phones
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - pillow_heif is in requirements
    pillow_heif = None

MAX_PIXELS = 50_000_000
FULL_SIZE_PIXELS = 25_000_000
# Bytes of decoded pixels one image may take (Pillow keeps RGB in 4 bytes a pixel).
DECODE_BUDGET = MAX_PIXELS * 4
MAX_ICC_BYTES = 100_000
JPEG_QUALITY = 90

ENTRY_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "HEIF"})
LIBRARY_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "HEIF", "AVIF", "GIF"})
# What Pillow may call a file of each sniffed format (a multi-picture JPEG opens as MPO).
DECODED_AS = {
    "JPEG": {"JPEG", "MPO"},
    "PNG": {"PNG"},
    "WEBP": {"WEBP"},
    "HEIF": {"HEIF"},
    "AVIF": {"AVIF", "HEIF"},
    "GIF": {"GIF"},
}
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
AVIF_BRANDS = {b"avif", b"avis"}
# Markup that makes a file something other than an image. `<?xml` is not in it: XMP is XML.
MARKUP = re.compile(
    rb"<\s*(?:html|head|body|script|svg|iframe|object|embed|\?php)\b|javascript:", re.IGNORECASE
)

EXIF_ORIENTATION = 0x0112
EXIF_MODEL = 0x0110
EXIF_DATETIME = 0x0132
EXIF_IFD = 0x8769
EXIF_DATETIME_ORIGINAL = 0x9003
TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

# Started at the first upload (after a server's fork), never more than one thread.
_CLEANER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="image-cleaner")


class ImageRejected(ValueError):
    """Why an upload is refused: `code` is one of the keys below, `params` fill its message.

    not_an_image, markup, damaged, too_many_pixels (megapixels), too_large_to_decode,
    too_small (side), too_large (bytes).
    """

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class CleanImage:
    content: bytes
    extension: str
    width: int
    height: int
    thumbnail: bytes | None
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
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[4:8] == b"ftyp":
        if head[8:12] in AVIF_BRANDS:
            return "AVIF"
        if head[8:12] in HEIF_BRANDS:
            return "HEIF"
    return None


def check_container(data, fmt):
    """Refuse a file that ends before its image does, or that carries markup in its text or after
    its end. Compressed pixel data and metadata blocks are not searched."""
    try:
        end, texts = image_containers.structure(data, fmt)
    except (image_containers.Incomplete, struct.error) as error:
        raise ImageRejected("damaged") from error
    if any(MARKUP.search(text) for text in [*texts, data[end:]]):
        raise ImageRejected("markup")


# Metadata kept for people ------------------------------------------------------------------------


def printable(value, max_length=100):
    """`value` as text without NUL, control or format characters (PostgreSQL refuses NUL)."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = "".join(
        char for char in str(value or "") if not unicodedata.category(char).startswith("C")
    )
    return " ".join(text.split())[:max_length]


def _metadata(image):
    """(capture date, camera model, orientation) from the EXIF; broken EXIF counts as none."""
    try:
        exif = image.getexif()
        model = printable(exif.get(EXIF_MODEL, ""))
        orientation = exif.get(EXIF_ORIENTATION, 1)
        raw = exif.get_ifd(EXIF_IFD).get(EXIF_DATETIME_ORIGINAL) or exif.get(EXIF_DATETIME)
    except Exception:  # noqa: BLE001 - metadata is optional; the pixels decide
        return None, "", 1
    taken_at = None
    if raw:
        try:
            taken_at = timezone.make_aware(
                datetime.strptime(printable(raw, 19), "%Y:%m:%d %H:%M:%S")
            )
        except (ValueError, OverflowError):
            taken_at = None
    return taken_at, model, orientation if orientation in TRANSPOSE else 1


# Pixels ------------------------------------------------------------------------------------------


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


def _bytes_per_pixel(mode):
    if mode in ("1", "L", "P"):
        return 1
    if mode.startswith("I;16"):
        return 2
    return 4


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _encode(image, fmt, icc_profile=None):
    buffer = io.BytesIO()
    image.info = {}  # encoders read comments, XMP and profiles from here too
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if fmt == "PNG":
        image.save(buffer, format="PNG", **options)
    else:
        image.save(buffer, format="JPEG", quality=JPEG_QUALITY, **options)
    return buffer.getvalue()


def _open(data, fmt, formats):
    if fmt is None or fmt not in formats or (fmt in ("HEIF", "AVIF") and pillow_heif is None):
        raise ImageRejected("not_an_image")
    check_container(data, fmt)
    try:
        with warnings.catch_warnings():
            # Pillow warns above ~89 MP; the size is checked right after, against MAX_PIXELS.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        # Pillow refuses above ~179 MP before we see the size; its message has the count.
        found = re.search(r"\((\d+) pixels\)", str(error))
        pixels = int(found[1]) if found else Image.MAX_IMAGE_PIXELS * 2
        raise ImageRejected("too_many_pixels", megapixels=_megapixels(pixels)) from error
    except Exception as error:  # every decoder error means the same to the sender
        raise ImageRejected("damaged") from error
    if image.format not in DECODED_AS[fmt]:
        raise ImageRejected("not_an_image")
    return image


def _megapixels(pixels):
    return f"{pixels / 1e6:.1f}".rstrip("0").rstrip(".")


def _check_size(image, fmt, min_side):
    """Refuse from the header alone; return the frame count and whether to halve the image."""
    width, height = image.size
    frames = getattr(image, "n_frames", 1) if fmt == "GIF" else 1
    pixels = width * height * frames
    if pixels > MAX_PIXELS:
        raise ImageRejected("too_many_pixels", megapixels=_megapixels(pixels))
    if min_side and min(width, height) < min_side:
        raise ImageRejected("too_small", side=min_side)
    halve = frames == 1 and width * height > FULL_SIZE_PIXELS
    if halve and image.format in ("JPEG", "MPO"):
        # libjpeg decodes at half size directly: a quarter of the memory and of the time.
        image.draft(image.mode, (width // 2, height // 2))
        halve = image.size == (width, height)
    decoded = image.size[0] * image.size[1] * frames * _bytes_per_pixel(image.mode)
    if decoded > DECODE_BUDGET:
        raise ImageRejected("too_large_to_decode")
    return frames, halve


def _decode(image):
    if ImageFile.LOAD_TRUNCATED_IMAGES:  # pragma: no cover - a setting someone might flip
        raise RuntimeError("ImageFile.LOAD_TRUNCATED_IMAGES must stay False")
    try:
        image.load()
    except Exception as error:  # every decoder error means the same to the sender
        raise ImageRejected("damaged") from error


def _upright(image, orientation, halve):
    if halve:
        image = image.reduce(2)
    if orientation in TRANSPOSE:
        image = image.transpose(TRANSPOSE[orientation])
    if image.mode in ("RGB", "L"):
        return image, False
    alpha = _has_alpha(image)
    return image.convert("RGBA" if alpha else "RGB"), alpha


def _gif_animation(image):
    """An animated GIF again, from its frames' pixels only (no comments or extensions)."""
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 100))
        copy = frame.convert("RGBA")
        copy.info = {}
        frames.append(copy)
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=image.info.get("loop", 0),
        disposal=2,
    )
    return buffer.getvalue(), frames[0]


def clean_image(upload, *, max_bytes, formats=ENTRY_FORMATS, min_side=0, thumbnail_side=None):
    """Validate and clean `upload` (a file object); return a `CleanImage` or raise ImageRejected.

    The upload itself is never written anywhere: the caller stores `content` (and `thumbnail`, a
    JPEG or PNG whose longest side is `thumbnail_side`, when asked for).
    """
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImageRejected("too_large")
    fmt = sniff(data[:16])
    image = _open(data, fmt, formats)
    frames, halve = _check_size(image, fmt, min_side)
    # Only the header has been read so far; the pixels are decoded in the cleaning thread.
    return _CLEANER.submit(_clean, image, frames, halve, thumbnail_side).result()


def _clean(image, frames, halve, thumbnail_side):
    _decode(image)
    taken_at, camera_model, orientation = _metadata(image)
    icc_profile = image.info.get("icc_profile")
    if not icc_profile or len(icc_profile) > MAX_ICC_BYTES:
        icc_profile = None
    if frames > 1:
        content, clean = _gif_animation(image)
        extension = "gif"
    else:
        clean, alpha = _upright(image, orientation, halve)
        if clean is not image:
            image.close()  # the decoded full-size pixels go now, before encoding
        extension = "png" if alpha else "jpg"
        content = _encode(clean, "PNG" if alpha else "JPEG", icc_profile)
    thumbnail = None
    small = clean.resize(
        _fit(clean.size, thumbnail_side or 64), Image.Resampling.LANCZOS, reducing_gap=2.0
    )
    if thumbnail_side:
        thumbnail = _encode(small, "PNG" if extension == "png" else "JPEG", icc_profile)
    return CleanImage(
        content=content,
        extension=extension,
        width=clean.width,
        height=clean.height,
        thumbnail=thumbnail,
        image_hash=difference_hash(small),
        taken_at=taken_at,
        camera_model=camera_model,
    )


def _fit(size, side):
    width, height = size
    scale = min(1.0, side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def library_name(name, result):
    """The stored file's name: the uploaded name with the extension of what is stored."""
    stem = os.path.splitext(os.path.basename(name or ""))[0] or "image"
    return f"{stem}.{result.extension}"


# What a decoder reports about a file that says nothing about a person (everything else in
# `Image.info`, e.g. exif, xmp, photoshop, comment or a PNG text chunk, counts as metadata).
PLAIN_INFO = frozenset(
    {
        "adobe", "adobe_transform", "aspect", "aux", "background", "bit_depth", "chroma",
        "chromaticity", "depth_images", "disposal", "dpi", "duration", "extension", "gamma",
        "icc_profile", "interlace", "jfif", "jfif_density", "jfif_unit", "jfif_version", "loop",
        "metadata", "mode", "nclx_profile", "original_orientation", "primary", "progression",
        "progressive", "srgb", "thumbnails", "transparency", "version",
    }
)  # fmt: skip


def carries_metadata(data):
    """Whether a stored file still has EXIF, XMP, IPTC, comments or text chunks (or cannot be
    read): `clean_image_library` re-encodes only those, never a clean file twice."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return bool(len(image.getexif()) or set(image.info) - PLAIN_INFO)
    except Exception:  # noqa: BLE001 - unreadable: clean_image says why
        return True
