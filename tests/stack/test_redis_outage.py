"""Redis down: public pages are still served and rate limits let requests through (the direction
written in website/ratelimit.py). The cache options production uses (website/settings/base.py
with REDIS_URL), pointed at an address where nothing listens."""

import logging

import pytest
from django.core.cache import cache, caches

from deploy import servers
from newsletter.models import Subscriber
from tests.website.test_production import clean_env, run

pytestmark = pytest.mark.django_db

LIMIT = 2
# What website/settings/base.py configures when REDIS_URL is set (checked below).
REDIS_OPTIONS = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{servers.free_port()}/0",
            "OPTIONS": REDIS_OPTIONS,
        }
    }
    settings.NEWSLETTER_SUBSCRIBE_RATE = (LIMIT, 600)
    yield
    caches["default"].close()


def test_production_cache_fails_soft(tmp_path):
    env = clean_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="website.settings.production",
        REDIS_URL="redis://127.0.0.1:6379/9",
    )

    result = run(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(sorted(settings.CACHES['default']['OPTIONS'].items()))",
        ],
        env,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(sorted(REDIS_OPTIONS.items()))


def test_public_pages_are_served_while_redis_is_down(client, home, site_settings, redis_down):
    cache.set("probe", 1)
    assert cache.get("probe") is None  # nothing is kept: Redis really is out of reach
    help_line = site_settings.help_lines[0].value["number"]

    albanian = client.get("/sq/")
    english = client.get("/en/")

    assert (albanian.status_code, english.status_code) == (200, 200)
    assert '<html lang="sq"' in albanian.content.decode()
    assert help_line in albanian.content.decode()
    assert help_line in english.content.decode()


class Recorded(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def test_rate_limits_let_requests_through_while_redis_is_down(client, home, redis_down):
    def subscribe(number):
        return client.post(
            "/en/subscribe/",
            {
                "email": f"outage{number}@example.org",
                "language": "en",
                "consent": "on",
                "source": "page",
                "website": "",
            },
        ).status_code

    recorded = Recorded()
    logging.getLogger("website.ratelimit").addHandler(recorded)
    try:
        statuses = [subscribe(number) for number in range(LIMIT + 2)]
    finally:
        logging.getLogger("website.ratelimit").removeHandler(recorded)

    assert statuses == [303] * (LIMIT + 2)
    assert Subscriber.objects.count() == LIMIT + 2
    assert recorded.messages == [
        "Rate limit newsletter:subscribe not counted: the shared cache cannot be reached."
    ] * (LIMIT + 2)


def test_rate_limits_still_count_with_the_cache_up(client, home, settings):
    settings.NEWSLETTER_SUBSCRIBE_RATE = (LIMIT, 600)
    statuses = [
        client.post(
            "/en/subscribe/",
            {"email": f"up{n}@example.org", "language": "en", "consent": "on", "source": "page"},
        ).status_code
        for n in range(LIMIT + 1)
    ]

    assert statuses == [303, 303, 429]
