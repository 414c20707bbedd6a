from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Partner(index.Indexed, models.Model):
    """An organisation of the consortium or one that implements part of the programme."""

    name = models.CharField(_("name"), max_length=160)
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("e.g. OSCE, TdH, D&E")
    )
    description = models.TextField(_("short description"), blank=True)
    logo = models.ForeignKey(
        "website.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_consortium_member = models.BooleanField(
        _("consortium member"),
        default=True,
        help_text=_("Members are shown in the footer of every page; others only where named."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("email"),
        FieldPanel("is_consortium_member"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name
