import datetime

import pytest

from campaigns.enums import CampaignStatus, campaign_status

START = datetime.date(2026, 10, 18)
END = datetime.date(2026, 12, 10)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 10, 17), CampaignStatus.UPCOMING),
        (datetime.date(2026, 10, 18), CampaignStatus.RUNNING),
        (datetime.date(2026, 11, 23), CampaignStatus.RUNNING),
        (datetime.date(2026, 12, 10), CampaignStatus.RUNNING),
        (datetime.date(2026, 12, 11), CampaignStatus.ENDED),
    ],
)
def test_campaign_status_at_the_boundaries(today, expected):
    assert campaign_status(START, END, today) == expected


def test_campaign_status_one_day_campaign():
    assert campaign_status(START, START, START) == CampaignStatus.RUNNING
    assert campaign_status(START, START, START + datetime.timedelta(days=1)) == (
        CampaignStatus.ENDED
    )


def test_campaign_status_without_end_runs_from_its_first_day():
    assert campaign_status(START, None, START - datetime.timedelta(days=1)) == (
        CampaignStatus.UPCOMING
    )
    assert campaign_status(START, None, datetime.date(2030, 1, 1)) == CampaignStatus.RUNNING
