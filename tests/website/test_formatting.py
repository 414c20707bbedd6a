import datetime

import pytest
from django import forms
from django.utils import formats, timezone, translation

from website import l10n
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


def test_admin_formats_dates_in_albanian_with_lowercase_months():
    with translation.override("sq"):
        assert formats.date_format(datetime.date(2020, 11, 17)) == "17 nëntor 2020"
        assert formats.date_format(datetime.date(2020, 11, 17), "YEAR_MONTH_FORMAT") == (
            "nëntor 2020"
        )


def test_admin_formats_datetimes_in_albanian_in_tirana_time():
    moment = timezone.localtime(datetime.datetime(2020, 11, 17, 16, 5, tzinfo=datetime.UTC))
    with translation.override("sq"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "17.11.2020 17:05"
        assert formats.date_format(moment, "SHORT_DATE_FORMAT") == "17.11.2020"


def test_admin_groups_thousands_with_a_no_break_space_in_albanian():
    with translation.override("sq"):
        assert formats.number_format(1000, force_grouping=True) == "1\xa0000"
        assert formats.number_format(1234567.5, 1, force_grouping=True) == "1\xa0234\xa0567,5"


def test_admin_form_reads_albanian_dates():
    field = forms.DateField()
    with translation.override("sq"):
        assert field.clean("17.11.2020") == datetime.date(2020, 11, 17)


def test_l10n_is_the_one_place_for_readers_formats():
    with translation.override("sq"):
        assert l10n.format_date(datetime.date(2020, 11, 17)) == "17 nëntor 2020"
        assert l10n.format_number(100000, language="en") == "100,000"
