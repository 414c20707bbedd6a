from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import gettext_lazy as _

from jury import public_views, views

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
    path(_("jury/round/<int:pk>/<str:code>/"), views.entry_view, name="entry"),
    path(_("jury/round/<int:pk>/<str:code>/conflict/"), views.conflict, name="conflict"),
    path(
        _("jury/round/<int:pk>/<str:code>/file/<str:variant>/"),
        views.entry_file,
        name="entry_file",
    ),
]

# The public results and exhibition, under the competition's address, and the publication pages.
urlpatterns += [
    # Translators: URL of a competition's public results; keep <slug:slug>. The first part must
    # match the slug of the competitions' index page ("konkurse").
    path(_("competitions/<slug:slug>/results/"), public_views.results, name="public_results"),
    # Translators: URL of a competition's exhibition; keep <slug:slug>.
    path(_("competitions/<slug:slug>/exhibition/"), public_views.exhibition, name="exhibition"),
    path(
        _("competitions/<slug:slug>/exhibition/<str:public_id>/"),
        public_views.work,
        name="work",
    ),
    path(
        _("competitions/<slug:slug>/exhibition/<str:public_id>/image-<int:width>.jpg"),
        public_views.work_image,
        name="work_image",
    ),
    # Translators: URL of an entrant's publication page; keep <str:token>.
    path(
        _("competitions/publication/<str:token>/"),
        public_views.publication_page,
        name="publication",
    ),
    # Translators: URL of a guardian's publication page; keep <str:token>.
    path(
        _("competitions/publication-guardian/<str:token>/"),
        public_views.guardian_page,
        name="publication_guardian",
    ),
    path(
        _("competitions/publication-guardian/<str:token>/image/"),
        public_views.guardian_file,
        name="publication_guardian_file",
    ),
]
