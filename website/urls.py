from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from website import health, security, views

handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"

urlpatterns = [
    path("", views.root_redirect, name="root_redirect"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # For monitoring and load balancers (website/health.py).
    path("health/", health.health, name="health"),
    path("health/app/", health.app_health, name="health_app"),
    path("admin/", include(wagtailadmin_urls)),
    # Passkey endpoints of two-factor sign-in (accounts/passkeys.py).
    path("two-factor/passkeys/", include("accounts.webauthn_urls")),
    path("documents/", include(wagtaildocs_urls)),
    # Content-Security-Policy violation reports, counted per area and directive.
    path("csp-report/<str:area>/", security.csp_report, name="csp_report"),
]

# App URLs that are not Wagtail pages. Each app adds its own include here.
localized_app_urls = [
    # Translators: URL segment of the page that explains the quick-exit button.
    path(_("quick-exit/"), views.quick_exit_info, name="quick_exit_info"),
    path("", include("sitesearch.urls")),
    path("", include("accounts.urls")),
    path("", include("competitions.urls")),
    path("", include("jury.urls")),
    path("", include("exhibition.urls")),
    path("", include("newsletter.urls")),
]

# Bounce and complaint webhooks of the e-mail provider (anymail is installed when an ANYMAIL_*
# setting is given: website/settings/production.py); mail/signals.py and newsletter/signals.py
# receive them.
if "anymail" in settings.INSTALLED_APPS:
    urlpatterns.append(path("anymail/", include("anymail.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    *localized_app_urls,
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
