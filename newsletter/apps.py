from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Django's way to connect receivers: the module imports models, so not before ready().
        from newsletter import signals  # noqa: F401, PLC0415 - connects the anymail tracking receiver
