from django.urls import path
from django.utils.translation import gettext_lazy as _

from sitesearch import views

app_name = "sitesearch"

urlpatterns = [
    # Translators: URL segment of the search page; keep the slash.
    path(_("search/"), views.search, name="search"),
]
