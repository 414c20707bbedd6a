"""What the library page shows (ResourceIndexPage.get_context calls this with its resources).

It never imports resources.models (which imports it); it runs a fixed number of queries,
whatever the number of resources.
"""

from django.core.paginator import Paginator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

RESOURCES_PER_PAGE = 20
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


def library_context(request, resources):
    """The library's context, given its live resources (a ResourcePageQuerySet)."""
    filters = parse_filters(request.GET)
    found = (
        resources.public()
        .in_year(filters["year"])
        .in_languages(_LANGUAGE_CODES.get(filters["language"], []))
        .library_order()
    )
    paginator = Paginator(found, RESOURCES_PER_PAGE)
    return {
        **filters,
        "resources": paginator.get_page(request.GET.get("page")),
        "years": resources.years(),
        "languages": LANGUAGE_FILTERS,
        "filter_query": filter_query(filters),
    }
