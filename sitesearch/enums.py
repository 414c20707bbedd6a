from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SearchKind(models.TextChoices):
    """What a search result is, shown above its title."""

    STORY = "story", pgettext_lazy("search result kind", "Story")
    BULLETIN = "bulletin", pgettext_lazy("search result kind", "Bulletin")
    CAMPAIGN = "campaign", pgettext_lazy("search result kind", "Campaign")
    ORGANISATION = "organisation", _("Help organisation")
    RESOURCE = "resource", pgettext_lazy("search result kind", "Resource")
