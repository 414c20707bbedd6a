"""What the site search finds of the campaigns (read by sitesearch.indexing; plain data, so this app
does not depend on the search app)."""

from django.utils.translation import pgettext_lazy

from campaigns.models import CampaignPage

SEARCHABLE = [
    {
        "model": CampaignPage,
        "kind": "campaign",
        "label": pgettext_lazy("search result kind", "Campaign"),
    },
]
