"""Timing of the competitions: ``make bench`` runs ``run()`` (in ``manage.py shell``) on its own
database.

1. One 20-megapixel JPEG (5472×3648, with GPS and orientation in its EXIF) through the whole
   arrival path: validate, clean, re-encode, thumbnail, hash (``images.clean_image``), then store
   both files in the private storage.
2. The moderation queue (``/admin/entries/``) with 2,000 entries, fetched by a superuser with the
   test client: its time and its number of SQL queries. The entries are rolled back afterwards.
"""

import io
import secrets
import sys
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from competitions.enums import EntryState
from competitions.images import clean_image
from competitions.models import CompetitionPage, Entry


def _twenty_megapixel_jpeg():
    width, height = 5472, 3648
    noise = Image.effect_noise((width, height), 48)
    image = Image.merge(
        "RGB", (noise, noise.rotate(180), noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT))
    )
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90°
    exif[0x0110] = "Bench Camera"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (41.0, 19.0, 44.0)
    gps[3], gps[4] = "E", (19.0, 49.0, 8.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def _time_image(stdout):
    data = _twenty_megapixel_jpeg()
    started = time.perf_counter()
    cleaned = clean_image(io.BytesIO(data), max_bytes=40 * 1024 * 1024)
    cleaning = time.perf_counter() - started
    storage = storages["private"]
    stored = time.perf_counter()
    names = [
        storage.save(
            f"bench/{secrets.token_hex(8)}.{cleaned.extension}", ContentFile(cleaned.content)
        ),
        storage.save(f"bench/{secrets.token_hex(8)}.jpg", ContentFile(cleaned.thumbnail)),
    ]
    storing = time.perf_counter() - stored
    for name in names:
        storage.delete(name)
    stdout.write(
        f"  20 MP JPEG ({len(data) / 1e6:.1f} MB in, {len(cleaned.content) / 1e6:.1f} MB kept, "
        f"{cleaned.width}×{cleaned.height}):\n"
        f"    validate + clean + thumbnail + hash  {cleaning * 1000:9.1f} ms\n"
        f"    store both files                     {storing * 1000:9.1f} ms\n"
    )


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
    stdout.write("Competitions\n")
    _time_image(stdout)
    _time_queue(stdout)
