"""Public views of the competitions: the entry form, the receipt, the private links."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from competitions import extensions, permissions, ratelimit, retention, services, tokens
from competitions.enums import ConsentState, EntryState
from competitions.forms import ChangeForm, EntryForm, GuardianEmailForm
from competitions.models import CompetitionPage, Entry
from competitions.queries import entry_data_export
from competitions.storage import entry_file_response


def privacy(request):
    """The privacy notice of the competitions, with the retention periods the code applies."""
    return render(request, "competitions/privacy.html", retention.notice())


def _entries():
    return Entry.objects.select_related("competition", "entrant", "category")


def _entry_or_404(token):
    entry = permissions.entry_for_entrant(token, _entries())
    if entry is None:
        raise Http404
    return entry


@never_cache
@require_http_methods(["GET", "POST"])
def enter(request, page_id):
    competition = get_object_or_404(CompetitionPage.objects.live().specific(), pk=page_id)
    context = {"competition": competition, "page": competition}
    if not competition.is_open:
        return render(request, "competitions/closed.html", context, status=403)
    if request.method == "POST":
        if not ratelimit.hit("ip", ratelimit.client_ip(request), ratelimit.POSTS_PER_IP):
            return render(request, "competitions/rate_limited.html", context, status=429)
        form_key = tokens.form_token_key(request.POST.get("form_token"), request.session)
        if form_key is None:
            # Not a form this browser session rendered: a fresh form (what was typed is kept,
            # files must be chosen again), never anything of the entry sent with that token.
            form = _fresh_form(request, competition)
        else:
            form = EntryForm(request.POST, request.FILES, competition=competition)
        if form.is_spam:
            return render(request, "competitions/thanks.html", context)
        if form_key is not None and form.is_valid():
            email = form.cleaned_data["email"].lower()
            if not ratelimit.hit("email", email, ratelimit.ENTRIES_PER_EMAIL):
                return render(request, "competitions/rate_limited.html", context, status=429)
            try:
                entry, _created = services.submit_entry(
                    competition=competition,
                    data=form.cleaned_data,
                    form_token=form_key,
                    image=form.clean_image_result,
                )
            except services.SubmissionRefused as refused:
                form.add_error(None, str(refused))
            else:
                return redirect("competitions:receipt", tokens.entrant_token(entry))
    else:
        form = EntryForm(
            competition=competition,
            initial={
                "message_language": request.LANGUAGE_CODE,
                "form_token": tokens.new_form_token(request.session),
            },
        )
    context["form"] = form
    return render(request, "competitions/enter.html", context)


def _fresh_form(request, competition):
    data = request.POST.copy()
    data["form_token"] = tokens.new_form_token(request.session)
    form = EntryForm(data, competition=competition)
    form.full_clean()
    form.add_error(
        None,
        gettext(
            "This form was opened in another browser or too long ago, so it was not sent. "
            "Check what you wrote, choose your file again if there is one, and send it."
        ),
    )
    return form


@never_cache
def receipt(request, token):
    entry = _entry_or_404(token)
    link = request.build_absolute_uri(reverse("competitions:entry", args=[token]))
    return render(
        request,
        "competitions/receipt.html",
        {"entry": entry, "competition": entry.competition, "link": link},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def entry_page(request, token):
    entry = _entry_or_404(token)
    form = None
    if entry.state == EntryState.CHANGES_REQUESTED:
        form = ChangeForm(entry=entry)
    guardian_form = None
    if entry.state == EntryState.AWAITING_CONSENT and entry.consent_undelivered_at:
        guardian_form = GuardianEmailForm(entry=entry)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "guardian_email" and entry.state == EntryState.AWAITING_CONSENT:
            guardian_form = GuardianEmailForm(request.POST, entry=entry)
            if guardian_form.is_valid():
                try:
                    services.change_guardian_email(
                        entry, email=guardian_form.cleaned_data["guardian_email"]
                    )
                except services.MoveNotAllowed as refusal:
                    guardian_form.add_error(None, str(refusal))
                else:
                    return redirect("competitions:entry", token)
        if action == "withdraw":
            services.withdraw_entry(entry)
            return render(request, "competitions/withdrawn.html", {"entry": entry})
        if action == "download":
            response = HttpResponse(
                json.dumps(entry_data_export(entry), cls=DjangoJSONEncoder, indent=2),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{entry.reference}.json"'
            return response
        if action == "answer" and form is not None:
            form = ChangeForm(request.POST, request.FILES, entry=entry)
            if form.is_valid():
                services.answer_change_request(
                    entry,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data.get("description", ""),
                    story_text=form.cleaned_data.get("story_text", ""),
                    image=form.clean_image_result,
                )
                return redirect("competitions:entry", token)
    shown_state = permissions.state_shown_to_entrant(entry)
    messages = [event for event in entry.events.all() if event.message]
    return render(
        request,
        "competitions/entry.html",
        {
            "entry": entry,
            "competition": entry.competition,
            "shown_state": shown_state,
            "held": entry.state == EntryState.SAFEGUARDING_HOLD,
            "entrant_messages": messages,
            "form": form,
            "guardian_form": guardian_form,
            "token": token,
            "sections": extensions.entry_page_sections(request, entry, token),
        },
    )


@never_cache
def entry_file(request, token, variant):
    return entry_file_response(_entry_or_404(token), variant)


def _guardian_entry_or_404(token):
    entry = permissions.entry_for_guardian(token, _entries())
    if entry is None:
        raise Http404
    return entry


@never_cache
@require_http_methods(["GET", "POST"])
def guardian(request, token):
    entry = permissions.entry_for_guardian(token, _entries())
    if entry is None:
        # Answered, expired or replaced: the link says how it ended, and nothing of the entry.
        outcome = permissions.consent_outcome_for_guardian(token)
        if outcome is None:
            raise Http404
        return render(request, "competitions/guardian_done.html", {"outcome": outcome})
    if request.method == "POST":
        if request.POST.get("action") == "consent":
            services.give_consent(entry)
            return render(
                request, "competitions/guardian_done.html", {"outcome": ConsentState.GIVEN}
            )
        if request.POST.get("action") == "refuse":
            services.refuse_consent(entry)
            return render(
                request, "competitions/guardian_done.html", {"outcome": ConsentState.REFUSED}
            )
    return render(
        request,
        "competitions/guardian.html",
        {"entry": entry, "competition": entry.competition, "token": token},
    )


@never_cache
def guardian_file(request, token, variant):
    return entry_file_response(_guardian_entry_or_404(token), variant)
