from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from mail import admin_views, permissions
from website.admin_tools import PermissionMenuItem

admin_patterns = [
    path("", admin_views.report_view, name="report"),
    path("send-again/", admin_views.send_again_view, name="send_again"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("outbox/", include((admin_patterns, "mail_admin")))]


@hooks.register("register_reports_menu_item")
def outbox_menu_item():
    return PermissionMenuItem(
        _("Outgoing e-mails"),
        reverse("mail_admin:report"),
        icon_name="mail",
        order=900,
        check=permissions.can_view_outbox,
    )
