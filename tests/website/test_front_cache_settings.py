"""Production settings for the caches: every Varnish of CACHE_FRONT_PURGE_URL is purged (one per
machine behind a CDN), and templates are read once per process (the cached loader). Checked in a
fresh Python with production settings, as tests/website/test_production.py does."""

import json
import textwrap

import pytest

from tests.website.test_production import clean_env, run

# Processes of its own with production settings, no test database (pyproject.toml).
pytestmark = pytest.mark.no_database

SCRIPT = textwrap.dedent(
    """
    import json
    import django
    from django.conf import settings
    from django.template import engines
    django.setup()
    loaders = engines["django"].engine.template_loaders
    print(json.dumps({
        "purged": {name: params["LOCATION"] for name, params in settings.WAGTAILFRONTENDCACHE.items()},
        "loader": type(loaders[0]).__module__ + "." + type(loaders[0]).__name__,
    }))
    """
)


def settings_with(tmp_path, **environ):
    env = clean_env(tmp_path, DJANGO_SETTINGS_MODULE="website.settings.production", **environ)
    result = run(["-c", SCRIPT], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_varnish_listed_is_purged(tmp_path):
    found = settings_with(
        tmp_path, CACHE_FRONT_PURGE_URL="http://10.0.0.1:8080,http://10.0.0.2:8080"
    )

    assert found["purged"] == {
        "varnish": "http://10.0.0.1:8080",
        "varnish-2": "http://10.0.0.2:8080",
    }


def test_no_front_to_purge_without_the_variable(tmp_path):
    assert settings_with(tmp_path)["purged"] == {}


def test_templates_are_read_once_per_process_in_production(tmp_path):
    assert settings_with(tmp_path)["loader"] == "django.template.loaders.cached.Loader"
