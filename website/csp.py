"""The Content-Security-Policy of each area of the site, as django-csp 4 directives.

No Django import: the settings build their policies from these functions. Why each source is
there: docs/security.md ("Content-Security-Policy") and docs/decisions.md.

Three areas, three policies (website/security.py picks one per response):

* public   every reader's page: nothing but our own scripts, styles, fonts and images (and the
           media host's images and fonts), the two video players after a click, no inline code;
* jury     the jury room: the public policy (whose `connect-src 'self'` the scores' autosave uses);
* admin    Wagtail's admin: no inline script either (website/wagtail_hooks.py); Draftail's
           <style> elements, upload previews and the preview frame, each named below.
"""

from urllib.parse import urlsplit

SELF = "'self'"
NONE = "'none'"
UNSAFE_INLINE = "'unsafe-inline'"

AREAS = ("public", "jury", "admin")
# Violation reports go to /csp-report/<area>/ (website/security.py counts them).
REPORT_PATH = "/csp-report/"

# The click-to-load video players (stories/blocks.py, stories/js/video.js).
VIDEO_PLAYERS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")


def public_directives(media_origins=()):
    """The strict policy of every public page."""
    return {
        "default-src": [NONE],
        # Scripts and styles: our static files only. Not the media host: it holds what editors
        # upload, and nothing uploaded may ever run as code.
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *media_origins],
        "font-src": [SELF, *media_origins],
        "frame-src": list(VIDEO_PLAYERS),
        # Our own origin only: Lighthouse (bin/lighthouse) reads /robots.txt from within the
        # page, and a `'none'` here made it report robots.txt as missing (SEO 0.92).
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        "report-uri": [f"{REPORT_PATH}public/"],
    }


def jury_directives(media_origins=()):
    """The jury room: the public policy; its autosave posts scores with fetch()."""
    directives = public_directives(media_origins)
    directives.update(
        {
            # No video players: the jury sees entries, never embedded videos.
            "frame-src": [NONE],
            "report-uri": [f"{REPORT_PATH}jury/"],
        }
    )
    return directives


def admin_directives(media_origins=()):
    """Wagtail's admin, as strict as its scripts allow: measured by loading 80 admin pages in
    Chromium with this policy enforced (docs/security.md). Wagtail's own inline scripts are
    gone (website/wagtail_hooks.py); what is left is named below."""
    return {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        # Draftail (the rich-text editor) adds <style> elements for its blocks and list depths.
        # Style attributes stay refused (style-src).
        "style-src-elem": [SELF, UNSAFE_INLINE],
        # Previews of an image chosen for upload, before it is sent (blob: and data: URLs).
        "img-src": [SELF, "data:", "blob:", *media_origins],
        "font-src": [SELF, *media_origins],
        # The admin's own fetch() calls: choosers, the page explorer, passkeys.
        "connect-src": [SELF],
        # The preview beside the editor is a same-origin frame; the video players can appear
        # inside a previewed page.
        "frame-src": [SELF, *VIDEO_PLAYERS],
        "form-action": [SELF],
        # The preview frame shows admin URLs inside the admin.
        "frame-ancestors": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "report-uri": [f"{REPORT_PATH}admin/"],
    }


def media_origins(storages, media_url=""):
    """The origin of the public media when they are served from another host (the S3
    bucket's custom domain or endpoint, or an absolute MEDIA_URL); () when same-origin."""
    options = storages.get("default", {}).get("OPTIONS", {})
    custom_domain = options.get("custom_domain")
    endpoint = options.get("endpoint_url")
    bucket = options.get("bucket_name")
    if custom_domain:
        return (f"https://{custom_domain.split('/')[0]}",)
    if endpoint:
        parts = urlsplit(endpoint)
        if options.get("addressing_style") == "virtual" and bucket:
            return (f"{parts.scheme}://{bucket}.{parts.netloc}",)
        return (f"{parts.scheme}://{parts.netloc}",)
    if bucket:
        region = options.get("region_name")
        regional = (f"https://{bucket}.s3.{region}.amazonaws.com",) if region else ()
        return (f"https://{bucket}.s3.amazonaws.com", *regional)
    if media_url.startswith(("https://", "http://")):
        parts = urlsplit(media_url)
        return (f"{parts.scheme}://{parts.netloc}",)
    return ()
