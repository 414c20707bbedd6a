"""The story index's list view (a route of StoryIndexPage)."""

from django.core.paginator import Paginator

from stories.forms import StoryFilterForm
from stories.queries import StoryFilters, live_stories, story_listing, story_years

STORIES_PER_PAGE = 12


def story_index(request, index):
    stories = live_stories(index)
    form = StoryFilterForm(request.GET, years=story_years(stories))
    filters = StoryFilters(**form.filters())
    paginator = Paginator(story_listing(stories, filters), STORIES_PER_PAGE)
    stories_page = paginator.get_page(request.GET.get("page"))
    return index.render(
        request,
        context_overrides={
            "filter_form": form,
            "filters": filters,
            "stories": stories_page,
            "paginator": paginator,
            "feed_url": index.get_url(request) + index.reverse_subpage("feed_view"),
        },
    )
