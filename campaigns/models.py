"""Awareness campaigns: a campaign page per campaign under one campaign index."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, DateField, F, Q, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from campaigns import views
from campaigns.blocks import ImpactFigureBlock, KeyMessagesBlock
from campaigns.enums import (
    STATUS_ORDER,
    CallToAction,
    CampaignStatus,
    campaign_status,
    status_rank,
)
from website.blocks import ContentBlocks
from website.models import TranslatedPageMixin

CAMPAIGNS_PER_PAGE = 12
# A campaign's stories are chosen among story pages (the stories app is below this one). The link
# is a foreign key to wagtailcore.Page so that this app's migrations do not depend on the stories
# app's (decision 15); only the admin's chooser names the page type.
STORY_PAGE_TYPE = "stories.StoryPage"


class CampaignPageQuerySet(PageQuerySet):
    def in_index_order(self, *, today):
        """Running (latest start first), then upcoming (soonest first), then ended (latest end
        first)."""
        running = STATUS_ORDER[CampaignStatus.RUNNING]
        upcoming = STATUS_ORDER[CampaignStatus.UPCOMING]
        ended = STATUS_ORDER[CampaignStatus.ENDED]
        return (
            self.annotate(status_rank=status_rank(today))
            .annotate(
                soonest_first=Case(
                    When(status_rank=upcoming, then="start_date"), output_field=DateField()
                ),
                latest_first=Case(
                    When(status_rank=running, then="start_date"),
                    When(status_rank=ended, then="end_date"),
                    output_field=DateField(),
                ),
            )
            .order_by("status_rank", "soonest_first", "-latest_first", "pk")
        )

    def for_cards(self):
        """What a campaign card needs: its image and renditions, in one extra query."""
        return self.select_related("hero_image").prefetch_related("hero_image__renditions")


CampaignPageManager = PageManager.from_queryset(CampaignPageQuerySet)


class CampaignIndexPage(TranslatedPageMixin, Page):
    """Every campaign: running first, then upcoming, then past."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences above the list of campaigns."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaigns = (
            CampaignPage.objects.child_of(self)
            .live()
            .public()
            .in_index_order(today=timezone.localdate())
            .for_cards()
        )
        paginator = Paginator(campaigns, CAMPAIGNS_PER_PAGE)
        context["campaigns"] = paginator.get_page(request.GET.get("page"))
        context["today"] = timezone.localdate()
        return context


class CampaignPage(TranslatedPageMixin, Page):
    """One awareness campaign: its dates, messages, activities, figures and materials."""

    # Loaded with the page when it is served (website/models/pages.py: shown and shared).
    route_select_related = ("hero_image",)

    summary = models.TextField(
        _("summary"),
        help_text=_("Two or three sentences: what the campaign wants to change, and for whom."),
    )
    hero_image = models.ForeignKey(
        "website.CustomImage",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page and in lists. It must have alt text."),
    )
    start_date = models.DateField(
        _("first day"), help_text=_("The campaign is running from this day on.")
    )
    end_date = models.DateField(
        _("last day"),
        null=True,
        blank=True,
        help_text=_("The campaign has ended after this day. Leave empty if it has no end yet."),
    )
    hashtags = models.CharField(
        _("hashtags"),
        max_length=255,
        blank=True,
        help_text=_("Separated by spaces, e.g. #StopHumanTrafficking #EndHumanTrafficking"),
    )
    key_messages = StreamField(
        KeyMessagesBlock(),
        blank=True,
        verbose_name=_("key messages"),
        help_text=_("The sentences the campaign repeats everywhere, in order."),
    )
    body = StreamField(
        ContentBlocks(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Background, photos and quotes. Name victims and children only by initials."),
    )
    impact_figures = StreamField(
        [("figure", ImpactFigureBlock())],
        blank=True,
        verbose_name=_("impact figures"),
        help_text=_("Each figure holds its label in both languages, so they stay paired."),
    )
    regions = ParentalManyToManyField(
        "website.Region",
        verbose_name=_("target regions"),
        blank=True,
        related_name="campaigns",
        help_text=_("Regions where the campaign takes place."),
    )
    municipalities = ParentalManyToManyField(
        "website.Municipality",
        verbose_name=_("target municipalities"),
        blank=True,
        related_name="campaigns",
        help_text=_("Municipalities where the campaign takes place."),
    )
    partners = ParentalManyToManyField(
        "website.Partner",
        verbose_name=_("partners"),
        blank=True,
        related_name="campaigns",
        help_text=_("Organisations that run the campaign."),
    )
    cta_kind = models.CharField(
        _("call to action"),
        max_length=24,
        choices=CallToAction.choices,
        blank=True,
        help_text=_("What the campaign asks readers to do. Leave empty for no button."),
    )
    cta_text = models.CharField(
        _("button text"),
        max_length=80,
        blank=True,
        help_text=_("Optional; the name of the action is used when empty."),
    )
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("button leads to page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "e.g. the competition or the directory. Left empty, report and seek help lead "
            "to the help lines and the directory."
        ),
    )
    cta_url = models.URLField(
        _("button leads to address"),
        blank=True,
        help_text=_("Only when the button leads to another website."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("key_messages"),
        index.SearchField("body"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldPanel("hashtags"),
        FieldPanel("key_messages"),
        FieldPanel("body"),
        FieldPanel("impact_figures"),
        InlinePanel("activities", label=_("Activities"), heading=_("Activities")),
        InlinePanel(
            "documents", label=_("Resource to download"), heading=_("Resources to download")
        ),
        MultiFieldPanel(
            [
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Where"),
        ),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        InlinePanel("story_links", label=_("Story"), heading=_("Stories of this campaign")),
        MultiFieldPanel(
            [
                FieldPanel("cta_kind"),
                FieldPanel("cta_text"),
                FieldPanel("cta_page"),
                FieldPanel("cta_url"),
            ],
            heading=_("Call to action"),
        ),
    ]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []

    objects = CampaignPageManager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="campaign_ends_after_it_starts",
            )
        ]

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})

    @property
    def status(self):
        return campaign_status(self.start_date, self.end_date, timezone.localdate())

    @property
    def hashtag_list(self):
        return [tag if tag.startswith("#") else f"#{tag}" for tag in self.hashtags.split()]

    @cached_property
    def call_to_action(self):
        return views.call_to_action(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.campaign_details(self))
        return context

    def search_text(self, language):
        """Text for the site search beside the page's own fields: hashtags and activities."""
        parts = [self.hashtags]
        for activity in self.activities.all():
            parts.append(getattr(activity, f"place_{language}", "") or "")
            parts.append(getattr(activity, f"description_{language}", "") or "")
        return " ".join(part for part in parts if part)


class CampaignActivity(Orderable):
    """Something that happened during the campaign: a session, a visit, a focus group."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="activities")
    date = models.DateField(_("date"), help_text=_("The day it happened."))
    place = models.CharField(
        _("place"),
        max_length=160,
        blank=True,
        help_text=_("e.g. the high school in Peshkopi. Never a shelter's address."),
    )
    municipality = models.ForeignKey(
        "website.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The municipality where it happened."),
    )
    description = models.TextField(
        _("what happened"), help_text=_("One or two sentences on what was done and with whom.")
    )
    people_reached = models.PositiveIntegerField(
        _("people reached"),
        null=True,
        blank=True,
        help_text=_("How many people took part. Leave empty when unknown."),
    )

    panels = [
        FieldPanel("date"),
        FieldPanel("place"),
        FieldPanel("municipality"),
        FieldPanel("description"),
        FieldPanel("people_reached"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")


class CampaignDocument(Orderable):
    """A leaflet, poster or report to download from the campaign page."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "website.CustomDocument",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Set its language, year and publisher in the document library."),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("resource to download")
        verbose_name_plural = _("resources to download")


class CampaignStoryLink(Orderable):
    """A story told as part of the campaign (chosen from the campaign's side)."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="story_links")
    story = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A published story about this campaign."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("story of the campaign")
        verbose_name_plural = _("stories of the campaign")

    panels = [PageChooserPanel("story", page_type=STORY_PAGE_TYPE)]
