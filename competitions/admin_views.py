"""The moderation actions in the Wagtail admin: an entry's screen with its action form, bulk
moderation, the safeguarding queue and an entry's safeguarding screen, and the entry's files. The
queue itself is the `EntryViewSet`'s listing (competitions/viewsets.py). Who may do what is asked
of competitions/permissions.py."""

from dataclasses import dataclass, replace

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
from competitions import permissions, queries, redaction, retention, services
from competitions.enums import MOVES, Actor, EntryState, RejectReason
from competitions.forms import COUNTRIES
from competitions.models import Entry
from competitions.storage import entry_file_response
from website.admin_tools import not_found, refused, require


class ModerationForm(forms.Form):
    """What goes with a moderation action. The action itself is the button the moderator pressed
    (`action` in the POST, one of `MODERATION_ACTIONS`): there is no default action."""

    reason = forms.ChoiceField(
        label=gettext_lazy("Reason (for a rejection)"),
        required=False,
        choices=[("", "—"), *RejectReason.choices],
    )
    message = forms.CharField(
        label=gettext_lazy("Message to the entrant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    note = forms.CharField(
        label=gettext_lazy("Internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, action="", **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def clean(self):
        data = super().clean()
        if self.action == "reject" and not data.get("reason"):
            self.add_error("reason", _("Choose a reason."))
        if self.action == "request_changes" and not data.get("message"):
            self.add_error("message", _("Tell the entrant what to change."))
        return data


@dataclass(frozen=True)
class ModerationAction:
    name: str
    label: str
    target: EntryState
    shortcut: str = ""
    confirm: bool = False
    classname: str = ""


# The moderation screen's buttons, in this order; only those the workflow allows from the
# entry's state are shown (`services.can_move`).
MODERATION_ACTIONS = [
    ModerationAction(
        "approve", gettext_lazy("Approve for judging"), EntryState.APPROVED, "a", False, ""
    ),
    ModerationAction(
        "request_changes",
        gettext_lazy("Request changes"),
        EntryState.CHANGES_REQUESTED,
        "c",
        False,
        "button-secondary",
    ),
    ModerationAction("reject", gettext_lazy("Reject"), EntryState.REJECTED, "r", True, "no"),
    ModerationAction(
        "flag",
        gettext_lazy("Flag for safeguarding"),
        EntryState.SAFEGUARDING_HOLD,
        "f",
        True,
        "serious",
    ),
    ModerationAction(
        "reopen",
        gettext_lazy("Back to moderation"),
        EntryState.IN_MODERATION,
        "",
        False,
        "button-secondary",
    ),
]
ACTIONS_BY_NAME = {action.name: action for action in MODERATION_ACTIONS}

# What the moderator is told after each action (on the next entry's screen).
DONE_MESSAGES = {
    "approve": gettext_lazy("%(reference)s approved for judging."),
    "request_changes": gettext_lazy("Changes to %(reference)s requested from the entrant."),
    "reject": gettext_lazy("%(reference)s rejected."),
    "flag": gettext_lazy(
        "%(reference)s flagged for safeguarding: only the safeguarding officers see it now."
    ),
    "reopen": gettext_lazy("%(reference)s is back in moderation."),
}

# The declarations, as a moderator reads them (the entrant ticked them in the first person).
DECLARATION_SENTENCES = {
    "non_professional": gettext_lazy(
        "Declared they are not a professional photographer, writer or artist"
    ),
    "own_work": gettext_lazy("Declared the work is their own and has not been published before"),
    "people_agreed": gettext_lazy(
        "Declared that everyone recognisable in the work agreed to it and that no victim of "
        "trafficking can be identified"
    ),
    "rules_read": gettext_lazy("Declared they have read the rules and the privacy notice"),
    "licence": gettext_lazy("Granted the licence described in the rules for publishing the work"),
}


def declarations_in_words(entry):
    """[(sentence, time or None)] for each declaration, in the form's order."""
    return [(DECLARATION_SENTENCES.get(key, key), when) for key, when in entry.declarations.items()]


def entry_words(entry):
    """What the entry's screens say in words rather than codes."""
    return {
        "declarations": declarations_in_words(entry),
        "country_name": country_name(entry.country),
    }


def country_name(code):
    """The country's name from the entry form's choices (the code for one not among them)."""
    return str(dict(COUNTRIES).get(code, code or ""))


def actions_for(entry):
    """The moderation actions the workflow allows from `entry`'s state."""
    state = EntryState(entry.state)
    return [
        action
        for action in MODERATION_ACTIONS
        if Actor.MODERATOR in MOVES.get((state, action.target), ())
    ]


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


def _waiting(user):
    """The entries waiting for a decision, as the queue lists them by default."""
    return queries.needs_decision(permissions.moderation_entries(user))


def _after_action(request, entry, action):
    """The next entry waiting for a decision (after `entry` in the queue's order, else the first
    one left), with a message saying what was done; the queue when none is left."""
    messages.success(request, DONE_MESSAGES[action.name] % {"reference": entry.reference})
    waiting = _waiting(request.user)
    _previous, following = queries.neighbours(waiting, entry)
    following = following or (
        waiting.exclude(pk=entry.pk).only("pk").order_by(*queries.QUEUE_ORDER).first()
    )
    if following is None:
        messages.info(request, _("No other entry is waiting for a decision."))
        return redirect("competitions_admin:queue")
    return redirect("competitions_admin:detail", following.pk)


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
    actions = actions_for(entry)
    posted = request.POST.get("action", "") if request.method == "POST" else ""
    action = ACTIONS_BY_NAME.get(posted) if posted in {a.name for a in actions} else None
    form = ModerationForm(request.POST or None, action=action.name if action else "")
    redaction_screen = redaction.screen(entry)
    confirming = None
    if posted == "redact":
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
    elif request.method == "POST" and action is None:
        # No default action: a message written without pressing an action's button changes
        # nothing, and the moderator is told so (what they wrote stays in the form).
        form.is_valid()
        if posted:
            messages.error(request, _("This action is not possible for this entry."))
        else:
            messages.warning(
                request,
                _(
                    "Nothing was done: choose an action with its button (approve, request "
                    "changes, reject or flag for safeguarding)."
                ),
            )
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if action.confirm and request.POST.get("confirmed") != "1":
            confirming = action
        else:
            try:
                services.move_entry(
                    entry,
                    action.target,
                    actor=Actor.MODERATOR,
                    by=request.user,
                    reason=data.get("reason", "") if action.name == "reject" else "",
                    note=data.get("note", ""),
                    message=data.get("message", ""),
                )
            except services.MoveNotAllowed as refusal:
                messages.error(request, str(refusal))
            else:
                return _after_action(request, entry, action)
    duplicates = []
    if permissions.can_see_duplicates(request.user, entry)[0]:
        duplicates = [
            (found.other, found.distance)
            for found in permissions.visible_duplicates(request.user)
            .filter(entry=entry)
            .select_related("other__competition")[:DUPLICATES_SHOWN]
        ]
    previous, following = queries.neighbours(_waiting(request.user), entry)
    return TemplateResponse(
        request,
        "competitions/admin/detail.html",
        {
            "entry": entry,
            "form": form,
            "actions": actions,
            "confirming": confirming,
            "reason_label": dict(RejectReason.choices).get(form.cleaned_data.get("reason", ""))
            if confirming
            else "",
            "rejected_keep_days": retention.REJECTED_KEEP_DAYS,
            "previous": previous,
            "next": following,
            "events": _history(request.user, entry),
            "duplicates": duplicates,
            "redaction": redaction_screen,
            **entry_words(entry),
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
            **entry_words(entry),
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
