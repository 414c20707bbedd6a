from django.urls import path
from django.utils.translation import gettext_lazy as _

from competitions import views

app_name = "competitions"

urlpatterns = [
    # Translators: URL of the competitions' privacy notice.
    path(_("competitions/privacy/"), views.privacy, name="privacy"),
    # Translators: URL of the entry form; keep <int:page_id>.
    path(_("competitions/<int:page_id>/enter/"), views.enter, name="enter"),
    path(_("competitions/<int:page_id>/enter/kept-image/"), views.kept_image, name="kept_image"),
    # Translators: URL of the receipt; keep <str:token>.
    path(_("competitions/received/<str:token>/"), views.receipt, name="receipt"),
    # Translators: URL of an entrant's private page; keep <str:token>.
    path(_("competitions/entry/<str:token>/"), views.entry_page, name="entry"),
    path(
        _("competitions/entry/<str:token>/file/<str:variant>/"),
        views.entry_file,
        name="entry_file",
    ),
    # Translators: URL of a parent's or guardian's consent page; keep <str:token>.
    path(_("competitions/consent/<str:token>/"), views.guardian, name="guardian"),
    path(
        _("competitions/consent/<str:token>/file/<str:variant>/"),
        views.guardian_file,
        name="guardian_file",
    ),
]
