from django.urls import path, register_converter
from django.utils.translation import gettext_lazy as _

from newsletter import views


class TokenConverter:
    """Personal tokens and signed confirmation tokens: URL-safe base64 and colons."""

    regex = r"[A-Za-z0-9_:\-]{1,300}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "nltoken")

app_name = "newsletter"

urlpatterns = [
    # Translators: URL segment of the subscribe page (keep the trailing slash).
    path(_("subscribe/"), views.subscribe, name="subscribe"),
    # Translators: URL the footer's subscribe form posts to (keep the slashes).
    path(_("subscribe/start/"), views.subscribe_from_footer, name="subscribe_from_footer"),
    # Translators: URL of the "check your inbox" page (keep the slashes).
    path(_("subscribe/thanks/"), views.subscribe_thanks, name="subscribe_thanks"),
    # Translators: URL of the confirmation link; keep <nltoken:token> as it is.
    path(_("newsletter/confirm/<nltoken:token>/"), views.confirm, name="confirm"),
    # Translators: URL of the preferences page; keep <nltoken:token> as it is.
    path(_("newsletter/preferences/<nltoken:token>/"), views.preferences, name="preferences"),
    # Translators: URL of the unsubscribe link; keep <nltoken:token> as it is.
    path(_("newsletter/unsubscribe/<nltoken:token>/"), views.unsubscribe, name="unsubscribe"),
]
