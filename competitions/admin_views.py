"""The moderation actions in the Wagtail admin: an entry's screen with its action form, bulk
moderation, the safeguarding queue and an entry's safeguarding screen, and the entry's files. The
queue itself is the `EntryViewSet`'s listing (competitions/viewsets.py). Who may do what is asked
of competitions/permissions.py."""

from dataclasses import replace

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import fresh_second_factor
from competitions import permissions, queries, redaction, services
from competitions.enums import Actor, EntryState, RejectReason
from competitions.models import Entry
from competitions.storage import entry_file_response
from website.admin_tools import not_found, refused, require


class ModerationForm(forms.Form):
    ACTIONS = [
        ("approve", gettext_lazy("Approve for judging")),
        ("request_changes", gettext_lazy("Request changes")),
        ("reject", gettext_lazy("Reject")),
        ("flag", gettext_lazy("Flag for safeguarding")),
        ("reopen", gettext_lazy("Back to moderation")),
    ]
    action = forms.ChoiceField(label=gettext_lazy("Action"), choices=ACTIONS)
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason (for a rejection)"),
        required=False,
        choices=[("", "—"), *RejectReason.choices],
    )
    message = forms.CharField(
        label=gettext_lazy("Message to the entrant"), required=False, widget=forms.Textarea
    )
    note = forms.CharField(
        label=gettext_lazy("Internal note"), required=False, widget=forms.Textarea
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not data.get("reason"):
            self.add_error("reason", _("Choose a reason."))
        if data.get("action") == "request_changes" and not data.get("message"):
            self.add_error("message", _("Tell the entrant what to change."))
        return data


class BulkModerationForm(forms.Form):
    """Approve or reject the entries ticked in the queue, each through the workflow."""

    ACTIONS = [
        ("approve", gettext_lazy("Approve the selected entries for judging")),
        ("reject", gettext_lazy("Reject the selected entries")),
    ]
    # Any entry: one that has left the queue meanwhile is reported by the view, not refused here.
    entries = forms.ModelMultipleChoiceField(
        queryset=Entry.objects.all(),
        error_messages={"required": gettext_lazy("Select at least one entry.")},
    )
    action = forms.ChoiceField(label=gettext_lazy("With the selected entries"), choices=ACTIONS)
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason (for a rejection)"),
        required=False,
        choices=[("", "—"), *RejectReason.choices],
    )
    message = forms.CharField(
        label=gettext_lazy("Message to each entrant"), required=False, widget=forms.Textarea
    )
    note = forms.CharField(
        label=gettext_lazy("Internal note"), required=False, widget=forms.Textarea
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not data.get("reason"):
            self.add_error("reason", _("Choose a reason."))
        return data


# The closest possible duplicates shown on an entry's screen.
DUPLICATES_SHOWN = 5

MODERATION_TARGETS = {
    "approve": EntryState.APPROVED,
    "request_changes": EntryState.CHANGES_REQUESTED,
    "reject": EntryState.REJECTED,
    "flag": EntryState.SAFEGUARDING_HOLD,
    "reopen": EntryState.IN_MODERATION,
}


@never_cache
@require_POST
@require(permissions.can_moderate)
def bulk(request):
    form = BulkModerationForm(request.POST)
    back = reverse("competitions_admin:queue")
    query = QueryDict(request.POST.get("query", "")).urlencode()
    if query:
        back = f"{back}?{query}"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    data = form.cleaned_data
    selected = list(data["entries"].order_by("submitted_at", "pk"))
    in_queue = set(
        permissions.moderation_entries(request.user)
        .filter(pk__in=[entry.pk for entry in selected])
        .values_list("pk", flat=True)
    )
    visible = [entry for entry in selected if entry.pk in in_queue]
    if gone := len(selected) - len(visible):
        # Without references: an entry held for safeguarding is not a moderator's to know about.
        messages.error(
            request,
            ngettext(
                "%(count)s selected entry is no longer in the queue and was not changed.",
                "%(count)s selected entries are no longer in the queue and were not changed.",
                gone,
            )
            % {"count": gone},
        )
    moved, refused_moves = services.move_entries(
        visible,
        MODERATION_TARGETS[data["action"]],
        actor=Actor.MODERATOR,
        by=request.user,
        reason=data.get("reason", ""),
        note=data.get("note", ""),
        message=data.get("message", ""),
    )
    if moved:
        messages.success(
            request,
            ngettext(
                "%(count)s entry updated: %(references)s.",
                "%(count)s entries updated: %(references)s.",
                len(moved),
            )
            % {"count": len(moved), "references": ", ".join(e.reference for e in moved)},
        )
    for entry, why in refused_moves:
        messages.error(
            request,
            _("%(reference)s was not changed: %(reason)s")
            % {"reference": entry.reference, "reason": why},
        )
    return redirect(back)


def _entry_or_refusal(request, pk, check, queryset):
    """(entry, None) when `check(user, entry)` allows it, else (None, a 403 response). An entry
    that does not exist is refused like one the user may not see."""
    entry = queryset.filter(pk=pk).first()
    allowed, reason = check(request.user, entry or Entry(state=EntryState.WITHDRAWN))
    if not allowed:
        return None, refused(request, reason)
    return entry, None


@never_cache
def detail(request, pk):
    entry, refusal = _entry_or_refusal(
        request,
        pk,
        permissions.can_moderate_entry,
        Entry.objects.select_related("competition", "entrant__municipality", "category"),
    )
    if refusal:
        return refusal
    form = ModerationForm(request.POST or None)
    redaction_screen = redaction.screen(entry)
    if request.method == "POST" and request.POST.get("action") == "redact":
        # The redaction screen (blind judging): save, or save and confirm, the jury's text.
        confirm = request.POST.get("confirm") == "1"
        text = request.POST.get("redacted_text", "")
        try:
            services.save_redacted_text(entry, by=request.user, text=text, confirm=confirm)
        except services.MoveNotAllowed as refusal:
            messages.error(request, str(refusal))
            redaction_screen = replace(redaction_screen, draft=text)
            form = ModerationForm()
        else:
            messages.success(
                request,
                _("The redacted text has been saved and confirmed for the jury.")
                if confirm
                else _("The redacted text has been saved. Confirm it before approving the story."),
            )
            return redirect("competitions_admin:detail", entry.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.move_entry(
                entry,
                MODERATION_TARGETS[data["action"]],
                actor=Actor.MODERATOR,
                by=request.user,
                reason=data.get("reason", ""),
                note=data.get("note", ""),
                message=data.get("message", ""),
            )
        except services.MoveNotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request, _("Entry %(reference)s updated.") % {"reference": entry.reference}
            )
            return redirect("competitions_admin:queue")
    duplicates = []
    if permissions.can_see_duplicates(request.user, entry)[0]:
        duplicates = [
            (found.other, found.distance)
            for found in permissions.visible_duplicates(request.user)
            .filter(entry=entry)
            .select_related("other__competition")[:DUPLICATES_SHOWN]
        ]
    return TemplateResponse(
        request,
        "competitions/admin/detail.html",
        {
            "entry": entry,
            "form": form,
            "events": _history(request.user, entry),
            "duplicates": duplicates,
            "redaction": redaction_screen,
        },
    )


def _history(user, entry):
    if not permissions.can_see_audit_log(user, entry)[0]:
        return []
    return entry.events.select_related("user")


@never_cache
@require(permissions.can_safeguard)
@fresh_second_factor
def safeguarding_queue(request):
    entries = queries.safeguarding_queue(permissions.safeguarding_entries(request.user))
    return TemplateResponse(
        request,
        "competitions/admin/safeguarding_queue.html",
        {"page_obj": Paginator(entries, 50).get_page(request.GET.get("p"))},
    )


@never_cache
@fresh_second_factor
def safeguarding_detail(request, pk):
    entry, refusal = _entry_or_refusal(
        request,
        pk,
        permissions.can_safeguard_entry,
        Entry.objects.select_related("competition", "entrant"),
    )
    if refusal:
        return refusal
    if request.method == "POST":
        action = request.POST.get("action")
        note = request.POST.get("note", "")
        try:
            if action == "note":
                services.record_safeguarding_note(entry, by=request.user, note=note)
                return redirect("competitions_admin:safeguarding_detail", entry.pk)
            target = {"return": EntryState.IN_MODERATION, "reject": EntryState.REJECTED}.get(action)
            if target is None:
                raise services.MoveNotAllowed(_("Unknown action."))
            services.move_entry(
                entry, target, actor=Actor.SAFEGUARDING, by=request.user, note=note,
                reason=request.POST.get("reason", ""),
            )  # fmt: skip
        except services.MoveNotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            return redirect("competitions_admin:safeguarding_queue")
    return TemplateResponse(
        request,
        "competitions/admin/safeguarding_detail.html",
        {
            "entry": entry,
            "events": _history(request.user, entry),
            "reasons": RejectReason.choices,
        },
    )


@never_cache
def entry_file(request, pk, variant):
    """An entry's image or thumbnail, to whoever may see the entry (permissions.can_view_file)."""
    entry, refusal = _entry_or_refusal(request, pk, permissions.can_view_file, Entry.objects)
    if refusal:
        return refusal
    try:
        return entry_file_response(entry, variant)
    except Http404:
        return not_found(request)
