"""Production settings, migrations and static files, checked in subprocesses.

Each test starts a fresh Python with its own environment, the way a server would start, so the
test settings of this process do not leak into what is checked.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from website.settings import base as base_settings

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"]

# Processes of its own with production settings, no test database (pyproject.toml).
pytestmark = pytest.mark.no_database


def clean_env(tmp_path, **extra):
    """The environment of this process without any setting the tests care about."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            *REQUIRED,
            "DJANGO_SETTINGS_MODULE",
            "DEBUG",
            "REDIS_URL",
            "PYTHONPATH",
            # Set by the browser tests' conftest for this process; never in deployment.
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
        and not key.startswith(("SECURE_", "ANYMAIL_", "EMAIL_"))
    }
    env.update(
        SECRET_KEY="a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz-XYZ",
        ALLOWED_HOSTS="example.org,www.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    env.update(extra)
    return env


def run(args, env, timeout=120):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = run(
        [
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=website.settings.production",
        ],
        clean_env(tmp_path),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_security_settings(tmp_path):
    script = textwrap.dedent(
        """
        import json
        import django
        from django.conf import settings
        django.setup()
        print(json.dumps({
            "DEBUG": settings.DEBUG,
            "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
            "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
            "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
            "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
            "SECURE_CONTENT_TYPE_NOSNIFF": settings.SECURE_CONTENT_TYPE_NOSNIFF,
            "SECURE_REFERRER_POLICY": settings.SECURE_REFERRER_POLICY,
            "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
            "staticfiles": settings.STORAGES["staticfiles"]["BACKEND"],
            "storages": sorted(settings.STORAGES),
        }))
        """
    )
    env = clean_env(tmp_path, DJANGO_SETTINGS_MODULE="website.settings.production")

    result = run(["-c", script], env)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "ALLOWED_HOSTS": ["example.org", "www.example.org"],
        "staticfiles": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        # Production changes the static files storage only; the others (e.g. "private") stay.
        "storages": sorted(base_settings.STORAGES),
    }


@pytest.mark.parametrize("missing", [[name] for name in REQUIRED] + [REQUIRED])
def test_production_refuses_to_start_naming_each_missing_variable(tmp_path, missing):
    env = clean_env(tmp_path, DJANGO_SETTINGS_MODULE="website.settings.production")
    for name in missing:
        del env[name]

    result = run(["-c", "import django; django.setup()"], env)

    assert result.returncode == 1
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line == (
        "django.core.exceptions.ImproperlyConfigured: Missing required environment variable(s) "
        "for production: " + ", ".join(missing)
    )


def test_production_treats_an_empty_variable_as_missing(tmp_path):
    env = clean_env(tmp_path, DJANGO_SETTINGS_MODULE="website.settings.production", SECRET_KEY="")

    result = run(["-c", "import django; django.setup()"], env)

    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].endswith("for production: SECRET_KEY")


def test_migrations_are_complete(tmp_path):
    result = run(
        [
            "manage.py",
            "makemigrations",
            "--check",
            "--dry-run",
            "--settings=website.settings.test",
        ],
        clean_env(tmp_path),
        timeout=180,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "No changes detected"


WHITENOISE_PROBE = """
import json
import django
from django.core.management import call_command
from django.test import Client

django.setup()
from django.templatetags.static import static

call_command("collectstatic", "--noinput", verbosity=0)
url = static("website/css/site.css")
client = Client()
hashed = client.get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip")
plain = client.get("/static/website/css/site.css", secure=True)
print(json.dumps({
    "url": url,
    "status": hashed.status_code,
    "cache_control": hashed.headers.get("Cache-Control"),
    "content_encoding": hashed.headers.get("Content-Encoding"),
    "content_type": hashed.headers.get("Content-Type"),
    "vary": hashed.headers.get("Vary"),
    "plain_status": plain.status_code,
    "plain_cache_control": plain.headers.get("Cache-Control"),
}))
"""

PROBE_SETTINGS = """
import os
from website.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["PROBE_STATIC_ROOT"]
# Our own static folder only: fast, and enough for the file under test.
STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
"""


def test_whitenoise_serves_hashed_static_files_compressed_with_long_cache(tmp_path):
    (tmp_path / "probe_settings.py").write_text(PROBE_SETTINGS)
    env = clean_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="probe_settings",
        PYTHONPATH=str(tmp_path),
        PROBE_STATIC_ROOT=str(tmp_path / "static"),
        ALLOWED_HOSTS="testserver",
    )

    result = run(["-c", WHITENOISE_PROBE], env)

    assert result.returncode == 0, result.stderr
    served = json.loads(result.stdout)
    assert served["url"].startswith("/static/website/css/site.")
    assert served["url"] != "/static/website/css/site.css"
    assert served == {
        "url": served["url"],
        "status": 200,
        "cache_control": "max-age=315360000, public, immutable",
        "content_encoding": "gzip",
        "content_type": 'text/css; charset="utf-8"',
        "vary": "Accept-Encoding",
        "plain_status": 200,
        "plain_cache_control": "max-age=86400, public",
    }
    assert (tmp_path / "static" / "website" / "css" / "site.css.gz").exists()
    assert (tmp_path / "static" / "staticfiles.json").exists()
