"""States and kinds of a campaign, and the one function that derives its status."""

import datetime

from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CampaignStatus(models.TextChoices):
    """Derived from the dates, never stored: a campaign cannot be "running" by mistake."""

    # Translators: status of a campaign that starts later.
    UPCOMING = "upcoming", pgettext_lazy("campaign status", "Upcoming")
    # Translators: status of a campaign that is happening now.
    RUNNING = "running", pgettext_lazy("campaign status", "Running")
    # Translators: status of a campaign that is over.
    ENDED = "ended", pgettext_lazy("campaign status", "Ended")


# Order of the campaign index: running first, then upcoming, then past.
STATUS_ORDER = {CampaignStatus.RUNNING: 0, CampaignStatus.UPCOMING: 1, CampaignStatus.ENDED: 2}


def campaign_status(
    start: datetime.date, end: datetime.date | None, today: datetime.date
) -> CampaignStatus:
    """The status on `today`. Both the first and the last day count as running;
    a campaign without an end date runs from its first day on."""
    if today < start:
        return CampaignStatus.UPCOMING
    if end is not None and today > end:
        return CampaignStatus.ENDED
    return CampaignStatus.RUNNING


def status_rank(today: datetime.date):
    """`campaign_status` as an SQL expression giving STATUS_ORDER (running 0, upcoming 1,
    ended 2), for ordering the index in the database."""
    return Case(
        When(start_date__gt=today, then=Value(STATUS_ORDER[CampaignStatus.UPCOMING])),
        When(
            Q(end_date__isnull=False) & Q(end_date__lt=today),
            then=Value(STATUS_ORDER[CampaignStatus.ENDED]),
        ),
        default=Value(STATUS_ORDER[CampaignStatus.RUNNING]),
        output_field=IntegerField(),
    )


class CallToAction(models.TextChoices):
    REPORT = "report", _("Report a case")
    SEEK_HELP = "seek_help", _("Seek help")
    ENTER_COMPETITION = "enter_competition", _("Enter a competition")
    SUBSCRIBE = "subscribe", _("Subscribe to the bulletin")
