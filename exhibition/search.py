"""What the site search finds of the exhibition (read by sitesearch.indexing; plain data, so this
app does not depend on the search app).

The results, the exhibition and each work are shown by views, not pages (exhibition.views): each
is declared with a function that gives its text and address in a language, or None while the
public may not see it. Only what the public pages show is indexed: the work's title, the credit
the entrant chose, the caption and the (redacted) text; never the entrant's identity. A work is
found by its title in both languages (its title is written once, in the entrant's language).
"""

from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy

from competitions.models import CompetitionPage
from exhibition import permissions, queries
from exhibition.models import Publication


def _competition_is_public(competition):
    return CompetitionPage.objects.live().public().filter(pk=competition.pk).exists()


def _competition_title(competition, language):
    return getattr(competition, f"title_{language}", "") or competition.title_sq or ""


def _url(competition, name, language, *args):
    return queries.public_urls(None, competition, name, *args)[language]


def work_document(publication, language):
    """The public page of an exhibition work in `language`, or None while it is not public."""
    if not permissions.visible_publications().filter(pk=publication.pk).exists():
        return None
    competition = publication.competition
    if not _competition_is_public(competition):
        return None
    entry = publication.entry
    with translation.override(language):
        credit = str(publication.credit_label)
        title = entry.title or credit
    return {
        "title": title,
        "summary": getattr(publication, f"caption_{language}", "") or "",
        "body": " ".join(
            part
            for part in (
                credit,
                _competition_title(competition, language),
                entry.redacted_text or entry.story_text,
            )
            if part
        ),
        "date": publication.published_at.date() if publication.published_at else None,
        "url": _url(competition, "work", language, publication.public_id),
    }


def _works_text(works, language):
    with translation.override(language):
        return " ".join(f"{work.entry.title} {work.credit_label}".strip() for work in works)


def results_document(competition, language):
    """The results page of a competition, once a prize-winning work is public."""
    works = list(queries.published_works(competition))
    rows = queries.winners(works)
    if not rows:
        return None
    with translation.override(language):
        title = gettext("Results: %(competition)s") % {
            "competition": _competition_title(competition, language)
        }
    return {
        "title": title,
        "summary": "",
        "body": _works_text([work for _award, work in rows], language),
        "date": competition.results_on,
        "url": _url(competition, "results", language),
    }


def exhibition_document(competition, language):
    """The exhibition of a competition, once a work is public."""
    works = list(queries.published_works(competition))
    if not works:
        return None
    with translation.override(language):
        title = gettext("Exhibition: %(competition)s") % {
            "competition": _competition_title(competition, language)
        }
    captions = " ".join(getattr(work, f"caption_{language}", "") or "" for work in works)
    return {
        "title": title,
        "summary": "",
        "body": f"{_works_text(works, language)} {captions}".strip(),
        "date": competition.results_on,
        "url": _url(competition, "exhibition", language),
    }


def _competition_of(publication):
    return [publication.competition]


def _works_of(competition):
    return Publication.objects.filter(competition=competition).select_related(
        "entry", "competition"
    )


SEARCHABLE = [
    {
        "model": Publication,
        "kind": "work",
        "label": pgettext_lazy("search result kind", "Exhibition work"),
        "document": work_document,
        "dependents": _competition_of,
    },
    {
        "model": CompetitionPage,
        "kind": "results",
        "label": pgettext_lazy("search result kind", "Results"),
        "document": results_document,
        "dependents": _works_of,
    },
    {
        "model": CompetitionPage,
        "kind": "exhibition",
        "label": pgettext_lazy("search result kind", "Exhibition"),
        "document": exhibition_document,
    },
]
