"""Shared vocabularies: topics, regions and municipalities (snippets, both languages).

Stories, campaigns, the help directory and competitions all tag their content with these.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet


@register_snippet
class Topic(models.Model):
    """e.g. prevention, protection, prosecution, reintegration, online safety."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"), unique=True, help_text=_("Used in filter links, e.g. prevention.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


@register_snippet
class Region(models.Model):
    """A county (qark) of Albania, or "abroad"."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), unique=True)
    is_programme_area = models.BooleanField(
        _("programme area"), default=False, help_text=_("One of the programme's 4 target regions.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("is_programme_area"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


@register_snippet
class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="municipalities"
    )
    is_programme_area = models.BooleanField(
        _("programme area"), default=False, help_text=_("One of the programme's 17 municipalities.")
    )
    is_hotspot = models.BooleanField(_("hotspot"), default=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("region"),
        FieldPanel("is_programme_area"),
        FieldPanel("is_hotspot"),
    ]

    class Meta:
        ordering = ["region__sort_order", "name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name
