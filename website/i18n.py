"""Language constants shared by pages, views and templates.

To render in a language, use Django's `translation.override(code)`."""

from django.conf import settings

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


def language_names():
    """Each language in its own name, for the switcher."""
    return {"sq": "Shqip", "en": "English"}
