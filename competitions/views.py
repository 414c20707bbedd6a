"""Public views of the competitions: the entry form, the receipt, the private links."""

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from competitions import extensions, permissions, ratelimit, retention, services, tokens
from competitions.enums import ConsentState, EntryState
from competitions.forms import ChangeForm, EntryForm, GuardianEmailForm, ReplyForm, strip_bidi
from competitions.models import CompetitionPage, Entry
from competitions.queries import entry_data_export
from competitions.storage import entry_file_response
from website.files import field_file_response


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


# Replies from the entrant's private page to the organisers, per entry and hour.
REPLIES_PER_HOUR = 5
# The session remembers the name of the file behind each receipt it was shown (never stored).
RECEIPT_FILES_KEY = "competitions_receipt_files"


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
        kept = None
        if form_key is None:
            # Not a form this browser session rendered: a fresh form (what was typed is kept,
            # files must be chosen again), never anything of the entry sent with that token.
            form = _fresh_form(request, competition)
        else:
            kept = services.kept_upload(competition=competition, form_key=form_key)
            form = EntryForm(request.POST, request.FILES, competition=competition, kept=kept)
        if form.is_spam:
            return render(request, "competitions/thanks.html", context)
        if form_key is not None and form.is_valid():
            email = form.cleaned_data["email"].lower()
            if not ratelimit.hit("email", email, ratelimit.ENTRIES_PER_EMAIL):
                return render(request, "competitions/rate_limited.html", context, status=429)
            upload = form.cleaned_data.get("image")
            try:
                entry, _created = services.submit_entry(
                    competition=competition,
                    data=form.cleaned_data,
                    form_token=form_key,
                    image=form.clean_image_result,
                    kept=kept,
                )
            except services.SubmissionRefused as refused:
                form.add_error(None, str(refused))
            else:
                file_name = upload.name if upload else (kept.original_name if kept else "")
                if file_name:
                    names = request.session.get(RECEIPT_FILES_KEY, {})
                    names[entry.reference] = file_name
                    request.session[RECEIPT_FILES_KEY] = dict(list(names.items())[-10:])
                return redirect("competitions:receipt", tokens.entrant_token(entry))
        if form_key is not None and form.clean_image_result is not None:
            # The form comes back (an error, or the guardian step): the cleaned image waits in
            # the private storage for the next send, for this session's form only.
            form.kept = services.keep_upload(
                competition=competition,
                form_key=form_key,
                image=form.clean_image_result,
                original_name=_file_name(form.cleaned_data.get("image")),
            )
            form.fields["image"].required = False
            form.fields["image"].label = gettext("Replace it with another image")
        context["form_token"] = form["form_token"].value()
    else:
        form = EntryForm(
            competition=competition,
            initial={
                "message_language": request.LANGUAGE_CODE,
                "form_token": tokens.new_form_token(request.session),
            },
        )
        context["form_token"] = form.initial["form_token"]
    context["form"] = form
    context["error_fields"] = [field for field in form if field.errors and not field.is_hidden]
    return render(request, "competitions/enter.html", context)


def _file_name(upload):
    """The base name of an uploaded file, without controls, for showing back to the entrant."""
    name = getattr(upload, "name", "") or ""
    return strip_bidi(name.replace("\\", "/").rsplit("/", 1)[-1])[-120:]


@never_cache
def kept_image(request, page_id):
    """The thumbnail of the image this browser session's form kept (`?token=` is the form's
    session-bound token): 404 for any other session, token or competition; never cached."""
    form_key = tokens.form_token_key(request.GET.get("token"), request.session)
    pending = services.kept_upload(competition=page_id, form_key=form_key)
    if pending is None:
        raise Http404
    return field_file_response(pending.thumbnail)


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
        {
            "entry": entry,
            "competition": entry.competition,
            "link": link,
            "token": token,
            "file_name": request.session.get(RECEIPT_FILES_KEY, {}).get(entry.reference, ""),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def entry_page(request, token):
    entry = _entry_or_404(token)
    form = None
    if entry.state == EntryState.CHANGES_REQUESTED:
        form = ChangeForm(entry=entry)
    guardian_form = reply_form = None
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
                messages.success(
                    request,
                    gettext(
                        "Your changes have been sent. The organisers check your entry again "
                        "and write to you when they have decided."
                    ),
                )
                return redirect("competitions:entry", token)
        if action == "reply":
            reply_form = ReplyForm(request.POST)
            if not ratelimit.hit("reply", str(entry.pk), REPLIES_PER_HOUR):
                reply_form.add_error(
                    None,
                    gettext("You have sent many messages in a short time. Try again in an hour."),
                )
            elif reply_form.is_valid():
                try:
                    services.reply_to_organisers(entry, body=reply_form.cleaned_data["body"])
                except services.MoveNotAllowed as refusal:
                    reply_form.add_error(None, str(refusal))
                else:
                    messages.success(
                        request, gettext("Your message has been sent to the organisers.")
                    )
                    return redirect(f"{reverse('competitions:entry', args=[token])}#messages")
    shown_state = permissions.state_shown_to_entrant(entry)
    if reply_form is None and services.can_reply(entry)[0]:
        reply_form = ReplyForm()
    return render(
        request,
        "competitions/entry.html",
        {
            "entry": entry,
            "competition": entry.competition,
            "shown_state": shown_state,
            "held": entry.state == EntryState.SAFEGUARDING_HOLD,
            "thread": services.entry_thread(entry),
            "reply_form": reply_form,
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
