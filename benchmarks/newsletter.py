"""Timing of the newsletter: one bulletin to 20,000 subscribers in three language groups, locmem
e-mail backend. `make bench` runs `run()` (in `manage.py shell`) on its own database, after
`load_demo`. Prints the time and messages per second, the job's own work per message, and
checks that each language was rendered once.
"""

import datetime
import sys
import time

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import get_connection
from django.test import override_settings
from django.utils import timezone

from bulletins.models import BulletinIndexPage, BulletinPage
from newsletter import sending, services
from newsletter.enums import ConsentSource, Language, SubscriberState
from newsletter.models import Subscriber
from website import demo
from website.models import HomePage


def run(stdout=sys.stdout, *, subscribers=20_000):
    page = _bulletin()
    user = get_user_model().objects.filter(is_superuser=True).first() or _superuser()
    now = timezone.now()
    languages = [Language.SQ, Language.EN, Language.BOTH]
    # Confirmed subscribers already in the database (e.g. the demo's) get the bulletin too.
    expected = subscribers + Subscriber.objects.filter(state=SubscriberState.CONFIRMED).count()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"bench{n}@example.org",
                language=languages[n % 3],
                state=SubscriberState.CONFIRMED,
                consent_text="bench",
                consent_at=now,
                consent_source=ConsentSource.IMPORT,
            )
            for n in range(subscribers)
        ],
        batch_size=2000,
    )
    calls = []

    def renderer(page, mode, **kwargs):
        calls.append(mode)
        return sending.get_renderer()(page, mode, **kwargs)

    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        NEWSLETTER_SEND_RATE=None,
        NEWSLETTER_BATCH_SIZE=500,
        # The job is run below, by hand, to time it alone.
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
    ):
        mail.outbox = []
        queued = time.perf_counter()
        send = services.start_send(page, by=user)
        queueing = time.perf_counter() - queued
        started = time.perf_counter()
        connection = TimedConnection(get_connection())
        result = sending.run_send(send.pk, renderer=renderer, connection=connection)
        elapsed = time.perf_counter() - started
    sent = len(mail.outbox)
    assert result == "finished", result
    assert sent == expected, (sent, expected)
    assert sorted(calls) == ["both", "en", "sq"], calls
    stdout.write(
        f"newsletter: sent {sent} messages in {elapsed:.2f} s — "
        f"{sent / elapsed:,.0f} messages/s, {elapsed / sent * 1000:.3f} ms per message "
        f"(each language rendered once: {', '.join(sorted(calls))}); "
        f"queueing the {sent} deliveries took {queueing:.2f} s\n"
        f"newsletter: the send job's own work (without the e-mail backend's "
        f"{connection.spent:.2f} s): {(elapsed - connection.spent) / sent * 1000:.3f} ms "
        f"per message\n"
    )
    return elapsed


class TimedConnection:
    """Wraps an e-mail backend and adds up the time spent inside it."""

    def __init__(self, connection):
        self.connection = connection
        self.spent = 0.0

    def send_messages(self, messages):
        started = time.perf_counter()
        try:
            return self.connection.send_messages(messages)
        finally:
            self.spent += time.perf_counter() - started

    def open(self):
        return self.connection.open()

    def close(self):
        return self.connection.close()


def _superuser():
    return get_user_model().objects.create_superuser("bench", "bench@example.org", None)


def _bulletin():
    """A published bulletin with 14 items, as the November–December 2020 issue had."""
    home = HomePage.objects.first() or demo.get_or_create_home()
    demo.load_site_settings()
    archive = BulletinIndexPage.objects.first()
    if archive is None:
        archive = BulletinIndexPage(
            title_sq="Buletini",
            title_en="Bulletin",
            slug="buletini",
            slug_sq="buletini",
            slug_en="bulletin",
        )
        home.add_child(instance=archive)
        archive.save_revision().publish()
    items = [
        (
            "own",
            {
                "date": datetime.date(2020, 12, n),
                "headline_sq": f"Titulli i lajmit {n}",
                "headline_en": f"News headline {n}",
                "summary_sq": "Një paragraf i shkurtër për lajmin. " * 6,
                "summary_en": "A short paragraph about the news. " * 6,
                "image": None,
                "url": f"https://example.org/news-{n}",
            },
        )
        for n in range(1, 15)
    ]
    issue = BulletinPage(
        title_sq="Buletini: prova e shpejtësisë",
        title_en="Bulletin: benchmark",
        slug="bench-bulletin",
        slug_sq="bench-bulletin",
        slug_en="bench-bulletin",
        period_label_sq="Nëntor–Dhjetor 2020",
        period_label_en="November–December 2020",
        number=99,
        issue_date=datetime.date(2020, 12, 30),
        items=items,
    )
    archive.add_child(instance=issue)
    issue.save_revision().publish()
    return BulletinPage.objects.get(pk=issue.pk)
