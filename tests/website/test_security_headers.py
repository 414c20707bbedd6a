"""The security headers of the three pages the MDN HTTP Observatory grades (docs/security.md),
under production's security settings behind a TLS proxy, and the counting of CSP reports."""

import json
import textwrap

import pytest
from django.core.cache import cache

from tests.website.test_production import clean_env, run
from website import csp, security

pytestmark = pytest.mark.django_db

# What website/settings/production.py sets (checked against it in a subprocess below).
PRODUCTION = {
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "LANGUAGE_COOKIE_SECURE": True,
}
BEHIND_TLS = {"HTTP_X_FORWARDED_PROTO": "https"}

PUBLIC_CSP = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
    "report-uri": ["/csp-report/public/"],
}
JURY_CSP = {
    **PUBLIC_CSP,
    "frame-src": ["'none'"],
    "report-uri": ["/csp-report/jury/"],
}
ADMIN_CSP = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "style-src-elem": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
    "report-uri": ["/csp-report/admin/"],
}
VIDEO = '"https://www.youtube-nocookie.com" "https://player.vimeo.com"'
PERMISSIONS_POLICY = (
    "accelerometer=(), browsing-topics=(), camera=(), compute-pressure=(), "
    "display-capture=(), gamepad=(), geolocation=(), gyroscope=(), hid=(), "
    "identity-credentials-get=(), idle-detection=(), local-fonts=(), magnetometer=(), "
    "microphone=(), midi=(), otp-credentials=(), payment=(), screen-wake-lock=(), serial=(), "
    "storage-access=(), usb=(), window-management=(), xr-spatial-tracking=(), "
    f"autoplay=(self {VIDEO}), encrypted-media=(self {VIDEO}), fullscreen=(self {VIDEO}), "
    f"picture-in-picture=(self {VIDEO}), publickey-credentials-create=(self), "
    "publickey-credentials-get=(self), clipboard-write=(self)"
)
COMMON_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}


def parse_csp(header):
    """{directive: [sources]} of a policy (django-csp writes the directives in any order)."""
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in policy, f"{name} twice"
        policy[name] = sources
    return policy


def security_headers(response):
    return {name: response.headers.get(name) for name in COMMON_HEADERS}


@pytest.fixture
def production(settings):
    for name, value in PRODUCTION.items():
        setattr(settings, name, value)


def test_home_page_headers_behind_tls(client, home, production):
    response = client.get("/sq/", **BEHIND_TLS)

    assert response.status_code == 200
    assert security_headers(response) == COMMON_HEADERS
    assert parse_csp(response["Content-Security-Policy"]) == PUBLIC_CSP
    assert "Content-Security-Policy-Report-Only" not in response.headers
    lang = response.cookies["lang"]
    assert (lang.value, lang["secure"], lang["httponly"], lang["samesite"], lang["path"]) == (
        "sq",
        True,
        True,
        "Lax",
        "/",
    )


def test_jury_room_headers_behind_tls(client, home, production):
    redirect = client.get("/sq/juri/", **BEHIND_TLS)
    sign_in = client.get(redirect["Location"], **BEHIND_TLS)

    assert redirect.status_code == 302
    assert redirect["Location"] == "/sq/juri/hyrje/?next=/sq/juri/"
    assert sign_in.status_code == 200
    for response in (redirect, sign_in):
        assert security_headers(response) == COMMON_HEADERS
        assert parse_csp(response["Content-Security-Policy"]) == JURY_CSP
    csrf = sign_in.cookies["csrftoken"]
    assert (csrf["secure"], csrf["samesite"]) == (True, "Lax")


def test_admin_sign_in_headers_behind_tls(client, home, production):
    response = client.get("/admin/login/", **BEHIND_TLS)

    assert response.status_code == 200
    assert security_headers(response) == COMMON_HEADERS
    assert parse_csp(response["Content-Security-Policy"]) == ADMIN_CSP
    csrf = response.cookies["csrftoken"]
    assert (csrf["secure"], csrf["samesite"]) == (True, "Lax")


def test_plain_http_redirects_to_https_with_the_headers(client, home, production):
    response = client.get("/sq/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/sq/"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_static_files_carry_the_headers(client, production, settings):
    settings.WHITENOISE_USE_FINDERS = True
    response = client.get("/static/website/js/site.js", **BEHIND_TLS)

    assert response.status_code == 200
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.no_database
def test_production_settings_carry_the_policies(tmp_path):
    script = textwrap.dedent(
        """
        import json
        import django
        from django.conf import settings
        django.setup()
        print(json.dumps({
            "public": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "areas": settings.CONTENT_SECURITY_POLICY_AREAS,
            "secure": {name: getattr(settings, name) for name in NAMES},
        }))
        """
    ).replace("NAMES", repr(sorted(PRODUCTION)))
    env = clean_env(
        tmp_path, DJANGO_SETTINGS_MODULE="website.settings.production", SECURE_PROXY_SSL_HEADER="on"
    )

    result = run(["-c", script], env)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "public": PUBLIC_CSP,
        "areas": {"jury": JURY_CSP, "admin": ADMIN_CSP},
        "secure": {
            **PRODUCTION,
            "SECURE_PROXY_SSL_HEADER": list(PRODUCTION["SECURE_PROXY_SSL_HEADER"]),
        },
    }


@pytest.mark.no_database
def test_production_policies_name_the_media_host(tmp_path):
    script = textwrap.dedent(
        """
        import json
        import django
        from django.conf import settings
        django.setup()
        print(json.dumps([
            settings.CONTENT_SECURITY_POLICY["DIRECTIVES"][name] for name in ("img-src", "font-src")
        ] + [settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]]))
        """
    )
    env = clean_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="website.settings.production",
        S3_MEDIA_BUCKET="media",
        S3_PRIVATE_BUCKET="private",
        AWS_S3_CUSTOM_DOMAIN="media.example.org/untold",
    )

    result = run(["-c", script], env)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        ["'self'", "https://media.example.org"],
        ["'self'", "https://media.example.org"],
        ["'self'"],
    ]


@pytest.mark.parametrize(
    ("options", "origins"),
    [
        ({}, ()),
        ({"custom_domain": "cdn.example.org"}, ("https://cdn.example.org",)),
        (
            {"endpoint_url": "http://127.0.0.1:8333", "bucket_name": "media"},
            ("http://127.0.0.1:8333",),
        ),
        (
            {
                "endpoint_url": "https://s3.example.org",
                "bucket_name": "media",
                "addressing_style": "virtual",
            },
            ("https://media.s3.example.org",),
        ),
        (
            {"bucket_name": "media", "region_name": "eu-central-1"},
            ("https://media.s3.amazonaws.com", "https://media.s3.eu-central-1.amazonaws.com"),
        ),
    ],
    ids=["local", "custom-domain", "endpoint", "virtual", "aws"],
)
def test_media_origins(options, origins):
    assert csp.media_origins({"default": {"OPTIONS": options}}) == origins


def test_absolute_media_url_is_the_media_origin():
    assert csp.media_origins({}, "https://files.example.org/media/") == (
        "https://files.example.org",
    )


# --- Violation reports ---------------------------------------------------------------------------


def report_uri_body(directive="script-src-elem"):
    return {
        "csp-report": {
            "document-uri": "https://example.org/sq/?q=secret",
            "violated-directive": directive,
            "effective-directive": directive,
            "blocked-uri": "inline",
            "script-sample": "alert(1)",
        }
    }


def post_report(client, body, area="public", content_type="application/csp-report", **extra):
    return client.post(f"/csp-report/{area}/", json.dumps(body), content_type=content_type, **extra)


def test_report_is_counted_per_area_and_directive(client):
    post_report(client, report_uri_body("script-src-elem"))
    post_report(client, report_uri_body("script-src-elem"))
    post_report(client, report_uri_body("style-src-attr"), area="admin")

    assert security.violation_counts() == {
        ("public", "script-src-elem"): 2,
        ("admin", "style-src-attr"): 1,
    }


def test_report_answers_no_content_and_keeps_nothing_but_the_count(client):
    response = post_report(client, report_uri_body(), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 204
    assert response.content == b""
    # Everything in the cache now: the count, and the address limit's counter under a hash.
    keys = [key.split(":", 2)[2] for key in cache._cache]  # locmem's own keys
    assert sorted(key.split(":")[0] for key in keys) == ["csp-violations", "rl"]
    assert {key: cache.get(key) for key in keys if key.startswith("csp-")} == {
        "csp-violations:public:script-src-elem": 1
    }
    assert not any("203.0.113.7" in key for key in keys)


def test_reporting_api_payload_is_counted(client):
    body = [
        {"type": "csp-violation", "body": {"effectiveDirective": "img-src"}},
        {"type": "deprecation", "body": {"id": "x"}},
        {"type": "csp-violation", "body": {"effectiveDirective": "img-src"}},
    ]

    response = post_report(client, body, area="jury", content_type="application/reports+json")

    assert response.status_code == 204
    assert security.violation_counts() == {("jury", "img-src"): 2}


def test_csp_level_2_directive_with_sources_is_counted_by_name(client):
    body = {"csp-report": {"violated-directive": "script-src 'self'"}}

    post_report(client, body)

    assert security.violation_counts() == {("public", "script-src"): 1}


@pytest.mark.parametrize(
    "body",
    [
        {"csp-report": {"effective-directive": "made-up-src"}},
        {"something": "else"},
        [{"type": "csp-violation", "body": "not a dict"}],
        "a string",
    ],
    ids=["unknown-directive", "no-report", "bad-body", "string"],
)
def test_report_without_a_known_directive_is_refused_and_not_counted(client, body):
    response = post_report(client, body)

    assert response.status_code == 400
    assert security.violation_counts() == {}


def test_report_that_is_not_json_is_refused(client):
    response = client.post("/csp-report/public/", "<script>", content_type="application/json")

    assert response.status_code == 400


def test_report_for_an_unknown_area_is_refused(client):
    response = post_report(client, report_uri_body(), area="elsewhere")

    assert response.status_code == 400
    assert security.violation_counts() == {}


def test_report_endpoint_refuses_get(client):
    assert client.get("/csp-report/public/").status_code == 405


def test_oversized_report_is_refused(client):
    body = {"csp-report": {"effective-directive": "img-src", "padding": "x" * 70_000}}

    response = post_report(client, body)

    assert response.status_code == 413
    assert security.violation_counts() == {}


def test_reports_from_one_address_are_throttled(client):
    statuses = [
        post_report(client, report_uri_body(), REMOTE_ADDR="198.51.100.9").status_code
        for _ in range(security.REPORTS_PER_MINUTE + 1)
    ]

    assert statuses == [204] * security.REPORTS_PER_MINUTE + [429]
    assert security.violation_counts() == {("public", "script-src-elem"): 60}
