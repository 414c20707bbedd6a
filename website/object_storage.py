"""Public media and private entry files in S3-compatible buckets (django-storages), when the
environment names the buckets. Read by website/settings/production.py; no Django import here,
so settings can use it.

Two buckets, never one: `S3_MEDIA_BUCKET` holds what readers may fetch directly (images and
their renditions, documents) and is readable without credentials; `S3_PRIVATE_BUCKET` holds the
competitions' entry files, readable only with the key, and its files reach people only through
the permission-checked views (competitions/storage.py, website/files.py).

The variables (README, "Configuration"):
    S3_MEDIA_BUCKET, S3_PRIVATE_BUCKET   both or neither
    AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
    AWS_S3_ENDPOINT_URL                  any S3-compatible store (SeaweedFS, MinIO…); empty: AWS
    AWS_S3_REGION_NAME
    AWS_S3_CUSTOM_DOMAIN                 host (and path) the public media are served from, e.g.
                                         a CDN; empty: the endpoint's address of the bucket
    AWS_S3_ADDRESSING_STYLE              "path" (default with an endpoint) or "virtual"
"""

from botocore.config import Config

BACKEND = "storages.backends.s3.S3Storage"
# An object store that does not answer must not hold an app server for long.
CLIENT_CONFIG = Config(connect_timeout=3, read_timeout=20, retries={"max_attempts": 2})


class HalfConfigured(ValueError):
    pass


def s3_storages(environ):
    """`STORAGES` entries ("default" and "private") for the buckets named in `environ` (a
    mapping), or {} when none is named."""
    media = environ.get("S3_MEDIA_BUCKET", "")
    private = environ.get("S3_PRIVATE_BUCKET", "")
    if not media and not private:
        return {}
    if not (media and private):
        raise HalfConfigured(
            "Set both S3_MEDIA_BUCKET and S3_PRIVATE_BUCKET, or neither: entry files must not "
            "stay on one app server's disk while the media are shared."
        )
    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "") or None
    common = {
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "endpoint_url": endpoint,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE")
        or ("path" if endpoint else None),
        "file_overwrite": False,
        "client_config": CLIENT_CONFIG,
    }
    custom_domain = environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    return {
        "default": {
            "BACKEND": BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": media,
                "querystring_auth": False,
                "custom_domain": custom_domain,
                "object_parameters": {"CacheControl": "max-age=31536000, public"},
            },
        },
        "private": {
            "BACKEND": BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": private,
                # Never a URL to the bucket: files are streamed by the views. A signed URL that
                # leaked would still expire within a minute.
                "querystring_auth": True,
                "querystring_expire": 60,
            },
        },
    }
