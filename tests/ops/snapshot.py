"""What a restore must bring back, as JSON: run inside the site's settings by the restore drill
(`manage.py shell -c "from tests.ops.snapshot import main; main('out.json')"`).

- the HTML of /sq/, /en/ and the first live story in both languages (test client; CSRF tokens and
  nonces blanked, as they change on every request);
- every entry with its entrant and the SHA-256 of its image and thumbnail;
- every newsletter subscriber;
- every stored file of every backed-up storage with its SHA-256;
- the number of rows of every table.
"""

import hashlib
import json
import re

from django.conf import settings
from django.core.files.storage import storages
from django.db import connection
from django.test import Client
from django.utils import translation

from competitions.models import Entry
from newsletter.models import Subscriber
from stories.models import StoryPage

VARYING = re.compile(r'(name="csrfmiddlewaretoken" value="|nonce=")[^"]*"')


def _sha256(storage, name):
    if not name:
        return ""
    with storage.open(name, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _walk(storage, folder=""):
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}" if folder else directory)


def pages():
    story = StoryPage.objects.live().public().order_by("pk").first()
    paths = ["/sq/", "/en/"]
    for language in ("sq", "en"):
        with translation.override(language):
            paths.append(story.get_url())
    client = Client(HTTP_HOST="localhost")
    found = {}
    for path in paths:
        response = client.get(path)
        found[path] = [response.status_code, VARYING.sub(r"\1\"", response.content.decode())]
    return found


def entries():
    found = []
    for entry in Entry.objects.select_related("entrant").order_by("pk"):
        entrant = getattr(entry, "entrant", None)
        found.append(
            {
                "reference": entry.reference,
                "state": entry.state,
                "title": entry.title,
                "email": entrant.email if entrant else None,
                "guardian_email": entrant.guardian_email if entrant else None,
                "image": [entry.image.name, _sha256(entry.image.storage, entry.image.name)],
                "thumbnail": [
                    entry.thumbnail.name,
                    _sha256(entry.thumbnail.storage, entry.thumbnail.name),
                ],
            }
        )
    return found


def subscribers():
    return list(
        Subscriber.objects.order_by("pk").values(
            "email", "language", "state", "token", "confirmed_at", "unsubscribed_at"
        )
    )


def files():
    return {
        alias: {name: _sha256(storages[alias], name) for name in sorted(_walk(storages[alias]))}
        for alias in settings.STORAGES
        if alias != "staticfiles"
    }


def row_counts():
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def main(path):
    found = {
        "pages": pages(),  # first: rendering may create image renditions (files and rows)
        "entries": entries(),
        "subscribers": subscribers(),
        "files": files(),
        "rows": row_counts(),
    }
    with open(path, "w") as out:
        json.dump(found, out, indent=1, sort_keys=True, default=str)
