"""Timing of the competitions: ``make bench`` runs ``run()`` (in ``manage.py shell``) on its own
database.

1. The moderation queue (``/admin/entries/``) with 2,000 entries, fetched by a superuser with the
   test client: its time and its number of SQL queries. The entries are rolled back afterwards.
"""

import secrets
import sys
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import verification
from competitions.enums import EntryState
from competitions.models import CompetitionPage, Entry


def _time_queue(stdout, count=2000):
    competition = CompetitionPage.objects.first()
    if competition is None:
        stdout.write("  moderation queue: no competition in the database (run load_demo)\n")
        return

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            start = Entry.objects.filter(competition=competition).count() + 100_000
            Entry.objects.bulk_create(
                [
                    Entry(
                        competition=competition,
                        reference=f"BENCH-{start + n}",
                        number=start + n,
                        state=EntryState.IN_MODERATION,
                        title=f"Bench entry {n}",
                        form_token=secrets.token_hex(16),
                        access_nonce=secrets.token_hex(8),
                        country="AL",
                        age=20,
                    )
                    for n in range(count)
                ],
                batch_size=500,
            )
            admin = get_user_model().objects.filter(is_superuser=True).first()
            if admin is None:
                admin = get_user_model().objects.create_superuser(
                    "bench-admin", "b@example.org", None
                )
            hosts = [host for host in settings.ALLOWED_HOSTS if host not in ("*", "")]
            client = Client(HTTP_HOST=hosts[0] if hosts else "testserver")
            client.force_login(admin)
            session = client.session  # the second factor, as after typing the app's code
            verification.verify_session(
                session, TOTPDevice.objects.create(user=admin, name="Benchmark", confirmed=True)
            )
            session.save()
            client.get("/admin/entries/")  # warm up
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get("/admin/entries/")
                elapsed = time.perf_counter() - started
            stdout.write(
                f"  moderation queue, {Entry.objects.count()} entries: {elapsed * 1000:.1f} ms, "
                f"{len(queries)} SQL queries, HTTP {response.status_code}\n"
            )
            raise Rollback
    except Rollback:
        pass


def run(stdout=sys.stdout):
    stdout.write("Competitions (the entries' images: benchmarks/images.py)\n")
    _time_queue(stdout)
