"""The second factor of a signed-in session: who needs one, whether this session has it and how
recent it is, how long a signed-in session lasts.

Everyone who signs in (staff in the Wagtail admin, jurors in the jury room) needs a second factor;
only with DEBUG on may `TWO_FACTOR_EXEMPT_USERNAMES` (the demo accounts of `make run`) skip it, and
`check` refuses that setting without DEBUG (accounts/checks.py).

The state lives in the session, which is kept on the server: django-otp's device key (so that
`django_otp.login` and django-otp-webauthn's views work unchanged), the time of the last
verification (for actions that ask for a fresh one) and the time of sign-in (a signed-in session
ends `SIGNED_IN_SESSION_HOURS` after it, whatever the cookie says). Reading it costs no query.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

VERIFIED_AT_KEY = "accounts_verified_at"
SIGNED_IN_AT_KEY = "accounts_signed_in_at"


def is_exempt(user):
    """A demo account on a developer's machine: only with DEBUG on."""
    return bool(
        settings.DEBUG
        and user.is_authenticated
        and user.get_username() in settings.TWO_FACTOR_EXEMPT_USERNAMES
    )


def needs_second_factor(user):
    return user.is_authenticated and not is_exempt(user)


def is_signed_in(request):
    return SESSION_KEY in request.session


def is_verified(request):
    """The session passed a second factor since sign-in."""
    return bool(request.session.get(DEVICE_ID_SESSION_KEY)) and (VERIFIED_AT_KEY in request.session)


def mark_verified(request, device, *, user=None):
    """`device`, one of the signed-in user's confirmed devices, has just accepted a code or a
    passkey. (`user` when `request.user` is not set yet, e.g. during `user_logged_in`.)"""
    user = user if user is not None else request.user
    if device.user_id != user.pk or not device.confirmed:
        raise ValueError("A second factor verifies only its own user's session.")
    verify_session(request.session, device)
    if hasattr(request, "user"):
        request.user.otp_device = device


def verify_session(session, device):
    """The session state of a verification by `device` (also used by the benchmarks, which sign
    in with the test client)."""
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[VERIFIED_AT_KEY] = int(time.time())


def fresh_seconds():
    return settings.TWO_FACTOR_FRESH_MINUTES * 60


def is_fresh(request):
    """Verified within the last `TWO_FACTOR_FRESH_MINUTES` (or exempt on a developer's machine)."""
    if is_exempt(request.user):
        return True
    verified_at = request.session.get(VERIFIED_AT_KEY)
    return (
        is_verified(request)
        and verified_at is not None
        and time.time() - verified_at <= fresh_seconds()
    )


def has_device(user):
    return any(devices_for_user(user, confirmed=True))


def start_signed_in_session(sender, request, user, **kwargs):
    """On every sign-in (`user_logged_in`): the session ends a working day later. Anonymous
    sessions (the entry form's) keep Django's default age."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[SIGNED_IN_AT_KEY] = int(time.time())
    request.session.set_expiry(timezone.now() + timedelta(hours=settings.SIGNED_IN_SESSION_HOURS))


def signed_in_session_expired(request):
    signed_in_at = request.session.get(SIGNED_IN_AT_KEY)
    if signed_in_at is None:
        return False
    return time.time() - signed_in_at > settings.SIGNED_IN_SESSION_HOURS * 3600
