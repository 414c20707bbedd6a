"""Settings shared by every environment.

Everything that differs between machines comes from environment variables (see README,
"Configuration"). Environment-specific files only override what they must.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from website import csp as csp_policies

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before the apps whose models it translates.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "website",
    "accounts",
    "mail",
    # Order matters for `load_demo`: an app's demo may use the content of the apps above it.
    "stories",
    "bulletins",
    "campaigns",
    "directory",
    "resources",
    "sitesearch",
    "competitions",
    "jury",
    "exhibition",
    "newsletter",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: it sees every cookie and Vary the others add (docs/deploy.md, "The shared cache").
    "website.cache.SharedCacheMiddleware",
    # The database down: the bilingual 503 page (with Retry-After) instead of a 500.
    "website.middleware.DatabaseUnavailableMiddleware",
    # Above SecurityMiddleware and WhiteNoise: its redirects to HTTPS and the static files get
    # these headers too (website/security.py).
    "website.security.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "website.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "website.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Wagtail's site of each host, kept per process (after CommonMiddleware's host check).
    "website.middleware.KeptSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: a signed-in user without a second factor reaches only the
    # enrolment and verification pages (accounts/middleware.py).
    "accounts.middleware.TwoFactorMiddleware",
    "website.middleware.AdminAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "website.middleware.WrongLanguageSlugMiddleware",
    "website.middleware.RememberLanguageMiddleware",
    # AxesMiddleware should be the last middleware.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "website" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "website.context_processors.site_chrome",
            ],
        },
    },
]

# SQLite is the embedded default so that `make run` needs nothing installed;
# PostgreSQL is the production database and CI runs the suite on both.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default holds concurrent writers (web threads and the worker): WAL lets
    # readers go on while one writes; IMMEDIATE takes the write lock when a transaction begins,
    # so a writer waits (up to `timeout` seconds) instead of failing "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_TIMEOUT", default=20),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "website.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
# The lockout page does not say whether the account exists.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "website/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Two-factor sign-in (accounts/): mandatory for everyone who signs in. Passkeys are bound to
# the host name the site answers on; an authenticator app works anywhere.
OTP_TOTP_ISSUER = "Untold Stories"
OTP_WEBAUTHN_RP_NAME = "Untold Stories"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.passkeys.relying_party_id"
# accounts.passkeys.PasskeyHelper accepts the origin of the host the request came to (one of
# ALLOWED_HOSTS); this list only satisfies the package's own start-up check.
OTP_WEBAUTHN_HELPER_CLASS = "accounts.passkeys.PasskeyHelper"
OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://localhost"]
# Exporting entries and opening safeguarding cases ask for a second factor this recent.
TWO_FACTOR_FRESH_MINUTES = env.int("TWO_FACTOR_FRESH_MINUTES", default=15)
# A signed-in session ends a working day after sign-in; anonymous sessions (the entry form)
# keep Django's default age.
SIGNED_IN_SESSION_HOURS = env.int("SIGNED_IN_SESSION_HOURS", default=9)
# Dev only (ignored unless DEBUG, refused by `check` in production): usernames that skip it.
TWO_FACTOR_EXEMPT_USERNAMES = []
# The reader's address behind the front (website/client_address.py): X-Forwarded-For is believed
# only as far as these proxies wrote it. TRUSTED_PROXIES: addresses or networks of our proxies
# (Varnish, nginx on this machine by default); or TRUSTED_PROXY_HOPS: how many proxies stand in
# front of the app servers, when their addresses are not fixed (a CDN).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)
AXES_CLIENT_IP_CALLABLE = "website.client_address.axes_client_address"

# --- Languages -------------------------------------------------------------------------
LANGUAGE_CODE = "sq"
LANGUAGES = [
    ("sq", _("Albanian")),
    ("en", _("English")),
]
LANGUAGE_COOKIE_NAME = "lang"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Our own catalogue first, then the Albanian catalogues of Wagtail's admin (locale_wagtail/, one per
# Wagtail catalogue at Wagtail's own path; see bin/wagtail-sq). LOCALE_PATHS override the packages'
# catalogues, JavaScript included.
# website/formats/locale holds the Albanian month names in lowercase (Django's are capitalised).
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "website" / "formats" / "locale",
    *sorted(BASE_DIR.glob("locale_wagtail/**/locale")),
]
# How Django (the admin) writes dates and numbers per language: website/formats/<lang>/formats.py.
# Readers' pages and e-mails format through website/l10n.py (Babel).
FORMAT_MODULE_PATH = ["website.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Tirane"

# Content translation (django-modeltranslation): Albanian is the default language and
# the fallback for every English field left empty.
MODELTRANSLATION_DEFAULT_LANGUAGE = "sq"
MODELTRANSLATION_LANGUAGES = ("sq", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("sq",), "sq": ("en",)}
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = True
# The editor opens with both languages' fields, each English field under its Albanian one; the
# "SQ" / "EN" buttons at the top of the form hide or show one language (README, comms staff).
WAGTAILMODELTRANSLATION_LOCALE_PICKER_DEFAULT = ("sq", "en")

# Wagtail's own interface languages (the admin); the Albanian admin comes later.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("sq", "Shqip")]
WAGTAIL_I18N_ENABLED = False

# --- Static and media files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Non-hashed static files are cached for a day; hashed ones (production) for a year.
WHITENOISE_MAX_AGE = 60 * 60 * 24

# --- Wagtail ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Untold Stories / Historitë e pathëna"
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "website.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "website.CustomDocument"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "heic", "avif"]
# Every library upload is cleaned like an entry (website/image_library.py): upright, no EXIF,
# XMP, IPTC or GPS, at most 50 megapixels (website.images.MAX_PIXELS).
WAGTAILIMAGES_IMAGE_FORM_BASE = "website.image_library.LibraryImageForm"
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Words arrive stemmed (sitesearch.stemming): PostgreSQL must not stem them again in
    # English nor drop English stop words; accents are ignored (sitesearch migration 0003).
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "untold_simple"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: it would learn a hash of every staff e-mail address, and the
# admin's Content-Security-Policy loads images from our own host only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_FINDERS = []  # no third-party embeds: readers may be at risk

# --- Background tasks (django-tasks) --------------------------------------------------------
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# /health/ fails when the oldest task due to run has waited longer (website/health.py).
HEALTH_QUEUE_MAX_AGE = env.int("HEALTH_QUEUE_MAX_AGE", default=15 * 60)

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Redis down or unreachable: reads miss and writes are dropped, so pages are still
            # served (/health/ reports the outage); rate limits let requests through while it
            # lasts (website/ratelimit.py). A second at most per call when Redis does not answer.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- The shared cache in front (website/cache.py, website/purge.py, docs/deploy.md) ------------
# Seconds the front may keep a Wagtail page (purged when it changes) and anything else public
# (search results, the apps' own views, redirects, 404s: nothing purges them).
CACHE_FRONT_MAX_AGE = env.int("CACHE_FRONT_MAX_AGE", default=600)
CACHE_FRONT_SHORT_MAX_AGE = env.int("CACHE_FRONT_SHORT_MAX_AGE", default=60)

# --- E-mail ---------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Untold Stories <no-reply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# The sender name of e-mails per language (website.emails.sender); the address stays
# DEFAULT_FROM_EMAIL's.
EMAIL_SENDER_NAMES = {"sq": "Historitë e pathëna", "en": "Untold Stories"}
# Every e-mail goes through the outbox (mail/): saved in the caller's transaction, sent by the
# worker with MAIL_DELIVERY_BACKEND, tried again while the server is down.
EMAIL_BACKEND = "mail.backends.OutboxBackend"
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds an SMTP connection may wait for the server (a silent server must not hang a worker).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# --- Security headers that hold everywhere -------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True  # the `lang` cookie is read by the server only

# Content-Security-Policy (django-csp 4): the public pages' policy here, the jury room's and the
# admin's in CONTENT_SECURITY_POLICY_AREAS (website/csp.py says why each source is there;
# production adds the media host). Reports are counted by website/security.py.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": csp_policies.public_directives()}
CONTENT_SECURITY_POLICY_AREAS = {
    "jury": csp_policies.jury_directives(),
    "admin": csp_policies.admin_directives(),
}
# Password reset (Wagtail's admin): throttled per account and per client address.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "website.password_reset.ThrottledPasswordResetForm"  # noqa: S105

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Page-created/published lines drown the demo logins and the URLs in `make run`.
        "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", default="WARNING")},
        "django_tasks": {"level": env("TASKS_LOG_LEVEL", default="WARNING")},
    },
}

# --- Competitions: private files ---------------------------------------------------------------
# Entry files (photos, artworks) never go to MEDIA_ROOT: they live in this folder outside the web
# root, served only through a permission-checked view. Production may swap the backend for an
# S3-compatible bucket (django-storages) by overriding STORAGES["private"].
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")))
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/no-public-url/"},
}

# --- E-bulletin sending (other knobs and their defaults: newsletter/conf.py) ------------------
NEWSLETTER_FROM_EMAIL = env("NEWSLETTER_FROM_EMAIL", default="")
NEWSLETTER_UNSUBSCRIBE_MAILTO = env("NEWSLETTER_UNSUBSCRIBE_MAILTO", default="")
NEWSLETTER_SEND_RATE = env.float("NEWSLETTER_SEND_RATE", default=10.0) or None
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=100)
