"""Every write of two-factor sign-in: devices made, confirmed, codes checked and used.

Throttling is django-otp's own (`ThrottlingMixin` on the TOTP and recovery-code devices): after a
wrong code the device refuses every code for 1, 2, 4, 8 … seconds (`OTP_TOTP_THROTTLE_FACTOR`,
`OTP_STATIC_THROTTLE_FACTOR`), so the tenth wrong code in a row locks it for 512 seconds; a right
code resets the count. A refused attempt while locked does not count.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
TOTP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of a code typed by a user: `device` when it was accepted; `locked_until` when
    the device refused to look at it (too many wrong codes)."""

    device: object = None
    locked_until: datetime | None = None

    @property
    def accepted(self):
        return self.device is not None

    @property
    def locked_seconds(self):
        return max(1, math.ceil((self.locked_until - timezone.now()).total_seconds()))


def pending_totp_device(*, user):
    """The authenticator-app device being enrolled: the user's unconfirmed one, or a new one."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def normalise(code):
    return "".join(code.split()).replace("-", "").lower()


def _check(device, token):
    allowed, data = device.verify_is_allowed()
    if not allowed:
        return CodeCheck(locked_until=data.get("locked_until") if data else None)
    if device.verify_token(token):
        return CodeCheck(device=device)
    return CodeCheck()


@transaction.atomic
def confirm_totp_device(device, *, code):
    """The first code from the authenticator app confirms the device. Returns a `CodeCheck`."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    result = _check(device, normalise(code))
    if result.accepted:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return result


@transaction.atomic
def check_code(*, user, code):
    """A code from the authenticator app (six digits) or a recovery code (used up when it
    works), checked against the user's confirmed devices of that kind."""
    token = normalise(code)
    if token.isdigit():
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
    else:
        devices = StaticDevice.objects.devices_for_user(user, confirmed=True)
    result = CodeCheck()
    for device in devices.select_for_update():
        result = _check(device, token)
        if result.accepted or result.locked_until:
            return result
    return result


@transaction.atomic
def make_recovery_codes(*, user):
    """A new set of recovery codes for `user` (the old ones stop working). Returns the codes,
    to be shown once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def reset_two_factor(*, user):
    """Deletes every second factor of `user` (authenticator apps, recovery codes, passkeys) and
    ends their sessions, so that a session verified with a deleted device does not live on.
    Returns (devices deleted, sessions ended)."""
    devices = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        devices += 1
    sessions = 0
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == user_id:
            session.delete()
            sessions += 1
    return devices, sessions
