"""Passkeys (WebAuthn) through django-otp-webauthn, as a second factor only (no passwordless
sign-in): a verified user adds passkeys on the "Two-factor sign-in" page, and afterwards may
verify with one instead of typing a code.

The relying party is the host the request came to (one of ALLOWED_HOSTS), and the origin the
browser reports must be that same host: the site answers on one host per deployment, and a passkey
made on it works only there.
"""

from django.http.request import split_domain_port
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.helpers import WebAuthnHelper

from accounts import verification


def relying_party_id(request):
    domain, _port = split_domain_port(request.get_host())
    return domain


class PasskeyHelper(WebAuthnHelper):
    def get_allowed_origins(self):
        return [f"{self.request.scheme}://{self.request.get_host()}"]


class NotVerified(exceptions.OTPWebAuthnApiError):
    status_code = 403
    code = "not_verified"


class RegistrationMixin:
    def check_can_register(self):
        """Only a verified session adds a passkey: enrolment starts with the authenticator app
        (and its recovery codes), so a stolen password cannot add the thief's passkey."""
        if not verification.is_verified(self.request):
            raise NotVerified()


@method_decorator(never_cache, name="dispatch")
class BeginRegistration(RegistrationMixin, webauthn_views.BeginCredentialRegistrationView):
    pass


@method_decorator(never_cache, name="dispatch")
class CompleteRegistration(RegistrationMixin, webauthn_views.CompleteCredentialRegistrationView):
    pass


@method_decorator(never_cache, name="dispatch")
class CompleteAuthentication(webauthn_views.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        """Only the signed-in user's own passkey verifies the session (no passwordless sign-in)."""
        if not self.request.user.is_authenticated or device.user_id != self.request.user.pk:
            raise exceptions.CredentialDisabled()
        verification.mark_verified(self.request, device)
