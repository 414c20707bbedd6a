from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from website import purge  # noqa: PLC0415 - models are not ready at import time
        from website.models.pages import restore_translated_routing  # noqa: PLC0415 - same

        purge.connect_signals()
        restore_translated_routing(self.apps.get_models())
