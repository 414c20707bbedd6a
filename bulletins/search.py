"""What the site search finds of the bulletins (read by sitesearch.indexing; plain data, so this app
does not depend on the search app)."""

from django.utils.translation import pgettext_lazy

from bulletins.models import BulletinPage

SEARCHABLE = [
    {
        "model": BulletinPage,
        "kind": "bulletin",
        "label": pgettext_lazy("search result kind", "Bulletin"),
    },
]
