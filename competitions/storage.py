"""Where entry files live: a private storage, never MEDIA_ROOT, never a public URL.

`settings.STORAGES["private"]` is a local folder outside the web root by default
(`PRIVATE_MEDIA_ROOT`); production may point it at an S3-compatible bucket through
django-storages without touching this app. Files are read back only through `entry_file_response`,
called by views that asked competitions/permissions.py who may see the entry.
"""

import uuid

from django.core.files.storage import storages
from django.http import Http404

from website.files import field_file_response

FILE_VARIANTS = ("image", "thumbnail")


def private_storage():
    return storages["private"]


def generated_name(competition_id, suffix, extension):
    """A name on disk that says nothing about the entrant or the uploaded file."""
    return f"entries/{int(competition_id)}/{uuid.uuid4().hex}{suffix}.{extension}"


def entry_file_response(entry, variant):
    """The entry's image or thumbnail (`variant`), named after its reference, never cached; 404
    for another variant or a missing file. The same for the entrant, the guardian and the
    moderators: only who may ask differs, and the caller checked that."""
    if variant not in FILE_VARIANTS:
        raise Http404
    field = getattr(entry, variant)
    name = field.name or ""
    return field_file_response(field, filename=f"{entry.reference}{name[name.rfind('.') :]}")
