from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "mail"
    verbose_name = _("E-mail outbox")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from mail import signals  # noqa: F401, PLC0415 - connects the anymail tracking receiver
