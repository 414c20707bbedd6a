"""The published results, exhibition and works for sitemap.xml (collected by website.sitemap).

Read on every request, like the pages themselves: a work taken down leaves the sitemap at once.
"""

from competitions.models import CompetitionPage
from exhibition import queries
from exhibition.queries import public_urls
from website.i18n import LANGUAGE_CODES
from website.sitemap import SitemapEntry


def _entries(urls, lastmod):
    return [
        SitemapEntry(location=urls[code], lastmod=lastmod, alternates=urls)
        for code in LANGUAGE_CODES
    ]


def sitemap_entries(request):
    competition_ids = queries.published_competition_ids()
    entries = []
    for competition in CompetitionPage.objects.live().public().filter(pk__in=competition_ids):
        works = list(queries.published_works(competition))
        if not works:
            continue
        latest = max(work.published_at for work in works)
        if queries.winners(works):
            entries += _entries(public_urls(request, competition, "results"), latest)
        entries += _entries(public_urls(request, competition, "exhibition"), latest)
        for work in works:
            urls = public_urls(request, competition, "work", work.public_id)
            entries += _entries(urls, work.published_at)
    return entries
