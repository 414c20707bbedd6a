"""How apps contribute to site-wide features without the site importing them.

Convention: a local app may have a module with a known name, and the site looks for it in every
installed local app, in INSTALLED_APPS order:

- `<app>/demo.py` with `load(home, stdout)`: its demo content (`load_demo`);
- `<app>/sitemap.py` with `sitemap_entries(request)`: sitemap entries that are not Wagtail pages;
- `<app>/tasks.py` with `PERIODIC_TASKS`: tasks the worker keeps scheduled;
- `<app>/home.py` with `HOME_SECTIONS`: sections of the home page;
- `<app>/search.py` with `SEARCHABLE`: models the site search indexes.

`website/` stands on the lowest floor: it names no app above it, it only asks this registry.
"""

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
