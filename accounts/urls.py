"""The two-factor pages of the jury room area (`/sq/juri/dy-hapa/…`). The admin area's are
registered in wagtail_hooks.py; the passkey endpoints both use are webauthn_urls.py."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts import views

# The jury room's addresses are translated like the rest of the site; the admin's stay English,
# as Wagtail's own do.
SITE_SEGMENTS = {
    # Translators: URL segment of the page where one sets up two-factor sign-in.
    "enrol": _("set-up/"),
    # Translators: URL segment of the page where one types the second factor's code.
    "verify": _("verify/"),
    # Translators: URL segment of the page that shows the recovery codes.
    "recovery_codes": _("recovery-codes/"),
    "new_recovery_codes": _("recovery-codes/new/"),
    # Translators: URL segment of the page listing one's second factors.
    "manage": _("manage/"),
    # Translators: URL of the button that removes a passkey; keep <int:pk>.
    "remove_passkey": _("passkeys/<int:pk>/remove/"),
}
ADMIN_SEGMENTS = {
    "enrol": "set-up/",
    "verify": "verify/",
    "recovery_codes": "recovery-codes/",
    "new_recovery_codes": "recovery-codes/new/",
    "manage": "manage/",
    "remove_passkey": "passkeys/<int:pk>/remove/",
}


def area_patterns(area):
    kwargs = {"area": area}
    segments = ADMIN_SEGMENTS if area == "admin" else SITE_SEGMENTS
    return [
        path("", views.start, kwargs, name="start"),
        *(path(segments[name], getattr(views, name), kwargs, name=name) for name in ADMIN_SEGMENTS),
    ]


app_name = "accounts"

urlpatterns = [
    # Translators: URL of the jury room's two-factor pages; keep "jury" as in the jury room's URL.
    path(_("jury/two-factor/"), include(area_patterns("site"))),
]
