from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from website import purge  # noqa: PLC0415 - models are not ready at import time

        purge.connect_signals()
