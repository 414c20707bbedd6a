"""The outbox report for staff: e-mails that failed (and those waiting or sent), each with
what the server answered, and "send again". Permissions in `mail/permissions.py`; a refusal is
the admin's one 403 page (`website.admin_tools`)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from mail import outbox, permissions, queries
from mail.enums import MessageState
from mail.models import Message
from website.admin_tools import not_found, require


@require(permissions.can_view_outbox)
@require_GET
def report_view(request):
    state = request.GET.get("state") or MessageState.FAILED
    if state not in MessageState.values:
        state = MessageState.FAILED
    page_obj = Paginator(queries.listing(state), 50).get_page(request.GET.get("p"))
    counts = queries.counts()
    return render(
        request,
        "mail/admin/report.html",
        {
            "page_title": _("Outgoing e-mails"),
            "header_icon": "mail",
            "page_obj": page_obj,
            "state": state,
            "tabs": [(value, label, counts[value]) for value, label in MessageState.choices],
            "can_send_again": permissions.can_send_again(request.user)[0],
        },
    )


@require(permissions.can_send_again)
@require_POST
def send_again_view(request):
    ids = [value for value in request.POST.getlist("message") if value.isdigit()]
    if not ids:
        return not_found(request)
    again = sum(
        outbox.send_again(message, by=request.user)
        for message in Message.objects.filter(pk__in=ids, state=MessageState.FAILED)
    )
    messages.success(
        request,
        ngettext("%(count)s e-mail is queued again.", "%(count)s e-mails are queued again.", again)
        % {"count": again},
    )
    return redirect("mail_admin:report")
