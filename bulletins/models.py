"""E-bulletins: issues of the programme's bilingual newsletter, archived on the web.

Tree: HomePage → BulletinIndexPage (the archive) → BulletinPage (one issue).
The same item data renders the web page, the "both languages" view and the e-mail
(see bulletins/rendering.py).
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from bulletins import views
from bulletins.blocks import BulletinItemsBlock
from website import content_cache
from website.models import TranslatedPageMixin


class BulletinPageQuerySet(PageQuerySet):
    def published(self):
        """Live, public issues, newest first."""
        return content_cache.public(self.live()).order_by("-issue_date", "-number")


BulletinPageManager = PageManager.from_queryset(BulletinPageQuerySet)


class BulletinIndexPage(TranslatedPageMixin, Page):
    """The archive: every issue, newest first."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence above the list of issues.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["bulletins.BulletinPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("bulletin archive")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = BulletinPage.objects.child_of(self).published()
        return context


class BulletinPage(TranslatedPageMixin, RoutablePageMixin, Page):
    """One issue of the e-bulletin."""

    period_label = models.CharField(
        _("period"),
        max_length=80,
        help_text=_("The months this issue covers, e.g. “Nëntor–Dhjetor 2020”."),
    )
    number = models.PositiveSmallIntegerField(
        _("issue number"), help_text=_("1 for the first issue, then 2, 3…")
    )
    issue_date = models.DateField(
        _("issue date"), help_text=_("The day the issue comes out; the archive sorts by it.")
    )
    masthead_intro = models.TextField(
        _("masthead introduction"),
        blank=True,
        help_text=_("A few sentences under the masthead: what this issue is about."),
    )
    items = StreamField(
        BulletinItemsBlock(),
        blank=True,
        verbose_name=_("news items"),
        help_text=_(
            "In the order readers see them. Choose a story of this site, or write an item here "
            "in both languages."
        ),
    )
    programme_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("programme at a glance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page that presents the programme, linked after the news."),
    )
    competition_heading = models.CharField(
        _("competition heading"),
        max_length=200,
        blank=True,
        help_text=_("Heading of the competition announcement; leave empty for none."),
    )
    competition_text = models.TextField(
        _("competition announcement"),
        blank=True,
        help_text=_("A short paragraph about the competition."),
    )
    competition_url = models.URLField(
        _("competition link"), blank=True, help_text=_("Where readers find the rules and enter.")
    )
    partners = ParentalManyToManyField(
        "website.Partner",
        blank=True,
        verbose_name=_("partners"),
        related_name="bulletins",
        help_text=_("Shown under “We are in this together”. Leave empty for all partners."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("period_label"), FieldPanel("number"), FieldPanel("issue_date")],
            heading=_("Issue"),
        ),
        FieldPanel("masthead_intro"),
        FieldPanel("items"),
        FieldPanel("programme_page"),
        MultiFieldPanel(
            [
                FieldPanel("competition_heading"),
                FieldPanel("competition_text"),
                FieldPanel("competition_url"),
            ],
            heading=_("Competition"),
        ),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("period_label"),
        index.SearchField("masthead_intro"),
        index.FilterField("issue_date"),
    ]
    parent_page_types = ["bulletins.BulletinIndexPage"]
    subpage_types = []

    objects = BulletinPageManager()

    class Meta:
        verbose_name = _("bulletin issue")
        verbose_name_plural = _("bulletin issues")

    @path("")
    def issue_view(self, request):
        return views.bulletin_issue(request, self, both=False)

    @path("both/")
    def both_languages_view(self, request):
        return views.bulletin_issue(request, self, both=True)
