"""Two-factor sign-in, enforced for every signed-in user (accounts/verification.py says who and
how the state is kept).

A signed-in user whose session has not passed a second factor:

* in the Wagtail admin (`/admin/…`) and the jury room (the `jury` URL namespace) is sent to
  enrolment (no device yet) or verification, then back; nothing else there answers them;
* reaches the sign-in and sign-out pages, the enrolment and verification pages and the passkey
  endpoints;
* anywhere else (the public site) is an anonymous reader, as before signing in.

A signed-in session older than `SIGNED_IN_SESSION_HOURS` is signed out (Wagtail's "remember me"
only decides how long the browser keeps the cookie).
"""

import functools

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.utils.functional import SimpleLazyObject

from accounts import verification
from accounts.areas import start_url

# URL namespaces and names an unverified user may reach.
OPEN_NAMESPACES = {"accounts", "accounts_admin", "otp_webauthn"}
OPEN_VIEW_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "jury:login",
    "jury:logout",
}
ADMIN_PREFIX = "/admin/"


class _IsVerified:
    """`user.is_verified()`, as django-otp's OTPMiddleware provides it, read from the session.

    A user object can travel into a cache with what refers to it (Wagtail caches a new image's
    renditions, and the image holds its uploader): pickled, this keeps no request and answers
    False."""

    def __init__(self, request):
        self._request = request

    def __call__(self):
        return self._request is not None and verification.is_verified(self._request)

    def __reduce__(self):
        return (_IsVerified, (None,))


def _install_accessors(request, user):
    """What django-otp's OTPMiddleware gives a user, read from the session (no query)."""
    user.otp_device = None
    user.is_verified = _IsVerified(request)
    return user


def _lazy_user(request, user):
    return _install_accessors(request, user)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.user = SimpleLazyObject(functools.partial(_lazy_user, request, user))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # No session cookie, no signed-in user: nothing to read (and no query for readers).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        if not verification.is_signed_in(request):
            return None
        if verification.signed_in_session_expired(request):
            auth.logout(request)
            request.user = _install_accessors(request, AnonymousUser())
            return None
        if verification.is_verified(request) or not verification.needs_second_factor(request.user):
            return None
        match = request.resolver_match
        if match.namespace in OPEN_NAMESPACES or match.view_name in OPEN_VIEW_NAMES:
            return None
        if request.path_info.startswith(ADMIN_PREFIX):
            return redirect_to_login(request.get_full_path(), start_url("admin"))
        if "jury" in match.namespaces:
            return redirect_to_login(request.get_full_path(), start_url("site"))
        # The public site: a reader like any other until the second factor is given.
        request.user = _install_accessors(request, AnonymousUser())
        return None
