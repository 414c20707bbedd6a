"""Enrolment, verification, recovery codes and passkeys, for staff (the admin area) and jurors
(the jury room area). The same views serve both; `area` chooses the look and the URLs
(accounts/areas.py). The middleware sends users here; these views check for themselves who may
see them.
"""

import base64
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp_webauthn.models import WebAuthnCredential

from accounts import forms, services, verification
from accounts.areas import AREAS
from accounts.decorators import fresh_second_factor

NEW_CODES_KEY = "accounts_new_recovery_codes"


def _next_url(request, area):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(area.home_url_name)


def _with_next(url, next_url):
    return f"{url}?{urlencode({'next': next_url})}"


def _render(request, area, template, context=None, status=200):
    context = {
        "area": area,
        "base_template": area.base_template,
        "button_class": "button" if area.name == "admin" else "jury-button",
        "next": _next_url(request, area),
        **(context or {}),
    }
    return render(request, f"accounts/{template}", context, status=status)


def area_view(view):
    """The area from the URL; a signed-out visitor goes to the area's sign-in page first."""

    @never_cache
    def wrapped(request, *args, area, **kwargs):
        area = AREAS[area]
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse(area.login_url_name))
        return view(request, area, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _verified_only(request, area):
    """Managing devices needs a verified session; otherwise, verification first."""
    if verification.is_verified(request):
        return None
    return redirect(_with_next(area.url("start"), request.get_full_path()))


@area_view
def start(request, area):
    """Where the middleware sends an unverified user: enrolment or verification."""
    target = "verify" if verification.has_device(request.user) else "enrol"
    return redirect(_with_next(area.url(target), _next_url(request, area)))


def _qr_svg(device):
    # segno writes plain SVG elements with attributes, no inline styles (CSP-safe).
    return mark_safe(  # noqa: S308 - segno's own markup around a URL it encodes itself
        segno.make(device.config_url, error="m").svg_inline(scale=4, border=2, title="QR")
    )


def _secret(device):
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@area_view
def enrol(request, area):
    """First sign-in: scan the QR code with an authenticator app, type the code it shows."""
    if verification.has_device(request.user):
        return redirect(_with_next(area.url("verify"), _next_url(request, area)))
    device = services.pending_totp_device(user=request.user)
    form = forms.enrol_form(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        verification.mark_verified(request, form.device)
        request.session[NEW_CODES_KEY] = services.make_recovery_codes(user=request.user)
        return redirect(_with_next(area.url("recovery_codes"), _next_url(request, area)))
    return _render(
        request,
        area,
        "enrol.html",
        {"form": form, "qr_svg": _qr_svg(device), "secret": _secret(device)},
        status=400 if form.errors else 200,
    )


@area_view
def verify(request, area):
    """The second step of every sign-in, and again before actions that ask for a fresh one."""
    if not verification.has_device(request.user):
        return redirect(_with_next(area.url("enrol"), _next_url(request, area)))
    form = forms.verify_form(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        verification.mark_verified(request, form.device)
        return HttpResponseRedirect(_next_url(request, area))
    has_passkey = WebAuthnCredential.objects.filter(user=request.user, confirmed=True).exists()
    return _render(
        request,
        area,
        "verify.html",
        {
            "form": form,
            "has_passkey": has_passkey,
            "again": verification.is_verified(request),
            "minutes": verification.fresh_seconds() // 60,
        },
        status=400 if form.errors else 200,
    )


@area_view
def recovery_codes(request, area):
    """The recovery codes just made, shown once; later, how many are left."""
    refused = _verified_only(request, area)
    if refused:
        return refused
    codes = request.session.pop(NEW_CODES_KEY, None)
    return _render(
        request,
        area,
        "recovery_codes.html",
        {"codes": codes, "left": services.recovery_codes_left(request.user)},
    )


@area_view
@require_POST
@fresh_second_factor(methods=("POST",))
def new_recovery_codes(request, area):
    refused = _verified_only(request, area)
    if refused:
        return refused
    request.session[NEW_CODES_KEY] = services.make_recovery_codes(user=request.user)
    return redirect(area.url("recovery_codes"))


@area_view
def manage(request, area):
    """The user's second factors: the authenticator app, recovery codes, passkeys."""
    refused = _verified_only(request, area)
    if refused:
        return refused
    passkeys = WebAuthnCredential.objects.filter(user=request.user, confirmed=True).order_by(
        "created_at"
    )
    return _render(
        request,
        area,
        "manage.html",
        {"passkeys": passkeys, "left": services.recovery_codes_left(request.user)},
    )


@area_view
@require_POST
@fresh_second_factor(methods=("POST",))
def remove_passkey(request, area, pk):
    refused = _verified_only(request, area)
    if refused:
        return refused
    passkey = get_object_or_404(WebAuthnCredential, pk=pk, user=request.user)
    passkey.delete()
    messages.success(request, _("The passkey was removed."))
    return redirect(area.url("manage"))
