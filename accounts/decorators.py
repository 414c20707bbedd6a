"""`fresh_second_factor`: for actions on the most sensitive data (exporting entries, opening a
safeguarding case), the second factor must have been given within `TWO_FACTOR_FRESH_MINUTES`;
otherwise the user verifies again and comes back to the same address.

By default only opening (GET) asks: a form posted from a page opened with a fresh factor is
accepted, so a note typed for half an hour is not lost. `methods=` widens it (making new recovery
codes asks on the POST itself, and comes back to the page the form was on).
"""

from functools import wraps
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from accounts import verification
from accounts.areas import area_for_path

SAFE = ("GET", "HEAD")


def _come_back_to(request, area):
    if request.method in SAFE:
        return request.get_full_path()
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return area.url("manage")


def fresh_second_factor(view=None, *, methods=SAFE):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in methods or verification.is_fresh(request):
                return view(request, *args, **kwargs)
            area = area_for_path(request.path_info)
            query = urlencode({"next": _come_back_to(request, area)})
            return redirect(f"{area.url('verify')}?{query}")

        return wrapped

    return decorator(view) if view is not None else decorator
