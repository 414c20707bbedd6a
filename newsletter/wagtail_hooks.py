from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.widgets import Button, HeaderButton

from bulletins.models import BulletinPage
from newsletter import admin_views, permissions
from newsletter.dashboard import LastSendPanel
from newsletter.viewsets import subscriber_viewset
from website.admin_tools import PermissionMenuItem

admin_patterns = [
    path("import/", admin_views.import_view, name="import"),
    path("export/", admin_views.export_view, name="export"),
    path("sends/", admin_views.sends_view, name="sends"),
    path("send/<int:page_id>/", admin_views.send_view, name="send"),
    path("send/<int:page_id>/preview/<str:mode>/", admin_views.preview_view, name="preview"),
    path("send/<int:page_id>/recipients/", admin_views.recipients_view, name="recipients"),
    path("send/<int:page_id>/progress/", admin_views.progress_view, name="progress"),
]


@hooks.register("register_admin_viewset")
def register_viewset():
    return subscriber_viewset


@hooks.register("register_admin_urls")
def register_urls():
    return [path("newsletter/", include((admin_patterns, "newsletter_admin")))]


class NewsletterMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return any(item.is_shown(request) for item in self.menu.registered_menu_items)


@hooks.register("register_admin_menu_item")
def newsletter_menu():
    items = [
        PermissionMenuItem(
            _("Subscribers"),
            reverse("newsletter_subscribers:index"),
            icon_name="group",
            order=100,
            check=permissions.can_view_subscribers,
        ),
        PermissionMenuItem(
            _("Import subscribers"),
            reverse("newsletter_admin:import"),
            icon_name="upload",
            order=200,
            check=permissions.can_import_subscribers,
        ),
        PermissionMenuItem(
            _("Export subscribers"),
            reverse("newsletter_admin:export"),
            icon_name="download",
            order=300,
            check=permissions.can_export_subscribers,
        ),
        PermissionMenuItem(
            _("Send a bulletin"),
            reverse("newsletter_admin:sends"),
            icon_name="mail",
            order=400,
            check=permissions.can_open_sends,
        ),
    ]
    return NewsletterMenuItem(
        _("E-bulletin"), Menu(items=items), icon_name="mail", name="newsletter", order=450
    )


def _is_sendable(page, user):
    return (
        page.specific_class is not None
        and issubclass(page.specific_class, BulletinPage)
        and permissions.can_open_sends(user)[0]
    )


def _send_button(page, user):
    if not _is_sendable(page, user):
        return []
    return [
        Button(
            _("Send by e-mail"),
            reverse("newsletter_admin:send", args=[page.pk]),
            icon_name="mail",
            priority=70,
        )
    ]


def primary_header_buttons(page, user):
    """The visible "Send by e-mail" button of a bulletin's editor header (rendered by
    templates/wagtailadmin/shared/headers/page_edit_header.html), for staff who may send."""
    if not _is_sendable(page, user):
        return []
    return [
        HeaderButton(
            _("Send by e-mail"),
            reverse("newsletter_admin:send", args=[page.pk]),
            icon_name="mail",
            attrs={"data-newsletter-send": ""},
        )
    ]


@hooks.register("register_page_header_buttons")
def page_header_send_button(page, user, view_name, next_url=None):
    # The editor shows it as a visible button (`primary_header_buttons`), not in its "…" menu.
    if view_name == "edit":
        return []
    return _send_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def page_listing_send_button(page, user, next_url=None):
    return _send_button(page, user)


@hooks.register("construct_homepage_panels")
def add_last_send_panel(request, panels):
    panels.append(LastSendPanel())
