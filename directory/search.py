"""What the site search finds of the help directory (read by sitesearch.indexing; plain data, so
this app does not depend on the search app)."""

from django.utils.translation import gettext_lazy as _

from directory.models import Organisation

SEARCHABLE = [
    {"model": Organisation, "kind": "organisation", "label": _("Help organisation")},
]
