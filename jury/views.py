"""The jury room: the jurors' own area, separate from the CMS, and the chair's results.

A juror sees only their rounds and, in each, the entries on their list, known by anonymous code.
Views are thin: they check who asks, parse, call `jury.services` and render.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import fresh_second_factor
from jury import exports, permissions, queries, services
from jury.enums import AwardKind, RoundKind, RoundState
from jury.models import Round, Score, ShortlistVote
from website.files import field_file_response

LOGIN_URL = "jury:login"


class LoginView(auth_views.LoginView):
    template_name = "jury/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("jury:home")


def jury_login_required(view):
    return never_cache(login_required(view, login_url=LOGIN_URL))


def _refused(request, reason, status=403):
    """The jury room's refusal: a page of the site (jurors have no admin access), 403."""
    return render(request, "jury/refused.html", {"reason": reason}, status=status)


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _juror_round(request, pk):
    """The round, if the user may enter it as a juror (`jury.permissions.juror_rounds`); 404
    otherwise (a round one may not enter does not exist for them)."""
    return get_object_or_404(
        permissions.juror_rounds(request.user).select_related("jury__competition"), pk=pk
    )


def _juror_entry(request, round, code):
    """The entry behind `code`, only when it is on the user's list in `round`."""
    listed = queries.juror_list(round, request.user)
    for index, entry in enumerate(listed):
        if entry.jury_code.code == code:
            return entry, listed, index
    raise Http404


@jury_login_required
def home(request):
    rounds = queries.juror_rounds(request.user)
    chaired = (
        permissions.chaired_rounds(request.user)
        .select_related("jury__competition")
        .order_by("jury__competition__title", "position")
    )
    return render(request, "jury/home.html", {"rounds": rounds, "chaired": chaired})


@jury_login_required
def round_view(request, pk):
    round = _juror_round(request, pk)
    entries = queries.juror_list(round, request.user)
    marked = queries.marked_entry_ids(round, request.user)
    ballot_positions = {}
    if round.kind == RoundKind.RANK:
        ballot = round.ballots.filter(juror=request.user).first()
        if ballot:
            ballot_positions = {entry_id: i + 1 for i, entry_id in enumerate(ballot.order)}
    rows = [
        {
            "entry": entry,
            "code": entry.jury_code.code,
            "marked": entry.pk in marked,
            "position": ballot_positions.get(entry.pk, ""),
        }
        for entry in entries
    ]
    return render(
        request,
        "jury/round.html",
        {
            "round": round,
            "competition": round.jury.competition,
            "rows": rows,
            "marked_count": sum(1 for row in rows if row["marked"]),
            "total": len(rows),
            "open": round.accepts_marks,
        },
    )


def _parse_marks(post, criteria):
    """({criterion id: int or None}, {criterion id: comment}) from the posted form; marks of
    unknown criteria are passed on, so that the service refuses them (and logs it)."""
    marks, comments = {}, {}
    for key, raw in post.items():
        if key.startswith("c-"):
            try:
                criterion_id = int(key[2:])
            except ValueError:
                continue
            raw = raw.strip()
            if raw == "":
                marks[criterion_id] = None
                continue
            try:
                marks[criterion_id] = int(raw)
            except ValueError:
                raise services.MarkRefused(_("A mark must be a whole number.")) from None
        elif key.startswith("comment-"):
            try:
                comments[int(key[8:])] = raw
            except ValueError:
                continue
    for criterion in criteria:
        if criterion.pk in comments and criterion.pk not in marks:
            marks[criterion.pk] = None
    return marks, comments


@jury_login_required
@require_http_methods(["GET", "POST"])
def entry_view(request, pk, code):
    round = _juror_round(request, pk)
    entry, listed, index = _juror_entry(request, round, code)
    criteria = queries.criteria_of(round)
    error = ""
    if request.method == "POST":
        try:
            if round.kind == RoundKind.SHORTLIST:
                vote = request.POST.get("vote")
                if vote not in ("yes", "no"):
                    raise services.MarkRefused(_("Choose yes or no."))
                services.save_shortlist_vote(
                    round=round, entry=entry, juror=request.user, vote=vote == "yes"
                )
            else:
                marks, comments = _parse_marks(request.POST, criteria)
                services.save_sheet(
                    round=round, entry=entry, juror=request.user, marks=marks, comments=comments
                )
        except services.MarkRefused as refused:
            if _wants_json(request):
                return JsonResponse({"saved": False, "error": str(refused)}, status=400)
            error = str(refused)
        else:
            if _wants_json(request):
                return JsonResponse({"saved": True})
            messages.success(request, _("Saved."))
            target = (
                listed[index + 1] if request.POST.get("next") and index + 1 < len(listed) else entry
            )
            return redirect("jury:entry", round.pk, target.jury_code.code)
    own = {
        score.criterion_id: score
        for score in Score.objects.filter(round=round, juror=request.user, entry=entry)
    }
    vote = (
        ShortlistVote.objects.filter(round=round, juror=request.user, entry=entry)
        .values_list("vote", flat=True)
        .first()
    )
    fields = [
        {
            "criterion": criterion,
            "value": request.POST.get(f"c-{criterion.pk}")
            if error
            else getattr(own.get(criterion.pk), "value", ""),
            "comment": request.POST.get(f"comment-{criterion.pk}")
            if error
            else getattr(own.get(criterion.pk), "comment", ""),
        }
        for criterion in criteria
    ]
    competition = round.jury.competition
    return render(
        request,
        "jury/entry.html",
        {
            "round": round,
            "competition": competition,
            "entry": entry,
            "code": code,
            "takes_image": competition.takes_image,
            # Only the redacted text a moderator confirmed, never the story as sent.
            "text": permissions.jury_text(entry),
            "fields": fields,
            "vote": vote,
            "open": round.accepts_marks,
            "error": error,
            "revealed": request.GET.get("show") == "1" or not entry.content_warning,
            "previous": listed[index - 1].jury_code.code if index > 0 else None,
            "next": listed[index + 1].jury_code.code if index + 1 < len(listed) else None,
            "position": index + 1,
            "total": len(listed),
        },
        status=400 if error else 200,
    )


@jury_login_required
def entry_file(request, pk, code, variant):
    round = _juror_round(request, pk)
    entry, _listed, _index = _juror_entry(request, round, code)
    field = {"image": entry.image, "thumbnail": entry.thumbnail}.get(variant)
    # No file name at all (the stored name is random and is not sent), never cached.
    return field_file_response(field)


@jury_login_required
@require_POST
def conflict(request, pk, code):
    round = _juror_round(request, pk)
    entry, _listed, _index = _juror_entry(request, round, code)
    try:
        services.declare_conflict(
            round=round, entry=entry, juror=request.user, note=request.POST.get("note", "")
        )
    except services.JuryError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Thank you. This entry has left your list."))
    return redirect("jury:round", round.pk)


@jury_login_required
@require_POST
def ballot(request, pk):
    round = _juror_round(request, pk)
    positions = []
    for entry in queries.juror_entries(round, request.user):
        raw = request.POST.get(f"p-{entry.jury_code.code}", "").strip()
        if raw.isdigit():
            positions.append((int(raw), entry.number, entry.pk))
    order = [entry_id for _position, _number, entry_id in sorted(positions)]
    try:
        services.save_ballot(round=round, juror=request.user, order=order)
    except services.MarkRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Saved."))
    return redirect("jury:round", round.pk)


# --- The chair's results -------------------------------------------------------------------


def _results_round(request, pk):
    round = get_object_or_404(Round.objects.select_related("jury__competition"), pk=pk)
    allowed, reason = permissions.can_see_results(request.user, round)
    return round, allowed, reason


def _results_context(round):
    """The chair's table: complete entries first (ranked), then the entries ranked apart because
    some of their scores are missing (`jury.aggregation.rank_results`), each with its count."""
    data = queries.round_results(round)
    competition = round.jury.competition
    jurors = sorted(data["jurors"].values(), key=lambda user: (user.last_name, user.username))
    rows = []
    for row in data["rows"]:
        entry = data["entries"][row.entry]
        scores = getattr(row, "scores", {})
        rows.append(
            {
                "row": row,
                "entry": entry,
                "category": permissions.jury_category(entry, competition),
                "code": entry.jury_code.code if hasattr(entry, "jury_code") else "",
                "juror_scores": [scores.get(juror.pk) for juror in jurors],
                "advanced": entry.pk in data["advanced"],
                "awards": data["awards"].get(entry.pk, []),
                # Rank rounds count the jurors who placed the entry on their ballot.
                "complete": getattr(row, "complete", True),
                "counted": getattr(row, "counted", None),
                "expected": getattr(row, "expected", None),
            }
        )
    return {
        "round": round,
        "rows": rows,
        "complete_rows": [item for item in rows if item["complete"]],
        "apart_rows": [item for item in rows if not item["complete"]],
        "jurors": jurors,
        "criteria": data["criteria"],
    }


@jury_login_required
@require_http_methods(["GET", "POST"])
def results(request, pk):
    round, allowed, reason = _results_round(request, pk)
    if not allowed:
        return _refused(request, reason)
    if request.method == "POST":
        allowed, reason = permissions.can_decide(request.user, round)
        if not allowed:
            return _refused(request, reason)
        _results_action(request, round)
        return redirect("jury:results", round.pk)
    context = _results_context(round)
    context.update(
        {
            "competition": round.jury.competition,
            "award_kinds": AwardKind.choices,
            "awards_open": permissions.awards_open(round)[0],
            "final": queries.is_final_round(round),
        }
    )
    return render(request, "jury/results.html", context)


def _results_action(request, round):
    action = request.POST.get("action")
    try:
        if action in ("open", "close"):
            target = RoundState.OPEN if action == "open" else RoundState.CLOSED
            services.move_round(round, target, by=request.user)
            messages.success(request, _("The round is now “%s”.") % RoundState(target).label)
        elif action in ("advance_top", "advance_threshold"):
            rows = [row for row in queries.round_results(round)["rows"] if row.rank is not None]
            if action == "advance_top":
                count = int(request.POST.get("count", "0"))
                chosen = [row.entry for row in rows if row.rank <= count]
            else:
                # Only complete entries: a result missing some of its scores is not yet a result.
                threshold = float(request.POST.get("threshold", "").replace(",", "."))
                chosen = [
                    row.entry
                    for row in rows
                    if getattr(row, "complete", True) and getattr(row, "result", 0) >= threshold
                ]
            advanced = services.advance_entries(round=round, entry_ids=chosen, by=request.user)
            messages.success(
                request,
                ngettext("%(n)s entry advanced.", "%(n)s entries advanced.", advanced)
                % {"n": advanced},
            )
        elif action == "announce":
            services.announce_not_selected(round=round, by=request.user)
            messages.success(request, _("The entrants not selected are being told."))
    except (ValueError, services.JuryError) as refused:
        messages.error(
            request,
            str(refused)
            if isinstance(refused, services.JuryError)
            else _("Check the numbers you entered."),
        )


@jury_login_required
@require_http_methods(["GET", "POST"])
def award(request, pk):
    """An award chosen from the ranked list: the chair picks an entry's row and an award on the
    results page (GET here), reads the confirmation naming both, and records it (POST)."""
    round, allowed, reason = _results_round(request, pk)
    if allowed:
        allowed, reason = permissions.can_decide(request.user, round)
    if allowed:
        allowed, reason = permissions.awards_open(round)
    if not allowed:
        return _refused(request, reason)
    data = request.POST if request.method == "POST" else request.GET
    code, kind = data.get("entry", "").strip().upper(), data.get("kind", "")
    context = _results_context(round)
    item = next((item for item in context["rows"] if code and item["code"] == code), None)
    results_url = reverse("jury:results", args=[round.pk]) + "#awards"
    if item is None or kind not in AwardKind.values:
        messages.error(request, _("Choose an entry in the ranked list and an award."))
        return redirect(results_url)
    kind = AwardKind(kind)
    if request.method == "POST":
        try:
            services.record_award(
                competition=round.jury.competition,
                entry=item["entry"],
                kind=kind,
                note=request.POST.get("note", ""),
                by=request.user,
            )
        except services.JuryError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("Recorded: %(award)s for entry %(code)s.") % {"award": kind.label, "code": code},
            )
        return redirect(results_url)
    return render(
        request,
        "jury/award.html",
        {
            "round": round,
            "competition": round.jury.competition,
            "item": item,
            "kind": kind,
            "results_url": results_url,
        },
    )


@jury_login_required
@fresh_second_factor
def results_export(request, pk, fmt):
    round = get_object_or_404(Round.objects.select_related("jury__competition"), pk=pk)
    allowed, reason = permissions.can_export_results(request.user, round)
    if not allowed:
        return _refused(request, reason)
    context = _results_context(round)
    if fmt == "csv":
        return exports.csv_response(round, context)
    if fmt == "xlsx":
        return exports.xlsx_response(round, context)
    raise Http404
