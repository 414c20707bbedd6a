"""Reads of stories for other parts of the site (home page, other apps, benchmarks).

The reusable filters are methods of `StoryPageQuerySet` (stories/models.py); the pages' own
views reach them through the page (`index.stories()`), so nothing imports this module back.
Each read runs a fixed number of queries whatever the number of stories.
"""

from stories.models import StoryPage


def live_stories(index=None):
    """Live, public stories (under `index` if given), newest first."""
    stories = StoryPage.objects.all()
    if index is not None:
        stories = stories.descendant_of(index)
    return stories.published()


def latest_stories(limit=3):
    """For the home page."""
    return list(live_stories().for_cards()[:limit])
