"""The CMS's image library is cleaned like the entries: every image an editor uploads is turned
upright and re-encoded without EXIF, XMP, IPTC or GPS by `website.images` before it is stored.

Wagtail builds every image form it uses from `WAGTAILIMAGES_IMAGE_FORM_BASE`, this module's
`LibraryImageForm`: the add and edit (replace file) views, the chooser's upload tab, the multiple
uploader and the API. The form's `clean_file` replaces the upload with the cleaned file, so
Wagtail's own size, hash and dimension fields describe what is stored, and every rendition is
made from a clean original. The multiple uploader keeps a file aside (`wagtail.models.UploadedFile`
under `media/wagtail_uploads/`) while the editor writes the alt text: `website.models.images`
cleans that file too before it is written.

What the editor may want from the EXIF, the capture date and the camera model (never the
coordinates), is kept on the image (`taken_at`, `camera_model`) and shown on its edit page. The
multiple uploader creates the image later, from the file kept aside: the form remembers the two
values for a day under the cleaned file's hash (the cache, shared by the app servers) and the
form that creates the image takes them back.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.utils.file import hash_filelike

from website import images

CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "gif": "image/gif"}
REDUCE_HINT = _(
    "Reduce it to at most 50 megapixels (for example 8000 × 6000 pixels) and upload it again."
)
# For editors (*ju* in Albanian); the entrants' wording is in competitions.images.
MESSAGES = {
    "too_large": _("The file is too large."),
    "not_an_image": _("The file is not a JPEG, PNG, WebP, HEIC, AVIF or GIF image."),
    "markup": _("The file contains something other than an image."),
    "damaged": _(
        "The image is damaged or incomplete. Save it again from the program that made it and "
        "upload the new file."
    ),
    "too_many_pixels": format_lazy(
        "{} {}", _("The image has %(megapixels)s megapixels; at most 50 are accepted."), REDUCE_HINT
    ),
    "too_large_to_decode": format_lazy(
        "{} {}", _("The image is too large to process."), REDUCE_HINT
    ),
}


def max_bytes():
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None) or 100 * 1024 * 1024


def clean_library_file(upload):
    """(stored name, `CleanImage`) for a file uploaded to the library; raises ImageRejected."""
    result = images.clean_image(upload, max_bytes=max_bytes(), formats=images.LIBRARY_FORMATS)
    return images.library_name(upload.name, result), result


METADATA_KEEP_SECONDS = 24 * 3600


def _metadata_key(file_hash):
    return f"website:library-image-metadata:{file_hash}"


def remember_metadata(result):
    """Keep the capture date and camera model of a cleaned upload for the image made from it
    later (the multiple uploader)."""
    if result.taken_at is None and not result.camera_model:
        return
    file_hash = hash_filelike(ContentFile(result.content))
    value = (result.taken_at, result.camera_model)
    cache.set(_metadata_key(file_hash), value, METADATA_KEEP_SECONDS)


def recall_metadata(file_hash):
    """(taken_at, camera_model) remembered for the cleaned file with this hash, or None."""
    return cache.get(_metadata_key(file_hash)) if file_hash else None


class LibraryImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        """Wagtail's own check asks Willow for the size, which decodes every pixel in the
        request's thread (and a truncated file becomes a server error). `clean_file` checks the
        size from the header (`website.images.MAX_PIXELS`, the same as
        WAGTAILIMAGES_MAX_IMAGE_PIXELS) and decodes once, in the cleaning thread."""


class LibraryImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = LibraryImageField(
                label=field.label, required=field.required, widget=field.widget
            )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # no new file: the stored one stays
        try:
            name, result = clean_library_file(upload)
        except images.ImageRejected as rejected:
            message = MESSAGES[rejected.code]
            raise ValidationError(
                message % rejected.params if rejected.params else message, code=rejected.code
            ) from rejected
        # The multiple uploader stores this same upload aside when another field is invalid.
        upload.cleaned_image = (name, result)
        self.cleaned_image = result
        # A new file brings its own date and camera (or none).
        self.instance.taken_at, self.instance.camera_model = result.taken_at, result.camera_model
        remember_metadata(result)
        return SimpleUploadedFile(name, result.content, CONTENT_TYPES[result.extension])

    def save(self, commit=True):
        """An image made from a file kept aside by the multiple uploader takes back the date and
        camera its upload had (`recall_metadata`)."""
        new_file = getattr(self, "cleaned_image", None) is not None
        if not new_file and self.instance.taken_at is None and not self.instance.camera_model:
            remembered = recall_metadata(self.instance.file_hash)
            if remembered:
                self.instance.taken_at, self.instance.camera_model = remembered
        return super().save(commit=commit)
