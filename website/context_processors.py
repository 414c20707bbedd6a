"""What the header and footer of every public page need: help lines, partners, menu, and the
templates the apps add to them.

Everything is lazy: a response that does not render the site chrome runs no query for it. The
chrome comes from the shared cache (website/queries.py, per site and language, forgotten on
change); `site_settings` is the settings object itself, for the few pages that need more than
the chrome (read from the database when used).
The 500 page passes `help_lines` and `quick_exit_url` itself, from defaults, without the database.
"""

from django.utils.functional import SimpleLazyObject, lazy

from website.queries import chrome, site_settings
from website.registry import chrome_includes


def site_chrome(request):
    settings_part = SimpleLazyObject(lambda: chrome(request, "settings"))
    return {
        "site_settings": SimpleLazyObject(lambda: site_settings(request)),
        "help_lines": SimpleLazyObject(lambda: settings_part["help_lines"]),
        "quick_exit_url": lazy(lambda: settings_part["quick_exit_url"], str)(),
        "contact_email": SimpleLazyObject(lambda: settings_part["contact_email"]),
        "footer_partners": SimpleLazyObject(lambda: chrome(request, "partners")),
        "menu_pages": SimpleLazyObject(lambda: chrome(request, "menu")),
        # Templates the apps add to the header, help lines and footer (`<app>/chrome.py`).
        "chrome": chrome_includes(),
    }
