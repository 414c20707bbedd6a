"""How dates and numbers read on this site: the one place where that is decided.

Readers (public pages, e-mails, the jury room) get Babel's CLDR formats in the active language:
"17 nëntor 2020", "17 nëntor 2020, 17:05", "100 000" (a no-break space groups thousands in
Albanian) and "17 November 2020", "100,000" in English. Times are shown in the site's time zone
(Europe/Tirane), 24-hour. The template filters `l10n_date`, `l10n_datetime` and `l10n_number`
(website_tags) call these functions; Python code that writes text for readers calls them too.

The admin uses Django's own formatting, set per language in `website/formats/<lang>/formats.py`
(FORMAT_MODULE_PATH): "17 nëntor 2020", "17.11.2020 17:05", "1 000".
"""

import datetime

from babel import dates, numbers
from django.utils import timezone
from django.utils.translation import get_language

from website.i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES

DATE_PATTERN = "d MMMM y"
DATETIME_PATTERN = "d MMMM y, HH:mm"


def reader_locale(language=None):
    """The Babel locale for `language` (default: the active language), one of ours."""
    code = language or get_language() or DEFAULT_LANGUAGE
    return code if code in LANGUAGE_CODES else DEFAULT_LANGUAGE


def format_date(value, pattern=DATE_PATTERN, *, language=None):
    """17 nëntor 2020 / 17 November 2020; "" for no value. A datetime shows its local date."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return dates.format_date(value, pattern, locale=reader_locale(language))


def format_datetime(value, pattern=DATETIME_PATTERN, *, language=None):
    """17 nëntor 2020, 17:05 in the site's time zone, 24-hour; "" for no value."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return dates.format_datetime(value, pattern, locale=reader_locale(language))


def format_number(value, *, language=None):
    """100 000 / 100,000; "" for no value."""
    if value is None or value == "":
        return ""
    return numbers.format_decimal(value, locale=reader_locale(language))
