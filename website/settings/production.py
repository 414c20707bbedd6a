"""Production: every secret and host comes from the environment.

Start-up stops with a message naming the variable when a required one is missing.
"""

from django.core.exceptions import ImproperlyConfigured

from website import csp as csp_policies
from website.object_storage import HalfConfigured, s3_storages

from .base import *  # noqa: F403
from .base import env

REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
_missing = [name for name in REQUIRED if not env(name, default="")]
if _missing:
    raise ImproperlyConfigured(
        "Missing required environment variable(s) for production: " + ", ".join(_missing)
    )

DEBUG = False

# Rate limits and login lockouts count in Django's cache (website/ratelimit.py, django-axes):
# app servers share their counts only through Redis. APP_SERVERS: how many app servers serve
# this site. One server without REDIS_URL counts in each worker process alone (gunicorn says so
# when it starts, deploy/gunicorn.conf.py).
APP_SERVERS = env.int("APP_SERVERS", default=1)
if APP_SERVERS > 1 and not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured(
        f"APP_SERVERS={APP_SERVERS} needs REDIS_URL: without a shared cache each app server "
        "counts rate limits and login failures alone."
    )
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# HTTPS everywhere. Behind a proxy that terminates TLS, set SECURE_PROXY_SSL_HEADER=on.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload flag only allows submission to the browsers' list; submitting is a separate step.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Cookies only over HTTPS; `make stack` (plain HTTP on 127.0.0.1) sets SECURE_COOKIES=off.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = env.bool(
    "SECURE_COOKIES", default=True
)

# Static files: hashed names, served by WhiteNoise (and kept by the front). Media and entry
# files: S3-compatible buckets when S3_MEDIA_BUCKET and S3_PRIVATE_BUCKET are set
# (website/object_storage.py), otherwise the folders of base.py.
try:
    _s3 = s3_storages(env.ENVIRON)
except HalfConfigured as error:
    raise ImproperlyConfigured(str(error)) from error
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    **_s3,
}
# Content-Security-Policy: images and fonts may come from the media host too (website/csp.py).
_media_origins = csp_policies.media_origins(STORAGES, MEDIA_URL)  # noqa: F405
CONTENT_SECURITY_POLICY = {"DIRECTIVES": csp_policies.public_directives(_media_origins)}
CONTENT_SECURITY_POLICY_AREAS = {
    "jury": csp_policies.jury_directives(_media_origins),
    "admin": csp_policies.admin_directives(_media_origins),
}

# The shared cache in front (docs/deploy.md): purged on change through Wagtail's frontend-cache
# backends (website/purge.py). CACHE_FRONT_PURGE_URL is our Varnish (http://127.0.0.1:8080), or
# several, comma-separated (one per machine behind a CDN: each is purged); a CDN in front of
# them (or instead of them) is purged too when its variables are set.
WAGTAILFRONTENDCACHE = {}
for _number, _location in enumerate(env.list("CACHE_FRONT_PURGE_URL", default=[])):
    WAGTAILFRONTENDCACHE["varnish" if _number == 0 else f"varnish-{_number + 1}"] = {
        "BACKEND": "website.purge.VarnishBackend",
        "LOCATION": _location,
    }
if env("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "website.purge.CloudflareBackend",
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }

# E-mail: SMTP from EMAIL_URL (smtp+tls://user:pass@host:587), or an anymail provider
# when ANYMAIL_BACKEND is set (e.g. anymail.backends.postmark.EmailBackend) with its
# settings in ANYMAIL_* variables. Any ANYMAIL_* setting also wires the provider's bounce
# webhooks at /anymail/ (website/urls.py), e.g. ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY with
# Mailgun's SMTP relay.
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in env.ENVIRON.items()
    if key.startswith("ANYMAIL_") and key != "ANYMAIL_BACKEND"
}
if env("ANYMAIL_BACKEND", default="") or ANYMAIL:
    INSTALLED_APPS = [*INSTALLED_APPS, "anymail"]  # noqa: F405
if env("ANYMAIL_BACKEND", default=""):
    EMAIL_BACKEND = env("ANYMAIL_BACKEND")
else:
    vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25"))
# Where bounces to the sender come back, for `manage.py process_bounces` (mail/bounces.py).
MAIL_BOUNCE_MAILBOX = env("MAIL_BOUNCE_MAILBOX", default="")
# The worker sends with that backend; everything else writes to the outbox (mail/).
MAIL_DELIVERY_BACKEND = EMAIL_BACKEND
EMAIL_BACKEND = "mail.backends.OutboxBackend"
