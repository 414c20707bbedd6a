"""The reader's real address behind the front (website/client_address.py): what rate limits and
the login lockout count, and production's refusal to count alone on several app servers."""

import pytest
from axes.models import AccessAttempt
from django.test import override_settings

from tests.website.test_production import clean_env, run
from website.client_address import client_address, resolve
from website.models import User

PROXIES = ("127.0.0.1", "::1", "10.0.0.0/8")


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "expected"),
    [
        # A reader straight to the app server: no header, its own address.
        ("203.0.113.5", "", "203.0.113.5"),
        # A forged header from an untrusted peer is ignored.
        ("203.0.113.5", "198.51.100.7", "203.0.113.5"),
        ("203.0.113.5", "127.0.0.1, 10.0.0.2", "203.0.113.5"),
        # One trusted proxy (Varnish on this machine) appended the reader.
        ("127.0.0.1", "203.0.113.5", "203.0.113.5"),
        # nginx (10.0.0.2) then Varnish: the chain of trusted hops is followed to the reader.
        ("127.0.0.1", "203.0.113.5, 10.0.0.2", "203.0.113.5"),
        # What the reader wrote before our proxies is not believed.
        ("127.0.0.1", "198.51.100.99, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        # A malformed entry stops the walk at the last hop we trust.
        ("127.0.0.1", "203.0.113.5, not-an-address", "127.0.0.1"),
        # Addresses with a port, IPv6, IPv4 mapped into IPv6.
        ("127.0.0.1", "203.0.113.5:51234", "203.0.113.5"),
        ("::1", "[2001:db8::7]:443", "2001:db8::7"),
        ("::ffff:127.0.0.1", "203.0.113.5", "203.0.113.5"),
        # Only our proxies (a reader on this machine): the leftmost of them.
        ("127.0.0.1", "127.0.0.1", "127.0.0.1"),
        ("", "203.0.113.5", "unknown"),
    ],
)
def test_resolve_follows_trusted_hops_only(remote_addr, forwarded_for, expected):
    assert resolve(remote_addr, forwarded_for, proxies=PROXIES) == expected


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "expected"),
    [
        # Two proxies (a CDN, then Varnish): the CDN's entry is the reader.
        ("10.9.9.9", "203.0.113.5, 172.16.0.3", "203.0.113.5"),
        ("10.9.9.9", "198.51.100.99, 203.0.113.5, 172.16.0.3", "203.0.113.5"),
        # A request that skipped a proxy: the leftmost entry a proxy of ours wrote.
        ("10.9.9.9", "203.0.113.5", "203.0.113.5"),
        ("10.9.9.9", "", "10.9.9.9"),
    ],
)
def test_resolve_with_a_hop_count(remote_addr, forwarded_for, expected):
    assert resolve(remote_addr, forwarded_for, hops=2) == expected


def test_client_address_reads_the_request_with_the_settings(rf, settings):
    settings.TRUSTED_PROXIES = ["192.0.2.1"]
    trusted = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    untrusted = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")

    assert client_address(trusted) == "203.0.113.5"
    assert client_address(untrusted) == "127.0.0.1"


# --- Rate limits count readers, not the proxy -------------------------------------------------

SUBSCRIBE = {"language": "en", "consent": "on", "source": "footer", "website": ""}


def subscribe(client, number, forwarded_for, remote_addr="127.0.0.1"):
    return client.post(
        "/en/subscribe/",
        {**SUBSCRIBE, "email": f"reader{number}@example.org"},
        REMOTE_ADDR=remote_addr,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
@override_settings(NEWSLETTER_SUBSCRIBE_RATE=(2, 600))
def test_two_readers_behind_the_proxy_are_limited_separately(client, home):
    first = [subscribe(client, n, "203.0.113.5").status_code for n in range(3)]
    second = [subscribe(client, 10 + n, "198.51.100.7").status_code for n in range(2)]

    assert first == [303, 303, 429]
    assert second == [303, 303]


@pytest.mark.django_db
@override_settings(NEWSLETTER_SUBSCRIBE_RATE=(2, 600))
def test_a_forged_header_from_an_untrusted_peer_does_not_escape_the_limit(client, home):
    statuses = [
        subscribe(client, n, f"198.51.100.{n}", remote_addr="203.0.113.5").status_code
        for n in range(3)
    ]

    assert statuses == [303, 303, 429]


# --- The login lockout counts the reader's address --------------------------------------------


@pytest.fixture
def officer(db):
    return User.objects.create_user(
        username="officer", password="the-officer-password-42", is_staff=True, is_superuser=True
    )


def login(client, password, forwarded_for):
    return client.post(
        "/admin/login/",
        {"username": "officer", "password": password, "next": "/admin/"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_five_wrong_passwords_from_another_reader_do_not_lock_out_the_officer(client, officer):
    attacker = [login(client, "guess", "203.0.113.66").status_code for _ in range(5)]

    response = login(client, "the-officer-password-42", "198.51.100.7")

    assert attacker == [200, 200, 200, 200, 429]
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [
        ("203.0.113.66", 5)
    ]


def test_the_reader_who_failed_five_times_is_locked_out(client, officer):
    for _ in range(5):
        login(client, "guess", "203.0.113.66")

    response = login(client, "the-officer-password-42", "203.0.113.66")

    assert response.status_code == 429


# --- Production and a shared cache -------------------------------------------------------------


@pytest.mark.no_database
def test_production_refuses_several_app_servers_without_redis(tmp_path):
    env = clean_env(tmp_path, DJANGO_SETTINGS_MODULE="website.settings.production", APP_SERVERS="2")

    result = run(["-c", "import django; django.setup()"], env)

    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: APP_SERVERS=2 needs REDIS_URL: without a "
        "shared cache each app server counts rate limits and login failures alone."
    )


@pytest.mark.no_database
def test_production_starts_several_app_servers_with_redis(tmp_path):
    env = clean_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="website.settings.production",
        APP_SERVERS="2",
        REDIS_URL="redis://127.0.0.1:6379/9",
    )

    result = run(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CACHES['default']['BACKEND'], settings.AXES_CLIENT_IP_CALLABLE)",
        ],
        env,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django_redis.cache.RedisCache",
        "website.client_address.axes_client_address",
    ]
