"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-not-secret-5f1c0a7e9b2d4c8e")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# The demo accounts of `load_demo` skip two-factor sign-in on a developer's machine (only with
# DEBUG on; `check` refuses it otherwise, so DEBUG=false starts with nobody exempt).
# TWO_FACTOR_EXEMPT_USERNAMES= (empty) to try it with DEBUG on.
DEMO_ACCOUNTS = [
    *("admin", "editor", "publisher", "moderator", "safeguarding", "juror"),
    *(f"juror{number}" for number in range(1, 6)),
]
TWO_FACTOR_EXEMPT_USERNAMES = env.list(
    "TWO_FACTOR_EXEMPT_USERNAMES", default=DEMO_ACCOUNTS if DEBUG else []
)
# E-mails go through the outbox (EMAIL_BACKEND in base.py); the worker hands them to this one.
MAIL_DELIVERY_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
# With EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend, e-mails are written here.
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=None)
