import datetime

import pytest
from django.utils import translation

from website.templatetags.website_tags import l10n_date, l10n_datetime, l10n_number


@pytest.mark.parametrize(
    ("code", "expected"), [("sq", "17 nëntor 2020"), ("en", "17 November 2020")]
)
def test_dates_follow_the_reader_language(code, expected):
    with translation.override(code):
        assert l10n_date(datetime.date(2020, 11, 17)) == expected


@pytest.mark.parametrize(("code", "expected"), [("sq", "100\xa0000"), ("en", "100,000")])
def test_numbers_group_thousands_by_language(code, expected):
    with translation.override(code):
        assert l10n_number(100000) == expected


def test_datetimes_are_24_hour_in_tirana_time():
    moment = datetime.datetime(2020, 11, 17, 16, 5, tzinfo=datetime.UTC)
    with translation.override("sq"):
        assert l10n_datetime(moment) == "17 nëntor 2020, 17:05"
    with translation.override("en"):
        assert l10n_datetime(moment) == "17 November 2020, 17:05"
