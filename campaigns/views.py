"""What a campaign page shows beside its own fields (CampaignPage.get_context calls this).

It gets the page passed in and never imports campaigns.models (which imports it). Each read runs
a fixed number of queries, whatever the data size.

Floors: campaigns stands above stories (a campaign lists chosen stories) and directory (the
"seek help" button leads to the help directory); it names them here, explicitly. The newsletter
and competitions are reached only by URL name, and a missing one hides the button.
"""

from django.urls import NoReverseMatch, reverse

from campaigns.enums import CallToAction
from directory.queries import directory_page_url
from stories.models import StoryPage


def campaign_stories(page):
    """The campaign's chosen stories that are live and public, in the editor's order."""
    story_ids = [link.story_id for link in page.story_links.all()]
    if not story_ids:
        return []
    found = (
        StoryPage.objects.filter(pk__in=story_ids)
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
            CallToAction.SEEK_HELP: lambda: directory_page_url() or "#help-lines-title",
            CallToAction.SUBSCRIBE: lambda: _named_url("newsletter:subscribe"),
            CallToAction.ENTER_COMPETITION: lambda: _named_url("competitions:index"),
        }
        url = defaults[kind]()
    if not url:
        return None
    return {"kind": kind.value, "label": page.cta_text or kind.label, "url": url}
