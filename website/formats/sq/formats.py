"""How Django (the admin, `|date`, `formats.date_format`) writes dates and numbers in Albanian.

Found through FORMAT_MODULE_PATH; readers' pages use website/l10n.py (Babel), which gives the
same long date. Month names are lowercase in Albanian: Django's own Albanian catalogue
capitalises them ("Nëntor"), so website/formats/locale overrides the names (`F`, `E`, `N`, `b`).
"""

# 17 nëntor 2020
DATE_FORMAT = "j F Y"
# 17.11.2020 17:05 (24-hour, the time in Tirana)
DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# ISO first: Django renders a date field's value in the first input format, and the browser's
# date inputs and Wagtail's pickers send ISO. 17.11.2020 is read as well.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
]

# 1 000 000,5. The thousands are grouped by a no-break space (U+00A0), as Babel (CLDR) does on
# the public pages: a number never breaks across two lines. Grouping is used where it is asked
# for (`intcomma`, `floatformat:"g"`, `number_format(..., force_grouping=True)`): the site does not
# set USE_THOUSAND_SEPARATOR, which would also group ids rendered into URLs and attributes.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
