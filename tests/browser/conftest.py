"""Fixtures for browser tests: Debian's Chromium driven by Playwright against pytest-django's
live server.

Use them in any app's browser tests (put the tests under tests/browser/ and mark them
`@pytest.mark.browser`):

* `browser`     one headless Chromium for the whole session (skips with a printed reason
                when /usr/bin/chromium is missing);
* `page`        a fresh page in a fresh context (own cookies and history) for each test;
* `live_site`   the live server's base URL ("http://localhost:PORT"), with the demo home page,
                "Programme at a glance", partners and help lines, and the quick exit pointing to
                the live server itself (the machine has no internet);
* `axe_violations(page)`  runs axe-core in the page and returns the serious and critical
                violations as a list of {"id", "impact", "help", "targets"} (empty = pass).
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Collection, Locale, Page, Site

from website import demo, security
from website.models import SiteSettings

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told that this is safe (it is: the loop is Playwright's).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
TIMEOUT_MS = 10_000


@pytest.fixture(autouse=True)
def _no_content_security_policy_violation():
    """Every browser test ends without a Content-Security-Policy violation reported by the
    pages it opened (website/security.py counts them): a script, style or image the policy
    refuses fails the test that meets it."""
    yield
    assert security.violation_counts() == {}


def _skip(reason):
    print(f"\nSKIPPED browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not (CHROMIUM.exists() or shutil.which(str(CHROMIUM))):
        _skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - optional: skipped without it
    except ImportError:  # pragma: no cover - Playwright is in requirements.txt
        _skip("Playwright for Python is not installed (pip install -r requirements.txt)")
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()
    playwright.stop()


# A phone as the public pages' tests see it: 360×740, touch, Albanian.
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "sq-AL",
}


def phone_page(browser, **options):
    """(context, page) of a new phone context; `options` add to or override PHONE."""
    context = browser.new_context(**{**PHONE, **options})
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context, context.new_page()


DESK = {"viewport": {"width": 1280, "height": 800}}


def desk_page(browser, locale):
    """(context, page) of a new 1280×800 context in `locale`: the admin and the jury room."""
    context = browser.new_context(locale=locale, **DESK)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context, context.new_page()


@pytest.fixture
def phone(browser):
    context, page = phone_page(browser)
    yield page
    context.close()


@pytest.fixture
def browser_context(browser):
    context = browser.new_context(locale="sq-AL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A new page; it starts at about:blank, so history before the site is a neutral page."""
    return browser_context.new_page()


@pytest.fixture
def live_site(live_server, transactional_db):
    """Base URL of the live server, serving the demo home page and the site core.

    The live server needs real commits (transactional_db), and every table is flushed after
    each such test, including what the migrations made: the page tree root, the root
    collection and the default locale come back here. (Groups and the workflow do not: tests
    that need them belong in tests/<app>/ with the test client.)
    """
    # A test-client request to /en/ earlier in the run leaves English active, and the tree's
    # root and home below would get English titles only (title_sq blank: invalid).
    translation.activate("sq")
    restore_tree_root()
    home = demo.get_or_create_home()
    demo.load_programme_page(home)
    demo.load_partners()
    demo.load_site_settings()
    site_settings = SiteSettings.load()
    site_settings.quick_exit_url = quick_exit_target(live_server.url)
    site_settings.save()

    host, port = live_server.url.removeprefix("http://").split(":")
    site = Site.objects.get(is_default_site=True)
    site.hostname = host
    site.port = int(port)
    site.save()
    return live_server.url


def restore_tree_root():
    """What Wagtail's migrations create and a flush removes."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


def quick_exit_target(base_url):
    """Where the quick exit goes in tests: a neutral URL on the live server itself."""
    return f"{base_url}/sitemap.xml"


def _axe_violations(page, impacts=BLOCKING_IMPACTS):
    if not AXE_JS.exists():
        _skip(f"axe-core not found at {AXE_JS} (run `make node`)")
    # Evaluated through the DevTools protocol, not as a <script> in the page: the site's
    # Content-Security-Policy refuses inline scripts (and reports them).
    page.evaluate(AXE_JS.read_text())
    results = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                targets: v.nodes.map((n) => n.target.join(" ")),
            }));
        }"""
    )
    return [violation for violation in results if violation["impact"] in impacts]


@pytest.fixture
def axe_violations():
    """`axe_violations(page)` → the serious and critical axe-core violations on the page."""
    return _axe_violations
