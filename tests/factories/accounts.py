"""Second factors (accounts/): django-otp's devices, and the codes a phone would show."""

import factory
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory("tests.factories.website.UserFactory")
    name = "Authenticator app"
    confirmed = True


class StaticDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaticDevice

    user = factory.SubFactory("tests.factories.website.UserFactory")
    name = "Recovery codes"
    confirmed = True


def current_code(device, steps_ahead=0):
    """The six digits the authenticator app shows now (or `steps_ahead` 30-second steps later,
    still within the device's tolerance: a code is accepted once)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + steps_ahead):06d}"
