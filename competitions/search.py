"""What the site search finds of the competitions (read by sitesearch.indexing; plain data, so
this app does not depend on the search app)."""

from django.utils.translation import pgettext_lazy

from competitions.models import CompetitionIndexPage, CompetitionPage

SEARCHABLE = [
    {
        "model": CompetitionIndexPage,
        "kind": "competitions",
        "label": pgettext_lazy("search result kind", "Competitions"),
    },
    {
        "model": CompetitionPage,
        "kind": "competition",
        "label": pgettext_lazy("search result kind", "Competition"),
    },
]
