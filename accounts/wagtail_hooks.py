from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts import urls


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path(
            "two-factor/",
            include((urls.area_patterns("admin"), "accounts_admin"), namespace="accounts_admin"),
        )
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("accounts_admin:manage"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Your authenticator app, recovery codes and passkeys."),
    }
