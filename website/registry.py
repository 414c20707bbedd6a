"""How apps contribute to site-wide features without the site importing them.

Convention: a local app may have a module with a known name, and the site looks for it in every
installed local app, in INSTALLED_APPS order:

- `<app>/demo.py` with `load(home, stdout)`: its demo content (`load_demo`);
- `<app>/sitemap.py` with `sitemap_entries(request)`: sitemap entries that are not Wagtail pages;
- `<app>/tasks.py` with `PERIODIC_TASKS`: tasks the worker keeps scheduled;
- `<app>/home.py` with `HOME_SECTIONS`: sections of the home page (`HomeSection`s);
- `<app>/search.py` with `SEARCHABLE`: models the site search indexes (plain data, read by
  `sitesearch.indexing`);
- `<app>/chrome.py` with `HEADER_INCLUDES`, `HELP_LINES_INCLUDES`, `FOOTER_INCLUDES`,
  `FOOTER_LINKS`: templates an app adds to the header, the help lines and the footer of every page.

`website/` stands on the lowest floor: it names no app above it, it only asks this registry.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings


def local_apps():
    """App configs of this project (not of installed packages), in INSTALLED_APPS order."""
    base = Path(settings.BASE_DIR)
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(base) and "site-packages" not in path.parts:
            yield config


def local_app_modules(name, *, exclude=()):
    """The imported `<app>.<name>` module of every local app that has one."""
    for config in local_apps():
        if config.name in exclude:
            continue
        module_name = f"{config.name}.{name}"
        if find_spec(module_name) is None:
            continue
        yield import_module(module_name)


def collect(name, attribute, *, exclude=()):
    """`attribute` of every local app's `<app>.<name>` module that defines it, in app order."""
    for module in local_app_modules(name, exclude=exclude):
        value = getattr(module, attribute, None)
        if value is not None:
            yield value


def collect_all(name, attribute, *, exclude=()):
    """The items of every local app's `<app>.<name>.<attribute>` sequence, in app order."""
    return [item for items in collect(name, attribute, exclude=exclude) for item in items]


@dataclass(frozen=True)
class HomeSection:
    """A section of the home page, below the page's own body.

    `get_context(request)` returns the section's template context, or None to leave the section
    out (e.g. nothing published yet); the template is rendered with the page's context plus that.
    Sections appear by `order`, then in app order. Their HTML is kept per site and language
    until the content changes (`{% kept_fragment %}` in website/home_page.html): a section
    shows content (pages, snippets, images), never anything of the reader's request.
    """

    template: str
    get_context: Callable
    order: int = 100
    stylesheets: tuple = field(default=())


@cache
def home_sections():
    """Every app's `HOME_SECTIONS`, ordered (read once: the installed apps do not change while
    the process runs)."""
    return sorted(collect_all("home", "HOME_SECTIONS"), key=lambda section: section.order)


CHROME_SLOTS = {
    "header": "HEADER_INCLUDES",
    "help_lines": "HELP_LINES_INCLUDES",
    "footer": "FOOTER_INCLUDES",
    "footer_links": "FOOTER_LINKS",
}


@cache
def chrome_includes():
    """{slot: [template names]} that the apps add to the site chrome (`<app>/chrome.py`).

    The set of installed apps does not change while the process runs, so it is read once."""
    return {slot: collect_all("chrome", attribute) for slot, attribute in CHROME_SLOTS.items()}
