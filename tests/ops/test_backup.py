"""bin/backup and bin/restore: files go through Django's storage API only (so S3 buckets work as
local folders do), names are checked, nothing is written unencrypted, and a backup of the
embedded default restored on an empty machine gives back the same rows and files.
The whole drill (demo, pages, PostgreSQL) is tests/ops/restore_drill.py, run by CI."""

import hashlib
import importlib.machinery
import importlib.util
import io
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, storages
from django.db import connection

from tests.ops import embedded_site

BACKUP = embedded_site.ROOT / "bin" / "backup"
_loader = importlib.machinery.SourceFileLoader("bin_backup", str(BACKUP))
_spec = importlib.util.spec_from_loader("bin_backup", _loader)
backup = importlib.util.module_from_spec(_spec)
_loader.exec_module(backup)

FILES = {
    "original_images/a.jpg": b"\xff\xd8 first image",
    "entries/7/0f3c.jpg": b"\xff\xd8 an entry",
    "entries/7/0f3c-thumb.jpg": b"\xff\xd8 its thumbnail",
    "entries/12/deep/er.txt": b"",
}


def _sha(data):
    return hashlib.sha256(data).hexdigest()


def test_files_copied_and_restored_through_the_storage_api_only(monkeypatch):
    source, target = InMemoryStorage(), InMemoryStorage()  # no path(): the API or nothing
    for name, data in FILES.items():
        source.save(name, ContentFile(data))
    monkeypatch.setattr(backup, "storages", {"private": source})
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w|") as tar:
        files, vanished = backup.copy_storage(tar, "private")
    monkeypatch.setattr(backup, "storages", {"private": target})
    buffer.seek(0)
    restored = {}
    with tarfile.open(fileobj=buffer, mode="r|") as tar:
        for member in tar:
            name = member.name.removeprefix("storages/private/")
            restored[name] = backup.restore_file("private", name, tar.extractfile(member))
    expected = {name: {"size": len(data), "sha256": _sha(data)} for name, data in FILES.items()}
    assert (files, vanished) == (expected, [])
    assert restored == {name: _sha(data) for name, data in FILES.items()}
    assert sorted(backup.walk(target)) == sorted(FILES)
    assert {name: target.open(name).read() for name in FILES} == FILES


@pytest.mark.parametrize("name", ["../etc/passwd", "/abs", "a//b", "a/./b", "a/.."])
def test_unsafe_stored_name_refused(name):
    with pytest.raises(backup.BackupError) as refused:
        backup.safe_name(name)
    assert str(refused.value) == f"refusing the file name {name!r}"


def test_no_recipient_no_archive(monkeypatch):
    monkeypatch.delenv("BACKUP_AGE_RECIPIENTS", raising=False)
    monkeypatch.delenv("BACKUP_AGE_RECIPIENTS_FILE", raising=False)
    with pytest.raises(backup.BackupError) as refused:
        backup.age_recipient_arguments()
    assert str(refused.value) == (
        "no recipient: set BACKUP_AGE_RECIPIENTS (age public keys) or "
        "BACKUP_AGE_RECIPIENTS_FILE; archives are never written unencrypted"
    )


def _rows(database):
    with sqlite3.connect(database) as db:
        return {
            "entries": db.execute(
                "SELECT reference, state, title, image, thumbnail FROM competitions_entry "
                "ORDER BY id"
            ).fetchall(),
            "entrants": db.execute(
                "SELECT email, guardian_email FROM competitions_entrant ORDER BY id"
            ).fetchall(),
            "subscribers": db.execute(
                "SELECT email, state, token FROM newsletter_subscriber ORDER BY id"
            ).fetchall(),
        }


def _files(folder):
    return {
        str(path.relative_to(folder)): _sha(path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def site_folder(django_db_setup, django_db_blocker, tmp_path_factory):
    """The migrated test database copied into a file (see test_concurrent_entries.py)."""
    folder = tmp_path_factory.mktemp("backup-site")
    with django_db_blocker.unblock():
        source = sqlite3.connect(connection.settings_dict["NAME"], uri=True)
        target = sqlite3.connect(folder / "db.sqlite3")
        source.backup(target)
        target.close()
        source.close()
    return folder


_BUILD = "from tests.ops.embedded_site import build_entries_and_subscribers as b; b()"


@pytest.mark.ops
@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite pass runs this round trip")
@pytest.mark.skipif(
    shutil.which("age") is None, reason="age is not installed (apt-get install age)"
)
def test_backup_restored_on_an_empty_machine_same_rows_and_files(site_folder, tmp_path):
    identity = tmp_path / "identity.txt"
    subprocess.run(["age-keygen", "-o", str(identity)], check=True, capture_output=True)
    recipient = subprocess.run(
        ["age-keygen", "-y", str(identity)], check=True, capture_output=True, text=True
    ).stdout.strip()
    env = embedded_site.site_environment(
        site_folder, BACKUP_AGE_RECIPIENTS=recipient, BACKUP_AGE_IDENTITY=str(identity)
    )
    embedded_site.manage("shell", "-c", _BUILD, env=env)
    before = _rows(site_folder / "db.sqlite3"), _files(site_folder / "private")
    archive = subprocess.run(
        ["bin/backup", "--output", str(tmp_path)],
        cwd=embedded_site.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    empty_machine = tmp_path / "new"
    new_env = {
        **embedded_site.site_environment(empty_machine),
        "BACKUP_AGE_IDENTITY": str(identity),
    }
    restored = subprocess.run(
        ["bin/restore", archive],
        cwd=embedded_site.ROOT,
        env=new_env,
        capture_output=True,
        text=True,
        check=False,
    )
    again = subprocess.run(
        ["bin/restore", archive],
        cwd=embedded_site.ROOT,
        env=new_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert restored.returncode == 0, restored.stderr
    assert (_rows(empty_machine / "db.sqlite3"), _files(empty_machine / "private")) == before
    assert len(before[0]["entries"]) == 2
    assert len(before[1]) == 4
    assert (archive.endswith(".tar.age"), oct(os.stat(archive).st_mode & 0o777)) == (True, "0o600")
    assert b"Arta Hoxha" not in Path(archive).read_bytes()
    assert (again.returncode, again.stderr.strip()) == (
        1,
        "bin/restore: the database is not empty; restore into an empty one, or pass --force "
        "(FORCE=1) to replace it",
    )


def test_files_of_s3_buckets_backed_up_and_restored(s3_storages):
    """The entry files bucket of a real S3-compatible store (SeaweedFS, tests/stack/)."""
    private = storages["private"]
    for name, data in FILES.items():
        private.save(name, ContentFile(data))
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w|") as tar:
        files, _vanished = backup.copy_storage(tar, "private")
    s3_storages.empty()
    buffer.seek(0)
    with tarfile.open(fileobj=buffer, mode="r|") as tar:
        for member in tar:
            name = member.name.removeprefix("storages/private/")
            backup.restore_file("private", name, tar.extractfile(member))
    assert sorted(files) == sorted(FILES)
    assert s3_storages.keys(s3_storages.private_bucket) == sorted(FILES)
    assert {name: private.open(name, "rb").read() for name in FILES} == FILES
