"""The help directory: organisations that help (snippets) and one directory page that lists them.

Organisations are snippets, not pages: a reader needs them side by side, filtered by service and
region, and an organisation has no story of its own to tell on a page of its own. Campaigns and
search link to an organisation by its anchor on the directory page.
"""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from directory import views
from directory.enums import ServiceKind
from website.models import Region, TranslatedPageMixin


class Service(models.Model):
    """One term of the controlled vocabulary (directory.enums.ServiceKind), one row per term so
    that organisations can be filtered by service with a join. Rows are created by a migration;
    editors tick them, they do not edit them."""

    code = models.CharField(_("service"), max_length=32, choices=ServiceKind.choices, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return ServiceKind(self.code).label


class OrganisationQuerySet(models.QuerySet):
    """Reusable filters of the directory. Each adds a fixed number of queries."""

    def offering(self, service: str):
        """Organisations offering `service` (a ServiceKind value); all when it is ""."""
        if not service:
            return self
        through = self.model.services.through
        return self.filter(
            pk__in=through.objects.filter(service__code=service).values("organisation_id")
        )

    def serving(self, region):
        """Organisations working in `region` (a Region or None for all). An organisation that
        works across Albania counts for every region."""
        if region is None:
            return self
        served = self.model.regions.through.objects.filter(region=region).values("organisation_id")
        return self.filter(Q(pk__in=served) | Q(nationwide=True))

    def for_listing(self):
        """By name, with their services and regions in two extra queries."""
        return self.order_by("name").prefetch_related("services", "regions")


@register_snippet
class Organisation(models.Model):
    """An organisation that gives help to victims, survivors and people at risk."""

    name = models.CharField(_("name"), max_length=160, help_text=_("The organisation's name."))
    slug = models.SlugField(
        _("slug"),
        unique=True,
        help_text=_("Used in the link to the organisation on the directory page, e.g. vatra."),
    )
    description = models.TextField(
        _("description"), help_text=_("Two or three sentences: who they help, and how.")
    )
    services = models.ManyToManyField(
        Service,
        verbose_name=_("services"),
        blank=True,
        related_name="organisations",
        help_text=_("Tick every service the organisation offers."),
    )
    regions = models.ManyToManyField(
        "website.Region",
        verbose_name=_("regions served"),
        blank=True,
        related_name="help_organisations",
        help_text=_("Regions where the organisation works."),
    )
    nationwide = models.BooleanField(
        _("across Albania"),
        default=False,
        help_text=_(
            "Tick when it helps people from every region; it then appears for each region."
        ),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("As it should be dialled, e.g. +355 4 123 4567. Only a number they publish."),
    )
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("A public contact address."))
    website = models.URLField(_("website"), blank=True, help_text=_("The organisation's website."))
    address = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text=_("An office address only. Never publish the address of a shelter."),
    )
    partner = models.ForeignKey(
        "website.Partner",
        verbose_name=_("programme partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The same organisation among the programme's partners, if it is one."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("regions", widget=forms.CheckboxSelectMultiple), FieldPanel("nationwide")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("address"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("partner"),
    ]

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("help organisation")
        verbose_name_plural = _("help organisations")

    def __str__(self):
        return self.name

    @property
    def anchor(self):
        return f"org-{self.slug}"

    @property
    def phone_href(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""


class DirectoryPage(TranslatedPageMixin, Page):
    """Every help organisation, filtered by service and region (?service=…&region=…)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences above the filters: who can get help here."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("help directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            views.directory_listing(
                request.GET, organisations=Organisation.objects.all(), regions=Region.objects.all()
            )
        )
        return context
