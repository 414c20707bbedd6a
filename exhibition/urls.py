from django.urls import path
from django.utils.translation import gettext_lazy as _

from exhibition import views

app_name = "exhibition"

# The public results and exhibition, under the competition's address, and the publication pages.
urlpatterns = [
    # Translators: URL of a competition's public results; keep <slug:slug>. The first part must
    # match the slug of the competitions' index page ("konkurse").
    path(_("competitions/<slug:slug>/results/"), views.results, name="results"),
    # Translators: URL of a competition's exhibition; keep <slug:slug>.
    path(_("competitions/<slug:slug>/exhibition/"), views.exhibition, name="exhibition"),
    path(
        _("competitions/<slug:slug>/exhibition/<str:public_id>/"),
        views.work,
        name="work",
    ),
    path(
        _("competitions/<slug:slug>/exhibition/<str:public_id>/image-<int:width>.jpg"),
        views.work_image,
        name="work_image",
    ),
    # Translators: URL of an entrant's publication page; keep <str:token>.
    path(
        _("competitions/publication/<str:token>/"),
        views.publication_page,
        name="publication",
    ),
    # Translators: URL of a guardian's publication page; keep <str:token>.
    path(
        _("competitions/publication-guardian/<str:token>/"),
        views.guardian_page,
        name="guardian",
    ),
    path(
        _("competitions/publication-guardian/<str:token>/image/"),
        views.guardian_file,
        name="guardian_file",
    ),
]
