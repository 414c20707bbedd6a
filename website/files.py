"""The one way a private file (an entry's image, a thumbnail, a public-size copy in private
storage) leaves the server. Callers check who asks first; this only sends the bytes with headers
that keep them out of every cache and stop the browser guessing their type."""

from django.http import FileResponse, Http404

CONTENT_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def private_file_response(storage, name, *, filename=None, cache="no-store, private"):
    """Stream `name` from `storage`. `filename` names the download (`inline`); without it the
    response carries no name at all (a juror must not learn the stored or original name).
    `cache` is the Cache-Control header: never stored by default."""
    if not name:
        raise Http404
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    response = FileResponse(handle, content_type=CONTENT_TYPES.get(suffix, "image/jpeg"))
    response["Cache-Control"] = cache
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="{filename}"' if filename else "inline"
    return response


def field_file_response(field, **kwargs):
    """`private_file_response` for a model's FileField value (empty → 404)."""
    if not field or not field.name:
        raise Http404
    return private_file_response(field.storage, field.name, **kwargs)
