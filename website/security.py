"""Security headers of every response and the count of Content-Security-Policy violations.

* `ContentSecurityPolicyMiddleware` django-csp's middleware, with the policy of the area the
  response belongs to (public, jury room, admin: website/csp.py, settings
  CONTENT_SECURITY_POLICY and CONTENT_SECURITY_POLICY_AREAS);
* `SecurityHeadersMiddleware` Permissions-Policy and Cross-Origin-Resource-Policy;
* `csp_report` the endpoint browsers post violation reports to. It only counts them, per area
  and directive, in the shared cache: no address, no URL, no sample of the page is kept.
"""

import json
import logging

from csp.middleware import CSPMiddleware
from csp.utils import DEFAULT_DIRECTIVES, default_config
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from website import ratelimit
from website.csp import AREAS

logger = logging.getLogger(__name__)

ADMIN_PREFIX = "/admin/"
JURY_NAMESPACE = "jury"


def area_of(request):
    """Whose policy a response gets: "admin", "jury" or "public"."""
    # A preview in the admin is rendered from a dummy request for the page's public path
    # (Wagtail's make_preview_request); it is framed by the admin and needs its policy.
    if request.path_info.startswith(ADMIN_PREFIX) or getattr(request, "is_preview", False):
        return "admin"
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "public"
    if JURY_NAMESPACE in match.namespaces:
        return "jury"
    # The jurors' two-factor pages (accounts/urls.py) use passkeys, which need fetch().
    if "accounts" in match.namespaces and match.kwargs.get("area") == "site":
        return "jury"
    return "public"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp 4's middleware; the admin and the jury room get their own policies."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        area = area_of(request)
        if area != "public":
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_AREAS[area])
        return parts


# Every feature the browsers know, denied; the exceptions are what our pages use.
PERMISSIONS_DENIED = (
    "accelerometer",
    "browsing-topics",
    "camera",
    "compute-pressure",
    "display-capture",
    "gamepad",
    "geolocation",
    "gyroscope",
    "hid",
    "identity-credentials-get",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "screen-wake-lock",
    "serial",
    "storage-access",
    "usb",
    "window-management",
    "xr-spatial-tracking",
)
VIDEO_PLAYERS = '"https://www.youtube-nocookie.com" "https://player.vimeo.com"'
PERMISSIONS_ALLOWED = {
    # The click-to-load players (stories/js/video.js) start on the reader's click and may go
    # full screen; nothing else may.
    "autoplay": f"(self {VIDEO_PLAYERS})",
    "encrypted-media": f"(self {VIDEO_PLAYERS})",
    "fullscreen": f"(self {VIDEO_PLAYERS})",
    "picture-in-picture": f"(self {VIDEO_PLAYERS})",
    # Passkeys (two-factor sign-in) and the admin's "copy" buttons, on our own pages only.
    "publickey-credentials-create": "(self)",
    "publickey-credentials-get": "(self)",
    "clipboard-write": "(self)",
}
PERMISSIONS_POLICY = ", ".join(
    [f"{feature}=()" for feature in PERMISSIONS_DENIED]
    + [f"{feature}={allow}" for feature, allow in PERMISSIONS_ALLOWED.items()]
)


class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not set, on every response (static files
    included: it sits above WhiteNoise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


# --- Violation reports -------------------------------------------------------------------------

KNOWN_DIRECTIVES = frozenset(name for name in DEFAULT_DIRECTIVES if not name.startswith("report"))
REPORT_MAX_BYTES = 64 * 1024
# Per client address and minute: a page that breaks sends a handful; more is someone pumping.
REPORTS_PER_MINUTE = 60
COUNT_KEY = "csp-violations:{area}:{directive}"


def _directives_in(payload):
    """The directive each report in a report-uri (`application/csp-report`) or Reporting API
    (`application/reports+json`) payload names; nothing else of the report is read."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        bodies = [payload["csp-report"]]
    elif isinstance(payload, list):
        bodies = [
            item.get("body")
            for item in payload
            if isinstance(item, dict) and item.get("type") == "csp-violation"
        ]
    else:
        bodies = []
    for body in bodies:
        if not isinstance(body, dict):
            continue
        name = (
            body.get("effective-directive")
            or body.get("effectiveDirective")
            or body.get("violated-directive")
            or ""
        )
        # CSP level 2 browsers send the directive with its sources ("script-src 'self'").
        directive = str(name).split(" ", 1)[0].lower()
        if directive in KNOWN_DIRECTIVES:
            yield directive


def count_violation(area, directive):
    key = COUNT_KEY.format(area=area, directive=directive)
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=None)


def violation_counts():
    """{(area, directive): count} for every area and directive reported at least once."""
    keys = {
        COUNT_KEY.format(area=area, directive=directive): (area, directive)
        for area in AREAS
        for directive in sorted(KNOWN_DIRECTIVES)
    }
    return {keys[key]: count for key, count in cache.get_many(list(keys)).items() if count}


@csrf_exempt
@require_POST
@never_cache
def csp_report(request, area):
    """Counts the violations in one report; answers 204 (counted), 400 (no report in it, or
    an area we do not have), 413 (too large) or 429 (too many from one address)."""
    if area not in AREAS:
        return HttpResponse(status=400)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > REPORT_MAX_BYTES:
        return HttpResponse(status=413)
    if not ratelimit.hit(
        "csp-report", ratelimit.client_address(request), limit=REPORTS_PER_MINUTE, window=60
    ):
        return HttpResponse(status=429)
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return HttpResponse(status=400)
    directives = list(_directives_in(payload))
    if not directives:
        return HttpResponse(status=400)
    for directive in directives:
        count_violation(area, directive)
        logger.info("CSP violation in the %s area: %s", area, directive)
    return HttpResponse(status=204)
