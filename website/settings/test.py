"""The test suite: `make test`. DATABASE_URL selects PostgreSQL; SQLite otherwise."""

import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Django's test runner puts locmem in EMAIL_BACKEND; the outbox's worker sends there too.
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The mail provider's webhooks, wired as in production (website/urls.py); the tests sign
# Mailgun's with this key (tests/mail/test_bounces.py).
INSTALLED_APPS = [*INSTALLED_APPS, "anymail"]  # noqa: F405
ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": "test-only-webhook-key"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests never write into the real media folder.
MEDIA_ROOT = tempfile.mkdtemp(prefix="us-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
WHITENOISE_AUTOREFRESH = True
# Competition entry files go to their own temporary private folder.
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="us-test-private-")
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/no-public-url/"},
    },
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A test database is thrown away: its commits need not wait for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
