"""Staff screens: import, export, and sending a bulletin (preview, test, send, progress).
Who may do what is decided in `newsletter/permissions.py`; a refusal is the admin's one 403
page with the reason (`website.admin_tools`)."""

from email.utils import parseaddr

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods

from newsletter import emails, importing, permissions, queries, sending, services
from newsletter.admin_forms import (
    SEND_TIME_ZONE,
    ImportForm,
    SegmentForm,
    SendForm,
    SendTestForm,
)
from newsletter.enums import DeliveryState, Language, SendState
from newsletter.models import BulletinSend, Delivery
from website.admin_tools import not_found, refused, require


@require(permissions.can_import_subscribers)
@require_http_methods(["GET", "POST"])
def import_view(request):
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = services.import_subscribers(
                    raw_bytes=form.cleaned_data["file"].read(),
                    consent_text=form.cleaned_data["consent_text"],
                    default_language=form.cleaned_data["default_language"],
                    by=request.user,
                )
            except importing.ImportFileError as error:
                form.add_error("file", str(error))
    else:
        form = ImportForm(initial={"default_language": Language.SQ})
    return render(
        request,
        "newsletter/admin/import.html",
        {
            "form": form,
            "report": report,
            "page_title": _("Import subscribers"),
            "header_icon": "upload",
        },
    )


@require(permissions.can_export_subscribers)
@require_GET
def export_view(request):
    queryset = permissions.subscribers_for_export(request.user).order_by("id")
    if request.GET.get("state"):
        queryset = queryset.filter(state=request.GET["state"])
    if request.GET.get("language"):
        queryset = queryset.filter(language=request.GET["language"])
    rows = queryset.values_list(
        "email", "language", "state", "consent_source", "consent_at", "consent_text"
    )
    body = importing.write_csv(
        (
            (email, language, state, source, consent_at.isoformat(), text)
            for email, language, state, source, consent_at, text in rows.iterator()
        ),
        ["email", "language", "state", "consent_source", "consent_at", "consent_text"],
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="subscribers-{stamp}.csv"'
    return response


@require(permissions.can_open_sends)
@require_GET
def sends_view(request):
    pages = permissions.bulletins_for_sending(request.user).order_by("-first_published_at", "-id")
    sends = {send.page_id: send for send in BulletinSend.objects.filter(page__in=pages)}
    page_obj = Paginator(pages, 30).get_page(request.GET.get("p"))
    rows = [(page, sends.get(page.pk)) for page in page_obj]
    return render(
        request,
        "newsletter/admin/sends.html",
        {
            "rows": rows,
            "page_obj": page_obj,
            "page_title": _("Send a bulletin"),
            "header_icon": "mail",
        },
    )


def _bulletin_or_none(request, page_id):
    return permissions.bulletins_for_sending(request.user).filter(pk=page_id).first()


def _redirect_to_send(page):
    return redirect("newsletter_admin:send", page_id=page.pk)


@require(permissions.can_open_sends)
@require_http_methods(["GET", "POST"])
def send_view(request, page_id):
    page = _bulletin_or_none(request, page_id)
    if page is None:
        return not_found(request)
    send = BulletinSend.objects.filter(page=page).first()
    test_form = SendTestForm(
        prefix="test",
        initial={
            "mode": Language.SQ,
            "addresses": "\n".join(services.remembered_test_addresses(request.user)),
        },
    )
    send_form = SendForm(prefix="send")
    action = request.POST.get("action")
    if action == "test":
        allowed, reason = permissions.can_test_send(request.user)
        if not allowed:
            return refused(request, reason)
        test_form = SendTestForm(request.POST, prefix="test")
        if test_form.is_valid():
            count = services.send_test(
                page,
                mode=test_form.cleaned_data["mode"],
                addresses=test_form.cleaned_data["addresses"],
                by=request.user,
            )
            messages.success(
                request,
                ngettext(
                    "Test e-mail sent to %(count)s address.",
                    "Test e-mail sent to %(count)s addresses.",
                    count,
                )
                % {"count": count},
            )
            return _redirect_to_send(page)
    elif action == "count":
        # Recount for the chosen topics without sending (the page's script does it live).
        send_form = SendForm(request.POST, prefix="send")
    elif action == "send":
        send_form = SendForm(request.POST, prefix="send")
        if send_form.is_valid():
            at = send_form.cleaned_data["scheduled_for"]
            try:
                services.start_send(
                    page, by=request.user, topics=send_form.cleaned_data["topics"], at=at
                )
            except services.SendRefused as error:
                messages.error(request, str(error.reason))
            else:
                messages.success(
                    request,
                    _("Sending has started.")
                    if at is None
                    else _("The send is scheduled for %(when)s (Tirana time).")
                    % {"when": format_tirane(at)},
                )
            return _redirect_to_send(page)
    elif action == "cancel" and send is not None:
        try:
            services.cancel_scheduled_send(send, by=request.user)
        except services.SendRefused as error:
            messages.error(request, str(error.reason))
        else:
            messages.success(request, _("The scheduled send is cancelled."))
        return _redirect_to_send(page)
    elif action == "resume" and send is not None:
        try:
            services.resume_send(send, by=request.user)
        except services.SendRefused as error:
            messages.error(request, str(error.reason))
        else:
            messages.success(request, _("Sending has started again."))
        return _redirect_to_send(page)
    elif action == "retry_failed" and send is not None:
        try:
            count = services.retry_failed_deliveries(send, by=request.user)
        except services.SendRefused as error:
            messages.error(request, str(error.reason))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s failed delivery is being sent again.",
                    "%(count)s failed deliveries are being sent again.",
                    count,
                )
                % {"count": count},
            )
        return _redirect_to_send(page)
    allowed, reason = permissions.can_send(page, request.user)
    context = {
        "bulletin": page,
        "page_title": _("Send by e-mail: %(title)s") % {"title": page.title},
        "header_icon": "mail",
        "send": send,
        "allowed": allowed,
        "reason": reason,
        "test_form": test_form,
        "send_form": send_form,
        "modes": Language.choices,
        "summary": send_summary(page, send, selected_topics(send, send_form)),
        "recipients_url": reverse("newsletter_admin:recipients", args=[page.pk]),
    }
    if send is not None:
        context["segment"] = list(send.topics.all())
        context["scheduled_for"] = format_tirane(send.scheduled_for)
        context["can_cancel"] = permissions.can_cancel_send(send, request.user)[0]
        context["progress_url"] = reverse("newsletter_admin:progress", args=[page.pk])
        context["counts"] = sending.counts(send)
        context["stalled"] = permissions.can_resume_send(send, request.user)[0]
        context["paused"] = sending.is_paused(send)
    if send is not None and permissions.can_see_deliveries(request.user)[0]:
        context["can_retry_failed"] = permissions.can_retry_failed(send, request.user)[0]
        context["failures"] = list(
            Delivery.objects.filter(send=send, state=DeliveryState.FAILED)
            .select_related("subscriber")
            .order_by("id")[:50]
        )
    return render(request, "newsletter/admin/send.html", context)


def format_tirane(value):
    """A date and time as staff read it on the send screen: in Europe/Tirane."""
    if value is None:
        return ""
    return date_format(timezone.localtime(value, SEND_TIME_ZONE), "SHORT_DATETIME_FORMAT")


def selected_topics(send, send_form):
    """The topics of the segment shown: the send's own once it exists, else the form's."""
    if send is not None:
        return list(send.topics.all())
    if not send_form.is_bound:
        return []
    segment = SegmentForm(send_form.data, prefix=send_form.prefix)
    return list(segment.cleaned_data["topics"]) if segment.is_valid() else []


def send_summary(page, send, topics):
    """Rows per language — recipients, subject, sender's name and address — and the total.
    Before the send starts the recipients are counted now (for the segment); once it has
    started they are its deliveries. The subject is the one sent, once rendered."""
    if send is None or send.state == SendState.SCHEDULED:
        counts = queries.recipient_counts(topics)
    else:
        counts = queries.delivery_counts(send)
    rendered = send.rendered if send is not None else {}
    rows = []
    for code, label, count in counts.per_language():
        name, address = parseaddr(emails.from_email(code))
        subject = (rendered.get(code) or {}).get("subject") or sending.subject_of(page, code)
        rows.append(
            {
                "code": code,
                "label": label,
                "count": count,
                "subject": subject,
                "sender_name": name,
                "sender_address": address,
            }
        )
    return {"rows": rows, "total": counts.total}


@require(permissions.can_open_sends)
@require_GET
def recipients_view(request, page_id):
    """The recipients per language and in total for the topics in the query string
    (`?topics=1&topics=2`), for the send screen's script."""
    if _bulletin_or_none(request, page_id) is None:
        return not_found(request)
    segment = SegmentForm(request.GET)
    if not segment.is_valid():
        return JsonResponse({"errors": segment.errors.get_json_data()}, status=400)
    return JsonResponse(queries.recipient_counts(segment.cleaned_data["topics"]).as_dict())


@require(permissions.can_see_deliveries)
@require_GET
def progress_view(request, page_id):
    """The state and counts of a bulletin's send, polled by the send screen's script."""
    page = _bulletin_or_none(request, page_id)
    send = BulletinSend.objects.filter(page=page).first() if page is not None else None
    if send is None:
        return not_found(request)
    counts = sending.counts(send)
    response = JsonResponse(
        {
            "state": send.state,
            "state_label": str(send.get_state_display()),
            "queued": counts.queued,
            "sending": counts.sending,
            "sent": counts.sent,
            "failed": counts.failed,
            "total": counts.total,
            "done": counts.sent + counts.failed,
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@require(permissions.can_open_sends)
@require_GET
@xframe_options_sameorigin
def preview_view(request, page_id, mode):
    page = _bulletin_or_none(request, page_id)
    if page is None or mode not in Language.values:
        return not_found(request)
    rendered = sending.render_mode(page, mode, token="preview")  # noqa: S106 - not a secret
    return HttpResponse(rendered["html"])
