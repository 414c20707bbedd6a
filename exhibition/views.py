"""The public exhibition, and the entrant's and guardian's publication pages.

- Results and exhibition of a competition, under its address (`/sq/konkurse/<slug>/rezultatet/`,
  `/en/competitions/<slug>/results/` …): views, not Wagtail pages, so that every request reads
  the publication records afresh (a take-down works at once, nothing is cached).
- The publication page, reached from the entrant's private entry page with the same signed link,
  and the guardian's page, with a guardian link (who reaches what: `exhibition.permissions`).
"""

from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from competitions.enums import Actor, CreditChoice
from exhibition import images, permissions, queries, services
from exhibition.enums import PublicationState
from exhibition.forms import PublicationConsentForm
from exhibition.queries import competition_slug, public_urls
from website.files import field_file_response, private_file_response


@dataclass
class PublicView:
    """What the site's templates need of a "page" for a view: its title and its address in
    each language (for hreflang and the language switcher)."""

    title: str
    urls: dict = field(default_factory=dict)
    seo_title: str = ""
    pk: None = None

    def localized_urls(self, request=None):
        return self.urls


def _competition_or_404(slug):
    competition = queries.public_competition(slug)
    if competition is None:
        raise Http404
    return competition


def _no_store(response):
    response["Cache-Control"] = "no-cache, no-store, must-revalidate"
    return response


@require_GET
def results(request, slug):
    competition = _competition_or_404(slug)
    works = list(queries.published_works(competition))
    context = {
        "competition": competition,
        "competition_slug": competition_slug(competition, translation.get_language()),
        "rows": queries.winners(works),
        "tie_rule_kind": queries.final_round_kind(competition),
        "work_count": len(works),
        "page": PublicView(
            _("Results: %(competition)s") % {"competition": competition.title},
            public_urls(request, competition, "results"),
        ),
    }
    return _no_store(render(request, "exhibition/public/results.html", context))


@require_GET
def exhibition(request, slug):
    competition = _competition_or_404(slug)
    works = list(queries.published_works(competition))
    context = {
        "competition": competition,
        "competition_slug": competition_slug(competition, translation.get_language()),
        "works": works,
        "takes_image": competition.takes_image,
        "page": PublicView(
            _("Exhibition: %(competition)s") % {"competition": competition.title},
            public_urls(request, competition, "exhibition"),
        ),
    }
    return _no_store(render(request, "exhibition/public/exhibition.html", context))


@require_GET
def work(request, slug, public_id):
    competition = _competition_or_404(slug)
    publication = queries.public_work(competition, public_id)
    if publication is None:
        raise Http404
    entry = publication.entry
    context = {
        "competition": competition,
        "competition_slug": competition_slug(competition, translation.get_language()),
        "publication": publication,
        "entry": entry,
        "takes_image": competition.takes_image and bool(entry.image),
        "text": entry.redacted_text or entry.story_text,
        "awards": list(entry.jury_awards.all()),
        "page": PublicView(
            entry.title or publication.credit_label,
            public_urls(request, competition, "work", public_id),
        ),
    }
    return _no_store(render(request, "exhibition/public/work.html", context))


@require_GET
def work_image(request, slug, public_id, width):
    """A size of a published work's cleaned image, after checking the publication (every
    request; revalidated by the browser each time, so a take-down is never served from cache)."""
    competition = _competition_or_404(slug)
    publication = queries.public_work(competition, public_id)
    if publication is None or not publication.entry.image:
        raise Http404
    entry = publication.entry
    if width not in images.widths_for(entry):
        raise Http404
    etag = f'"{publication.public_id}-{width}-{publication.published_at.timestamp():.0f}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _no_store_image(not_modified, etag)
    name = images.derivative(entry, publication.public_id, width)
    response = private_file_response(images.private_storage(), name, cache="no-cache")
    return _no_store_image(response, etag)


def _no_store_image(response, etag):
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response


# --- The entrant's and the guardian's pages -------------------------------------------------


def _found(lookup, token):
    """(entry, publication) that a private link opens, or 404 (an unknown link tells nothing)."""
    entry, publication = lookup(token)
    if entry is None:
        raise Http404
    return entry, publication


@never_cache
@require_http_methods(["GET", "POST"])
def publication_page(request, token):
    entry, publication = _found(permissions.publication_for_entrant, token)
    entrant = entry.entrant
    initial_pen_name = (
        publication.credit_name if publication.credit == CreditChoice.PEN_NAME else entrant.pen_name
    )
    form = PublicationConsentForm(
        initial={"credit": publication.credit, "pen_name": initial_pen_name}
    )
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                form = PublicationConsentForm(request.POST)
                if form.is_valid():
                    services.confirm_by_entrant(
                        publication,
                        credit=form.cleaned_data["credit"],
                        pen_name=form.cleaned_data["pen_name"],
                    )
                    return redirect("exhibition:publication", token)
            elif action == "take_down":
                services.take_down(publication, actor=Actor.ENTRANT)
                return redirect("exhibition:publication", token)
            elif action == "ask_guardian" and publication.guardian_needed:
                services.ask_guardian(publication)
                return redirect("exhibition:publication", token)
        except services.PublicationError as refused:
            error = str(refused)
    return render(
        request,
        "exhibition/publication.html",
        {
            "entry": entry,
            "competition": entry.competition,
            "publication": publication,
            "form": form,
            "error": error,
            "token": token,
            "pending": publication.state == PublicationState.PENDING,
            "published": publication.state == PublicationState.PUBLISHED,
            "text": entry.redacted_text or entry.story_text,
            "public_url": _public_work_url(publication, entry.competition),
        },
        status=400 if error or form.errors else 200,
    )


def _public_work_url(publication, competition):
    if publication.state != PublicationState.PUBLISHED:
        return ""
    return queries.work_url(competition, publication.public_id)


@never_cache
@require_http_methods(["GET", "POST"])
def guardian_page(request, token):
    entry, publication = _found(permissions.publication_for_guardian, token)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                services.confirm_by_guardian(publication)
                return render(request, "exhibition/guardian_done.html", {"confirmed": True})
            if action == "take_down":
                services.take_down(publication, actor=Actor.GUARDIAN)
                return render(request, "exhibition/guardian_done.html", {"confirmed": False})
        except services.PublicationError as refused:
            error = str(refused)
    return render(
        request,
        "exhibition/guardian.html",
        {
            "entry": entry,
            "competition": entry.competition,
            "publication": publication,
            "token": token,
            "error": error,
            "text": entry.redacted_text or entry.story_text,
        },
        status=400 if error else 200,
    )


@never_cache
def guardian_file(request, token):
    entry, _publication = _found(permissions.publication_for_guardian, token)
    thumbnail = entry.thumbnail
    return field_file_response(thumbnail, filename=f"{entry.reference}.{thumbnail.name[-3:]}")
