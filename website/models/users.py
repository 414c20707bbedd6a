from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The platform's user: staff, moderators and jurors. Entrants need no account."""

    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("sq", _("Albanian")), ("en", _("English"))],
        default="sq",
        help_text=_("Language of the e-mails this person receives."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username
