from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import UploadedFile

from website import images


class CustomImage(AbstractImage):
    """A public image with alt text in both languages (see translation.py) and a credit."""

    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        blank=True,
        help_text=_(
            "Describe what the image shows for readers who cannot see it. "
            "Never name a victim or a child."
        ),
    )
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or source, shown with the image."),
    )

    # From the EXIF of the uploaded file, which is not stored (`website.image_library`): shown to
    # editors on the image's edit page. Never the coordinates, serial numbers or anything else.
    taken_at = models.DateTimeField(_("taken on"), null=True, blank=True, editable=False)
    camera_model = models.CharField(_("camera"), max_length=100, blank=True, editable=False)

    # The per-language columns come from modeltranslation (translation.py).
    admin_form_fields = (*Image.admin_form_fields, "alt_text_sq", "alt_text_en", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def clean(self):
        """Every image needs alt text in Albanian (English falls back to it when left empty).

        A model rule rather than a form option, so that each admin form that saves an image
        enforces it: the image add and edit forms, the chooser's upload form, and the details
        form shown for each file of a multiple upload (Wagtail keeps the file aside as an
        `UploadedFile` until that form is saved with the alt text).
        """
        super().clean()
        if not (self.alt_text_sq or "").strip():
            raise ValidationError(
                {"alt_text_sq": _("Write the alt text in Albanian: every image needs it.")}
            )

    @property
    def default_alt_text(self):
        """The alt text in the reader's language; an empty English one falls back to Albanian."""
        return self.alt_text or self.alt_text_sq or ""


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@receiver(pre_save, sender=UploadedFile)
def clean_pending_upload(sender, instance, **kwargs):
    """The multiple uploader keeps an image aside under `media/wagtail_uploads/` until its alt
    text is written; that file is cleaned like the library's images before it is written (the
    image form has already cleaned the same upload once: its result is reused)."""
    pending = instance.file
    if not pending or pending._committed:
        return
    if instance.for_content_type and instance.for_content_type.model_class() is not CustomImage:
        return
    upload = pending.file
    name, result = getattr(upload, "cleaned_image", None) or (None, None)
    if result is None:
        result = images.clean_image(upload, max_bytes=pending.size, formats=images.LIBRARY_FORMATS)
        name = images.library_name(upload.name, result)
    instance.file = ContentFile(result.content, name=name)
