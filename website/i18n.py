"""Language helpers shared by pages, views and templates."""

from contextlib import contextmanager

from django.conf import settings
from django.utils import translation

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


@contextmanager
def language(code):
    """Activate `code` for the block, restoring the previous language afterwards."""
    previous = translation.get_language()
    translation.activate(code)
    try:
        yield
    finally:
        if previous:
            translation.activate(previous)
        else:
            translation.deactivate()


def other_languages(current=None):
    current = current or translation.get_language()
    return [code for code in LANGUAGE_CODES if code != current]


def language_names():
    """Each language in its own name, for the switcher."""
    return {"sq": "Shqip", "en": "English"}
