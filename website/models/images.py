from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


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
