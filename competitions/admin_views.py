"""Moderation and safeguarding screens in the Wagtail admin."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from competitions import exports, queries, services
from competitions.enums import Actor, CompetitionKind, ContentWarning, EntryState, RejectReason
from competitions.forms import COUNTRIES
from competitions.models import CompetitionPage, Entry

MODERATE = "competitions.moderate_entry"
SAFEGUARD = "competitions.handle_safeguarding"


def can_moderate(user):
    if user.has_perm(MODERATE):
        return True, ""
    return False, _("Only Competition moderators can moderate entries.")


def can_safeguard(user):
    if user.has_perm(SAFEGUARD):
        return True, ""
    return False, _("Only Safeguarding officers can see entries held for safeguarding.")


def _refusal(request, check):
    """A 403 page with the reason, or None. (Wagtail would turn PermissionDenied into a
    redirect to the dashboard; a plain 403 tells the truth to people and to tests.)"""
    allowed, reason = check(request.user)
    if allowed:
        return None
    return TemplateResponse(
        request, "competitions/admin/refused.html", {"reason": reason}, status=403
    )


def _not_found(request):
    # 403 rather than 404: a 404 under /admin/ would be redirected to a language prefix.
    return TemplateResponse(
        request,
        "competitions/admin/refused.html",
        {"reason": _("There is no such entry here.")},
        status=403,
    )


class QueueFilterForm(forms.Form):
    competition = forms.ModelChoiceField(
        label=gettext_lazy("Competition"), queryset=CompetitionPage.objects.all(), required=False
    )
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", "—"), *[(s.value, s.label) for s in EntryState.moderation_queue()]],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), required=False, choices=[("", "—"), *CompetitionKind.choices]
    )
    age_group = forms.ChoiceField(
        label=gettext_lazy("Age group"),
        required=False,
        choices=[
            ("", "—"),
            ("minor", gettext_lazy("Under 18")),
            ("adult", gettext_lazy("18 or over")),
        ],
    )
    country = forms.ChoiceField(
        label=gettext_lazy("Country"), required=False, choices=[("", "—"), *COUNTRIES]
    )
    content_warning = forms.ChoiceField(
        label=gettext_lazy("Content warning"),
        required=False,
        choices=[("", "—"), *ContentWarning.choices],
    )


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


MODERATION_TARGETS = {
    "approve": EntryState.APPROVED,
    "request_changes": EntryState.CHANGES_REQUESTED,
    "reject": EntryState.REJECTED,
    "flag": EntryState.SAFEGUARDING_HOLD,
    "reopen": EntryState.IN_MODERATION,
}


@never_cache
def queue(request):
    if refused := _refusal(request, can_moderate):
        return refused
    filters = QueueFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    entries = queries.moderation_queue(filters=cleaned)
    page = Paginator(entries, 50).get_page(request.GET.get("p"))
    counts = queries.state_counts(cleaned.get("competition"))
    return TemplateResponse(
        request,
        "competitions/admin/queue.html",
        {
            "filters": filters,
            "page_obj": page,
            "counts": [(EntryState(state), n) for state, n in counts.items()],
            "query": request.GET.urlencode(),
            "bulk_form": BulkModerationForm(initial={"query": request.GET.urlencode()}),
        },
    )


@never_cache
@require_POST
def bulk(request):
    if refused := _refusal(request, can_moderate):
        return refused
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
    visible = [entry for entry in selected if entry.state in EntryState.moderation_queue()]
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


@never_cache
def detail(request, pk):
    if refused := _refusal(request, can_moderate):
        return refused
    entry = (
        Entry.objects.select_related("competition", "entrant", "category")
        .filter(state__in=EntryState.moderation_queue(), pk=pk)
        .first()
    )
    if entry is None:
        return _not_found(request)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "redact":
        services.save_redacted_text(
            entry, by=request.user, text=request.POST.get("redacted_text", "")
        )
        messages.success(request, _("The redacted text has been saved."))
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
        except services.MoveNotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request, _("Entry %(reference)s updated.") % {"reference": entry.reference}
            )
            return redirect("competitions_admin:queue")
    return TemplateResponse(
        request,
        "competitions/admin/detail.html",
        {
            "entry": entry,
            "form": form,
            "events": entry.events.select_related("user"),
            "duplicates": queries.possible_duplicates(entry),
        },
    )


@never_cache
def safeguarding_queue(request):
    if refused := _refusal(request, can_safeguard):
        return refused
    entries = queries.moderation_queue(safeguarding=True)
    return TemplateResponse(
        request,
        "competitions/admin/safeguarding_queue.html",
        {"page_obj": Paginator(entries, 50).get_page(request.GET.get("p"))},
    )


@never_cache
def safeguarding_detail(request, pk):
    if refused := _refusal(request, can_safeguard):
        return refused
    entry = (
        Entry.objects.select_related("competition", "entrant")
        .filter(state=EntryState.SAFEGUARDING_HOLD, pk=pk)
        .first()
    )
    if entry is None:
        return _not_found(request)
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
        except services.MoveNotAllowed as refused:
            messages.error(request, str(refused))
        else:
            return redirect("competitions_admin:safeguarding_queue")
    return TemplateResponse(
        request,
        "competitions/admin/safeguarding_detail.html",
        {
            "entry": entry,
            "events": entry.events.select_related("user"),
            "reasons": RejectReason.choices,
        },
    )


@never_cache
def entry_file(request, pk, variant):
    """A moderator sees files of entries in the queue; a safeguarding officer those on hold."""
    entry = Entry.objects.filter(pk=pk).first()
    if entry is None:
        return _not_found(request)
    check = can_safeguard if entry.state == EntryState.SAFEGUARDING_HOLD else can_moderate
    if refused := _refusal(request, check):
        return refused
    if entry.state not in [*EntryState.moderation_queue(), EntryState.SAFEGUARDING_HOLD]:
        return _not_found(request)
    return queries.serve_private_file(entry, variant)


@never_cache
def export(request, fmt):
    if refused := _refusal(request, can_moderate):
        return refused
    filters = QueueFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    entries = queries.moderation_queue(filters=cleaned).select_related("entrant")
    if fmt == "xlsx":
        return exports.xlsx_response(entries)
    return exports.csv_response(entries)
