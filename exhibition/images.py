"""Public sizes of a published work's image, made from the cleaned image (no metadata).

Why a permission-checked view and not a Wagtail image: an image in Wagtail's collection and its
renditions live in the public media folder, served without asking anyone; a take-down, a
withdrawal or a safeguarding hold (decided in the competitions app) would have to remember to
delete them, and a copy could outlive the decision. Here the sizes live in the private storage,
and `exhibition.views.work_image` checks the publication on every request before it sends one;
a take-down also deletes them.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image

from competitions.storage import private_storage

WIDTHS = (480, 960, 1600)
QUALITY = 82


def derivative_name(public_id, width):
    return f"published/{public_id}/{int(width)}.jpg"


def render(source, width):
    """A JPEG `width` pixels wide (never wider than the original), without any metadata."""
    with Image.open(source) as image:
        image = image.convert("RGB")
        if image.width > width:
            height = max(1, round(image.height * width / image.width))
            image = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def derivative(entry, public_id, width):
    """The storage name of the size, made on first use from the entry's cleaned image."""
    storage = private_storage()
    name = derivative_name(public_id, width)
    if not storage.exists(name):
        with entry.image.storage.open(entry.image.name, "rb") as source:
            data = render(source, width)
        name = storage.save(name, ContentFile(data))
    return name


def has_derivatives(public_id):
    try:
        _dirs, files = private_storage().listdir(f"published/{public_id}")
    except FileNotFoundError:
        return False
    return bool(files)


def delete_derivatives(public_id):
    storage = private_storage()
    folder = f"published/{public_id}"
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        storage.delete(f"{folder}/{name}")


def widths_for(entry):
    """The sizes worth offering for this image (plus its own width when it is smaller)."""
    original = entry.image_width or WIDTHS[-1]
    return [*(width for width in WIDTHS if width < original), min(original, WIDTHS[-1])]
