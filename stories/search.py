"""What the site search finds of the stories (read by sitesearch.indexing; plain data, so this app
does not depend on the search app)."""

from django.utils.translation import pgettext_lazy

from stories.models import StoryPage

SEARCHABLE = [
    {
        "model": StoryPage,
        "kind": "story",
        "label": pgettext_lazy("search result kind", "Story"),
    },
]
