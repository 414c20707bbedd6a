"""Staff screens: import, export, and sending a bulletin (preview, test, send, progress).
Who may do what is decided in `newsletter/permissions.py`; a refusal is the admin's one 403
page with the reason (`website.admin_tools`)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods

from newsletter import importing, permissions, sending, services
from newsletter.admin_forms import ImportForm, SendForm, SendTestForm
from newsletter.enums import DeliveryState, Language
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


@require(permissions.can_open_sends)
@require_http_methods(["GET", "POST"])
def send_view(request, page_id):
    page = permissions.bulletins_for_sending(request.user).filter(pk=page_id).first()
    if page is None:
        return not_found(request)
    send = BulletinSend.objects.filter(page=page).first()
    test_form = SendTestForm(prefix="test", initial={"mode": Language.SQ})
    send_form = SendForm(prefix="send")
    action = request.POST.get("action")
    if action == "test":
        allowed, reason = permissions.can_test_send(request.user)
        if not allowed:
            return refused(request, reason)
        test_form = SendTestForm(request.POST, prefix="test")
        if test_form.is_valid():
            count = sending.send_test(
                page,
                mode=test_form.cleaned_data["mode"],
                addresses=test_form.cleaned_data["addresses"],
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
            return redirect("newsletter_admin:send", page_id=page.pk)
    elif action == "send":
        send_form = SendForm(request.POST, prefix="send")
        if send_form.is_valid():
            try:
                services.start_send(page, by=request.user)
            except services.SendRefused as error:
                messages.error(request, str(error.reason))
            else:
                messages.success(request, _("Sending has started."))
            return redirect("newsletter_admin:send", page_id=page.pk)
    elif action == "resume" and send is not None:
        try:
            services.resume_send(send, by=request.user)
        except services.SendRefused as error:
            messages.error(request, str(error.reason))
        else:
            messages.success(request, _("Sending has started again."))
        return redirect("newsletter_admin:send", page_id=page.pk)
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
        return redirect("newsletter_admin:send", page_id=page.pk)
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
    }
    if send is not None:
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


@require(permissions.can_open_sends)
@require_GET
@xframe_options_sameorigin
def preview_view(request, page_id, mode):
    page = permissions.bulletins_for_sending(request.user).filter(pk=page_id).first()
    if page is None or mode not in Language.values:
        return not_found(request)
    rendered = sending.render_mode(page, mode, token="preview")  # noqa: S106 - not a secret
    return HttpResponse(rendered["html"])
