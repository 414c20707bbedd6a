"""The two places where people sign in, and how the two-factor pages look in each.

* `admin`: staff, in the Wagtail admin (`/admin/two-factor/…`), in the language of their admin
  profile, with the admin's look;
* `site`: jurors, in the jury room (`/sq/juri/dy-hapa/…`, `/en/jury/two-factor/…`), in the
  language of the address, with the jury room's look.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Area:
    name: str
    namespace: str
    base_template: str
    login_url_name: str
    home_url_name: str

    def url(self, name, **kwargs):
        return reverse(f"{self.namespace}:{name}", **kwargs)


ADMIN = Area(
    name="admin",
    namespace="accounts_admin",
    base_template="accounts/admin/base.html",
    login_url_name="wagtailadmin_login",
    home_url_name="wagtailadmin_home",
)
SITE = Area(
    name="site",
    namespace="accounts",
    base_template="accounts/site/base.html",
    login_url_name="jury:login",
    home_url_name="jury:home",
)
AREAS = {area.name: area for area in (ADMIN, SITE)}


def area_for_path(path):
    return ADMIN if path.startswith("/admin/") else SITE


def start_url(area_name):
    return AREAS[area_name].url("start")


def verify_url(area_name):
    return AREAS[area_name].url("verify")
