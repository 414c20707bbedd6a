"""The bulletins' section of the home page (read by website.registry.home_sections)."""

from bulletins.queries import latest_bulletin
from website.registry import HomeSection


def latest_bulletin_context(request):
    return {"latest_bulletin": latest_bulletin()}


HOME_SECTIONS = [
    HomeSection(
        template="bulletins/includes/home_latest.html",
        get_context=latest_bulletin_context,
        order=20,
    )
]
