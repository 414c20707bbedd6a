"""The entrant's image: cleaned by `website.images` (what is accepted, memory, metadata), worded
here for a young entrant (*ti* in Albanian), with a thumbnail and a perceptual hash for the queue.

The upload itself is never written anywhere: the cleaned image is the only copy kept, at full size
up to 25 megapixels and at half its width and height above that (at most 50 megapixels are
accepted).
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from website import images
from website.images import CleanImage, difference_hash, hash_distance, sniff

__all__ = [
    "CleanImage",
    "ImageRejected",
    "clean_image",
    "difference_hash",
    "hash_distance",
    "sniff",
]

MAX_PIXELS = images.MAX_PIXELS
THUMBNAIL_SIDE = 480

MESSAGES = {
    "too_large": _("The file is too large."),
    "not_an_image": _("The file is not a JPEG, PNG, WebP or HEIC image."),
    "markup": _("The file contains something other than an image."),
}
REDUCE_HINT = _(
    "Reduce it to at most 50 megapixels (for example 8000 × 6000 pixels) and send it again."
)
MESSAGES |= {
    "damaged": _(
        "The image is damaged or incomplete. Open it on your phone or computer, save it again "
        "and send the new file."
    ),
    "too_many_pixels": format_lazy(
        "{} {}", _("The image has %(megapixels)s megapixels; at most 50 are accepted."), REDUCE_HINT
    ),
    "too_large_to_decode": format_lazy(
        "{} {}", _("The image is too large to process."), REDUCE_HINT
    ),
    "too_small": _("The image is too small: its shortest side must have at least %(side)s pixels."),
}


class ImageRejected(ValueError):
    """The upload is not an image we accept; `message` is for the entrant."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def clean_image(upload, *, max_bytes, min_side=0):
    """Validate and clean `upload` (a file object); return a `CleanImage` or raise ImageRejected."""
    try:
        return images.clean_image(
            upload, max_bytes=max_bytes, min_side=min_side, thumbnail_side=THUMBNAIL_SIDE
        )
    except images.ImageRejected as rejected:
        message = MESSAGES[rejected.code]
        raise ImageRejected(message % rejected.params if rejected.params else message) from rejected
