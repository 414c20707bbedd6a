"""What the header and footer of every public page need: help lines, partners, menu, and the
templates the apps add to them.

Everything is lazy: a response that does not render the site chrome runs no query for it.
The 500 page passes `help_lines` and `quick_exit_url` itself, from defaults, without the database.
"""

from django.utils.functional import SimpleLazyObject, lazy

from website.queries import footer_partners, menu_pages, site_settings
from website.registry import chrome_includes


def site_chrome(request):
    settings_object = SimpleLazyObject(lambda: site_settings(request))
    return {
        "site_settings": settings_object,
        "help_lines": SimpleLazyObject(lambda: settings_object.get_help_lines()),
        "quick_exit_url": lazy(lambda: settings_object.quick_exit_url, str)(),
        "footer_partners": SimpleLazyObject(lambda: list(footer_partners())),
        "menu_pages": SimpleLazyObject(lambda: list(menu_pages(request))),
        # Templates the apps add to the header, help lines and footer (`<app>/chrome.py`).
        "chrome": chrome_includes(),
    }
