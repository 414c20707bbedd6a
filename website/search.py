"""What the site search finds of the site's own pages (read by sitesearch.indexing; plain data, so
this app does not depend on the search app)."""

from django.utils.translation import pgettext_lazy

from website.models import HomePage, StandardPage

SEARCHABLE = [
    {
        "model": HomePage,
        "kind": "home",
        "label": pgettext_lazy("search result kind", "Home page"),
    },
    {
        "model": StandardPage,
        "kind": "page",
        "label": pgettext_lazy("search result kind", "Page"),
    },
]
