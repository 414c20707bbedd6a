"""Where entry files live: a private storage, never MEDIA_ROOT, never a public URL.

`settings.STORAGES["private"]` is a local folder outside the web root by default
(`PRIVATE_MEDIA_ROOT`); production may point it at an S3-compatible bucket through
django-storages without touching this app. Files are read back only through
`competitions.views.entry_file`, which checks who asks.
"""

import uuid

from django.core.files.storage import storages


def private_storage():
    return storages["private"]


def generated_name(competition_id, suffix, extension):
    """A name on disk that says nothing about the entrant or the uploaded file."""
    return f"entries/{int(competition_id)}/{uuid.uuid4().hex}{suffix}.{extension}"
