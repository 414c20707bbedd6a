"""`manage.py check` refuses the dev-only exemption from two-factor sign-in without DEBUG."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def exemption_only_in_development(app_configs, **kwargs):
    if settings.TWO_FACTOR_EXEMPT_USERNAMES and not settings.DEBUG:
        return [
            Error(
                "TWO_FACTOR_EXEMPT_USERNAMES is set without DEBUG.",
                hint=(
                    "Only development settings may let demo accounts skip two-factor sign-in; "
                    "remove TWO_FACTOR_EXEMPT_USERNAMES from these settings."
                ),
                id="accounts.E001",
            )
        ]
    return []
