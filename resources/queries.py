"""Reads for the resources library. Each runs a fixed number of queries, whatever the data size."""

from django.db.models import F, Q
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

# The language filter: a bilingual document counts for both languages.
LANGUAGE_FILTERS = [
    ("sq", _("Albanian"), ["sq", "sq-en"]),
    ("en", _("English"), ["en", "sq-en"]),
]
_LANGUAGE_CODES = {code: codes for code, _label, codes in LANGUAGE_FILTERS}


def parse_filters(params):
    """{"year": int or None, "language": code or ""}; unknown or malformed values are dropped."""
    raw_year = params.get("year", "")
    year = int(raw_year) if raw_year.isdigit() and len(raw_year) == 4 else None
    language = params.get("language", "")
    return {
        "year": year,
        "language": language if language in _LANGUAGE_CODES else "",
    }


def filter_query(filters):
    """The filters as a query string for pagination links (without `page`)."""
    pairs = [(key, value) for key, value in filters.items() if value]
    return urlencode(pairs)


def resources(index_page, *, year=None, language=""):
    from resources.models import ResourcePage

    found = ResourcePage.objects.child_of(index_page).live().public()
    if year is not None:
        found = found.filter(document__year=year)
    if language:
        found = found.filter(Q(document__language__in=_LANGUAGE_CODES[language]))
    return found.select_related("document").order_by(
        F("document__year").desc(nulls_last=True), "title", "pk"
    )


def resource_years(index_page):
    """The years that have at least one live resource, newest first."""
    from resources.models import ResourcePage

    return list(
        ResourcePage.objects.child_of(index_page)
        .live()
        .filter(document__year__isnull=False)
        .order_by("-document__year")
        .values_list("document__year", flat=True)
        .distinct()
    )
