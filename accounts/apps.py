from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Two-factor sign-in")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415 - AppConfig.ready

        from accounts import checks, verification  # noqa: F401, PLC0415 - AppConfig.ready

        user_logged_in.connect(verification.start_signed_in_session, dispatch_uid="accounts")
