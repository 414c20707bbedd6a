"""The story index's list view (a route of StoryIndexPage).

It gets the page passed in and reaches the stories through it: it never imports stories.models,
which imports this module.
"""

from django.core.paginator import Paginator

from stories.forms import StoryFilterForm, StoryFilters
from website import content_cache

STORIES_PER_PAGE = 12


def story_index(request, index):
    stories = index.stories()
    # The years change only when a story is published or moved: a new content generation.
    years = content_cache.kept(f"stories:years:{index.pk}", stories.years)
    form = StoryFilterForm(request.GET, years=years)
    filters = StoryFilters(**form.filters())
    paginator = Paginator(stories.matching(filters).for_cards(), STORIES_PER_PAGE)
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
