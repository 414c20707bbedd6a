import math

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import services

WRONG_CODE = _(
    "This code is not right. Type the six digits your authenticator app shows now, or one "
    "of your recovery codes."
)


def locked_message(seconds):
    """How long the device refuses every code (django-otp doubles it after each wrong one)."""
    if seconds < 60:
        return ngettext(
            "Too many wrong codes. Wait %(seconds)d second, then try again.",
            "Too many wrong codes. Wait %(seconds)d seconds, then try again.",
            seconds,
        ) % {"seconds": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Too many wrong codes. Wait %(minutes)d minute, then try again.",
        "Too many wrong codes. Wait %(minutes)d minutes, then try again.",
        minutes,
    ) % {"minutes": minutes}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self._check = check
        self.device = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        result = self._check(code)
        if result.locked_until:
            raise forms.ValidationError(locked_message(result.locked_seconds), code="locked")
        if not result.accepted:
            raise forms.ValidationError(WRONG_CODE, code="wrong")
        self.device = result.device
        return code


def enrol_form(data=None, *, device):
    return CodeForm(data, check=lambda code: services.confirm_totp_device(device, code=code))


def verify_form(data=None, *, user):
    return CodeForm(data, check=lambda code: services.check_code(user=user, code=code))
