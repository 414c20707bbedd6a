"""The public side of the jury's work, and the entrant's and guardian's publication pages.

- Results and exhibition of a competition, under its address (`/sq/konkurse/<slug>/rezultatet/`,
  `/en/competitions/<slug>/results/` …): views, not Wagtail pages, so that every request reads
  the publication records afresh (a take-down works at once, nothing is cached).
- The publication page, reached from the entrant's private entry page with the same signed link,
  and the guardian's page, with a guardian link (both validated by `competitions.tokens`).
"""

from dataclasses import dataclass, field

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from competitions import tokens
from competitions.enums import Actor, CreditChoice, EntryState
from competitions.models import Entry
from competitions.queries import serve_private_file
from jury import exhibition_images, publishing, queries
from jury.enums import PublicationState
from jury.forms import PublicationConsentForm
from website.i18n import LANGUAGE_CODES


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


def competition_slug(competition, language):
    return (getattr(competition, f"slug_{language}", "") or competition.slug_sq) or ""


def public_urls(request, competition, name, *args):
    urls = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            path = reverse(f"jury:{name}", args=[competition_slug(competition, code), *args])
        urls[code] = request.build_absolute_uri(path) if request is not None else path
    return urls


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
        "work_count": len(works),
        "page": PublicView(
            _("Results: %(competition)s") % {"competition": competition.title},
            public_urls(request, competition, "public_results"),
        ),
    }
    return _no_store(render(request, "jury/public/results.html", context))


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
    return _no_store(render(request, "jury/public/exhibition.html", context))


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
    return _no_store(render(request, "jury/public/work.html", context))


@require_GET
def work_image(request, slug, public_id, width):
    """A size of a published work's cleaned image, after checking the publication (every
    request; revalidated by the browser each time, so a take-down is never served from cache)."""
    competition = _competition_or_404(slug)
    publication = queries.public_work(competition, public_id)
    if publication is None or not publication.entry.image:
        raise Http404
    entry = publication.entry
    if width not in exhibition_images.widths_for(entry):
        raise Http404
    etag = f'"{publication.public_id}-{width}-{publication.published_at.timestamp():.0f}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _no_store_image(not_modified, etag)
    name = exhibition_images.derivative(entry, publication.public_id, width)
    storage = exhibition_images.private_storage()
    response = FileResponse(storage.open(name, "rb"), content_type="image/jpeg")
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return _no_store_image(response, etag)


def _no_store_image(response, etag):
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response


# --- The entrant's and the guardian's pages -------------------------------------------------


def _entries():
    return Entry.objects.select_related("competition", "entrant", "category", "publication")


def _publication_for_entrant(token):
    entry = tokens.entry_for_entrant(token, _entries())
    if entry is None or entry.state == EntryState.WITHDRAWN or entry.erased_at:
        raise Http404
    publication = getattr(entry, "publication", None)
    if publication is None:
        raise Http404
    return entry, publication


@never_cache
@require_http_methods(["GET", "POST"])
def publication_page(request, token):
    entry, publication = _publication_for_entrant(token)
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
                    publishing.confirm_by_entrant(
                        publication,
                        credit=form.cleaned_data["credit"],
                        pen_name=form.cleaned_data["pen_name"],
                    )
                    return redirect("jury:publication", token)
            elif action == "take_down":
                publishing.take_down(publication, actor=Actor.ENTRANT)
                return redirect("jury:publication", token)
            elif action == "ask_guardian" and publication.guardian_needed:
                publishing.ask_guardian(publication)
                return redirect("jury:publication", token)
        except publishing.PublicationError as refused:
            error = str(refused)
    return render(
        request,
        "jury/publication.html",
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
    slug = competition_slug(competition, translation.get_language() or "sq")
    return reverse("jury:work", args=[slug, publication.public_id])


def _publication_for_guardian(token):
    entry = tokens.entry_for_guardian(token, _entries())
    if entry is None or entry.state != EntryState.APPROVED or entry.erased_at:
        raise Http404
    publication = getattr(entry, "publication", None)
    if publication is None or not publication.guardian_needed:
        raise Http404
    return entry, publication


@never_cache
@require_http_methods(["GET", "POST"])
def guardian_page(request, token):
    entry, publication = _publication_for_guardian(token)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                publishing.confirm_by_guardian(publication)
                return render(request, "jury/guardian_done.html", {"confirmed": True})
            if action == "take_down":
                publishing.take_down(publication, actor=Actor.GUARDIAN)
                return render(request, "jury/guardian_done.html", {"confirmed": False})
        except publishing.PublicationError as refused:
            error = str(refused)
    return render(
        request,
        "jury/guardian.html",
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
    entry, _publication = _publication_for_guardian(token)
    return serve_private_file(entry, "thumbnail")
