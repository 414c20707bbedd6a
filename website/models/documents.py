from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document


class CustomDocument(AbstractDocument):
    """A public document (leaflet, poster, report) with its language, year and publisher."""

    LANGUAGE_CHOICES = [
        ("sq", _("Albanian")),
        ("en", _("English")),
        ("sq-en", _("Albanian and English")),
        ("other", _("Other")),
    ]

    language = models.CharField(
        _("language"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
        default="sq",
        help_text=_("Language the document is written in."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("Year of publication.")
    )
    publisher = models.CharField(_("publisher"), max_length=160, blank=True)

    admin_form_fields = (*Document.admin_form_fields, "language", "year", "publisher")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
