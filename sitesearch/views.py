"""The search page: /sq/kerko/ and /en/search/."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from sitesearch import queries
from sitesearch.forms import SearchForm
from sitesearch.indexing import kind_label
from website.i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES

RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    form = SearchForm(request.GET)
    query, results_page, results = "", None, []
    if form.is_valid():
        query = form.cleaned_query()
    if query:
        language = get_language() if get_language() in LANGUAGE_CODES else DEFAULT_LANGUAGE
        paginator = Paginator(queries.search(query, language=language), RESULTS_PER_PAGE)
        results_page = paginator.get_page(request.GET.get("page"))
        results = [
            {
                "document": document,
                "kind": kind_label(document.kind),
                "excerpt": queries.excerpt(document, query),
            }
            for document in results_page
        ]
    return render(
        request,
        "sitesearch/search.html",
        {
            "form": form,
            "query": query,
            "submitted": "q" in request.GET,
            "results_page": results_page,
            "results": results,
            "search_query": query,
        },
    )
