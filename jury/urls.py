from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import gettext_lazy as _

from jury import views

app_name = "jury"

urlpatterns = [
    # Translators: URL of the jury room.
    path(_("jury/"), views.home, name="home"),
    # Translators: URL of the jury room's sign-in page.
    path(_("jury/sign-in/"), views.LoginView.as_view(), name="login"),
    path(
        _("jury/sign-out/"),
        auth_views.LogoutView.as_view(next_page="jury:login"),
        name="logout",
    ),
    # Translators: URL of a jury round; keep <int:pk>.
    path(_("jury/round/<int:pk>/"), views.round_view, name="round"),
    path(_("jury/round/<int:pk>/order/"), views.ballot, name="ballot"),
    path(_("jury/round/<int:pk>/results/"), views.results, name="results"),
    path(_("jury/round/<int:pk>/results.<str:fmt>"), views.results_export, name="results_export"),
    # Translators: URL of the page confirming an award chosen from a round's results.
    path(_("jury/round/<int:pk>/results/award/"), views.award, name="award"),
    path(_("jury/round/<int:pk>/<str:code>/"), views.entry_view, name="entry"),
    path(_("jury/round/<int:pk>/<str:code>/conflict/"), views.conflict, name="conflict"),
    path(
        _("jury/round/<int:pk>/<str:code>/file/<str:variant>/"),
        views.entry_file,
        name="entry_file",
    ),
]
