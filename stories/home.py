"""The stories' section of the home page (read by website.registry.home_sections)."""

from stories.queries import latest_stories
from website.registry import HomeSection


def latest_stories_context(request):
    return {"latest_stories": latest_stories(limit=3)}


HOME_SECTIONS = [
    HomeSection(
        template="stories/includes/home_latest.html",
        get_context=latest_stories_context,
        order=10,
        stylesheets=("stories/css/stories.css",),
    )
]
