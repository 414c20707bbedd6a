"""What the site search finds of the resources library (read by sitesearch.indexing; plain data, so this app
does not depend on the search app)."""

from django.utils.translation import pgettext_lazy

from resources.models import ResourcePage

SEARCHABLE = [
    {
        "model": ResourcePage,
        "kind": "resource",
        "label": pgettext_lazy("search result kind", "Resource"),
    },
]
