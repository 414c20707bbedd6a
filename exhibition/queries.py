"""Reads of the exhibition: the public competition, its published works and winners, and the
addresses of the public pages in each language (shared by views, template tags, the admin and
the sitemap)."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from competitions.models import CompetitionPage
from exhibition import permissions
from exhibition.models import Publication
from jury.enums import PRIZES
from jury.models import Award, Round
from website.i18n import LANGUAGE_CODES


def competition_slug(competition, language):
    return (getattr(competition, f"slug_{language}", "") or competition.slug_sq) or ""


def public_urls(request, competition, name, *args):
    """{language: URL} of the public page `exhibition:<name>` of `competition` (absolute when a
    request is given)."""
    urls = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            path = reverse(f"exhibition:{name}", args=[competition_slug(competition, code), *args])
        urls[code] = request.build_absolute_uri(path) if request is not None else path
    return urls


def work_url(competition, public_id, language=None):
    """The public page of a published work in `language` (the active one by default)."""
    language = language or get_language() or "sq"
    with translation.override(language):
        return reverse("exhibition:work", args=[competition_slug(competition, language), public_id])


def public_competition(slug):
    """The live, public competition page with this slug in the active language (or in Albanian,
    the fallback of every translated slug); None otherwise."""
    language = get_language() or "sq"
    pages = CompetitionPage.objects.live().public()
    page = pages.filter(**{f"slug_{language}": slug}).first() if language != "sq" else None
    return page or pages.filter(slug_sq=slug).first()


def published_works(competition):
    """What the public may see of `competition` (`permissions.visible_publications`), read afresh
    on every call (never cached)."""
    return (
        permissions.visible_publications()
        .filter(competition=competition)
        .select_related("entry", "entry__category", "competition")
        .prefetch_related(
            Prefetch(
                "entry__jury_awards",
                queryset=Award.objects.select_related("category").order_by("kind", "pk"),
            )
        )
        .order_by("published_at", "pk")
    )


def public_work(competition, public_id):
    return published_works(competition).filter(public_id=public_id).first()


def published_competition_ids():
    return set(permissions.visible_publications().values_list("competition_id", flat=True))


def publication_of(entry):
    return Publication.objects.filter(entry=entry).first()


def final_round_kind(competition):
    """The kind of the competition's last jury round ("score", "shortlist" or "rank"): its tie
    rule is the one the public results page states. None without rounds."""
    return (
        Round.objects.filter(jury__competition=competition)
        .order_by("-position")
        .values_list("kind", flat=True)
        .first()
    )


PRIZE_ORDER = {kind: index for index, kind in enumerate(PRIZES)}


def winners(works):
    """[(award, publication)] of the prizes among `works`, first prize first, by category."""
    rows = [
        (award, work)
        for work in works
        for award in work.entry.jury_awards.all()
        if award.kind in PRIZE_ORDER
    ]
    return sorted(
        rows,
        key=lambda row: (
            PRIZE_ORDER[row[0].kind],
            row[0].category.sort_order if row[0].category else -1,
            row[1].pk,
        ),
    )
