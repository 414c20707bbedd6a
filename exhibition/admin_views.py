"""The moderators' publication check in the Wagtail admin: the list of awarded and exhibited works
waiting to be published (or published), and for each the checklist, the captions and a take-down.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from competitions.enums import Actor
from exhibition import permissions, queries, services
from exhibition.enums import PublicationState
from exhibition.forms import ChecklistForm
from exhibition.models import Publication
from website.admin_tools import not_found, require


@never_cache
@require(permissions.can_check)
def publication_list(request):
    publications = Publication.objects.select_related("entry", "competition", "checked_by")
    state = request.GET.get("state", "")
    if state in PublicationState.values:
        publications = publications.filter(state=state)
    publications = publications.order_by("state", "competition_id", "entry__number")
    page = Paginator(publications, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "exhibition/admin/publications.html",
        {"page_obj": page, "states": PublicationState.choices, "state": state},
    )


@never_cache
@require(permissions.can_check)
def publication_detail(request, pk):
    publication = (
        Publication.objects.select_related("entry__competition", "entry__category", "checked_by")
        .filter(pk=pk)
        .first()
    )
    if publication is None:
        return not_found(request, _("There is no such work here."))
    form = ChecklistForm(
        initial={
            "no_unconsented_people": publication.no_unconsented_people,
            "no_victim_identifiable": publication.no_victim_identifiable,
            "caption_reviewed": publication.caption_reviewed,
            "caption_sq": publication.caption_sq,
            "caption_en": publication.caption_en,
        }
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "check":
                form = ChecklistForm(request.POST)
                if form.is_valid():
                    services.record_checklist(publication, by=request.user, **form.cleaned_data)
                    messages.success(request, _("Checklist recorded."))
                    return redirect("exhibition_admin:publication", publication.pk)
            elif action == "take_down":
                services.take_down(publication, actor=Actor.MODERATOR, by=request.user)
                messages.success(request, _("The work has been taken down."))
                return redirect("exhibition_admin:publication", publication.pk)
            elif action == "reopen":
                services.reopen(publication, by=request.user)
                messages.success(request, _("The confirmations and the checklist are asked again."))
                return redirect("exhibition_admin:publication", publication.pk)
        except services.PublicationError as refused:
            messages.error(request, str(refused))
    entry = publication.entry
    public_url = ""
    if publication.state == PublicationState.PUBLISHED:
        public_url = queries.work_url(entry.competition, publication.public_id, "sq")
    return TemplateResponse(
        request,
        "exhibition/admin/publication.html",
        {
            "publication": publication,
            "entry": entry,
            "form": form,
            "text": entry.redacted_text or entry.story_text,
            "pending": publication.state == PublicationState.PENDING,
            "published": publication.state == PublicationState.PUBLISHED,
            "taken_down": publication.state == PublicationState.TAKEN_DOWN,
            "public_url": public_url,
        },
    )
