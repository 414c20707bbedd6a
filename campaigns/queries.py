"""Reads for campaign pages. Each runs a fixed number of queries, whatever the data size."""

import datetime

from django.apps import apps
from django.db.models import Case, DateField, IntegerField, Q, Value, When
from django.urls import NoReverseMatch, reverse

from campaigns.enums import STATUS_ORDER, CallToAction, CampaignStatus


def _status_rank(today: datetime.date):
    """The index order as an SQL expression: running 0, upcoming 1, ended 2."""
    return Case(
        When(start_date__gt=today, then=Value(STATUS_ORDER[CampaignStatus.UPCOMING])),
        When(
            Q(end_date__isnull=False) & Q(end_date__lt=today),
            then=Value(STATUS_ORDER[CampaignStatus.ENDED]),
        ),
        default=Value(STATUS_ORDER[CampaignStatus.RUNNING]),
        output_field=IntegerField(),
    )


def campaigns_for_index(index_page, *, today: datetime.date):
    """Live, public campaigns under `index_page`: running (latest start first), then upcoming
    (soonest first), then ended (latest end first)."""
    from campaigns.models import CampaignPage

    running = STATUS_ORDER[CampaignStatus.RUNNING]
    upcoming = STATUS_ORDER[CampaignStatus.UPCOMING]
    ended = STATUS_ORDER[CampaignStatus.ENDED]
    return (
        CampaignPage.objects.child_of(index_page)
        .live()
        .public()
        .annotate(status_rank=_status_rank(today))
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
        .select_related("hero_image")
        .prefetch_related("hero_image__renditions")
    )


def story_model():
    """StoryPage when the stories app defines it, None otherwise."""
    if not apps.is_installed("stories"):
        return None
    try:
        return apps.get_model("stories", "StoryPage")
    except LookupError:
        return None


def campaign_stories(page):
    """The campaign's chosen stories that are live and public, in the editor's order."""
    story_ids = [link.story_id for link in page.story_links.all()]
    if not story_ids:
        return []
    model = story_model()
    if model is None:
        from wagtail.models import Page

        found = Page.objects.filter(pk__in=story_ids).live().public().specific()
    else:
        found = (
            model.objects.filter(pk__in=story_ids)
            .live()
            .public()
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
        )
    by_id = {story.pk: story for story in found}
    return [by_id[story_id] for story_id in story_ids if story_id in by_id]


def campaign_details(page):
    """Everything the campaign page shows beside its own fields, each in one query."""
    activities = list(page.activities.select_related("municipality").order_by("sort_order"))
    return {
        "activities": activities,
        "documents": [link.document for link in page.documents.select_related("document")],
        "partners": list(page.partners.select_related("logo").prefetch_related("logo__renditions")),
        "regions": list(page.regions.all()),
        "municipalities": list(page.municipalities.select_related("region")),
        "stories": campaign_stories(page),
        "people_reached": sum(activity.people_reached or 0 for activity in activities),
    }


def _directory_url():
    if not apps.is_installed("directory"):
        return ""
    from directory.queries import directory_page_url

    return directory_page_url()


def _named_url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def call_to_action(page):
    """{"kind", "label", "url"} for the campaign's button, or None when there is nothing to do."""
    if not page.cta_kind:
        return None
    kind = CallToAction(page.cta_kind)
    url = ""
    if page.cta_page_id:
        target = page.cta_page
        url = target.get_url() if target is not None and target.live else ""
    url = url or page.cta_url
    if not url:
        defaults = {
            CallToAction.REPORT: lambda: "#help-lines-title",
            CallToAction.SEEK_HELP: lambda: _directory_url() or "#help-lines-title",
            CallToAction.SUBSCRIBE: lambda: _named_url("newsletter:subscribe"),
            CallToAction.ENTER_COMPETITION: lambda: _named_url("competitions:index"),
        }
        url = defaults[kind]()
    if not url:
        return None
    return {"kind": kind.value, "label": page.cta_text or kind.label, "url": url}
