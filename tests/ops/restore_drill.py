"""The restore drill: demo loaded → backup → everything dropped → restore → the same pages, the
same entries with their files, the same subscribers (tests/ops/snapshot.py), and a second restore
onto the restored site is refused.

    .venv/bin/python -m tests.ops.restore_drill            SQLite file in a temporary folder
    DATABASE_URL=postgres://…/throwaway .venv/bin/python -m tests.ops.restore_drill

With DATABASE_URL, the database must exist and be empty: the drill fills it, drops everything in
it and restores it (CI gives it a throwaway database and drops it afterwards). Files go to a
temporary folder; the age key pair is made for the drill. Exit status 0 when everything matches.
"""

import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SNAPSHOT = "from tests.ops.snapshot import main; main({path!r})"


class DrillFailed(Exception):
    pass


def run(command, *, env, expect=0):
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != expect:
        raise DrillFailed(
            f"{' '.join(command)} exited {done.returncode} (expected {expect}):\n"
            f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )
    return done


def postgres_tables(url):
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchone()[0]


def drop_everything(folder, env):
    """The database and every stored file gone, as on an empty machine."""
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{folder / 'db.sqlite3'}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(env["MEDIA_ROOT"])
    shutil.rmtree(env["PRIVATE_MEDIA_ROOT"])


def differences(before, after):
    lines = difflib.unified_diff(
        json.dumps(before, indent=1, sort_keys=True).splitlines(),
        json.dumps(after, indent=1, sort_keys=True).splitlines(),
        "before backup",
        "after restore",
        lineterm="",
        n=1,
    )
    return "\n".join(list(lines)[:60])


def drill(folder):
    started = time.monotonic()

    def step(text):
        print(f"[{time.monotonic() - started:5.1f}s] {text}", flush=True)

    identity = folder / "age-identity.txt"
    subprocess.run(["age-keygen", "-o", str(identity)], check=True, capture_output=True)
    recipient = subprocess.run(
        ["age-keygen", "-y", str(identity)], check=True, capture_output=True, text=True
    ).stdout.strip()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "BACKUP_AGE_RECIPIENTS": recipient,
        "BACKUP_AGE_IDENTITY": str(identity),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    postgres = env["DATABASE_URL"].startswith("postgres")
    if postgres and postgres_tables(env["DATABASE_URL"]):
        raise DrillFailed("the drill drops its database: give it an empty, throwaway one")
    step(f"database: {'PostgreSQL' if postgres else 'SQLite'}; migrate and load the demo")
    manage = [PYTHON, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v", "0"], env=env)
    run([*manage, "load_demo"], env=env)
    step("snapshot of the site")
    run([*manage, "shell", "-c", SNAPSHOT.format(path=str(folder / "before.json"))], env=env)
    step("backup")
    archive = run(["bin/backup", "--output", str(folder / "archives")], env=env).stdout.strip()
    step("everything dropped: database, media, private files")
    drop_everything(folder, env)
    step(f"restore {Path(archive).name}")
    run(["bin/restore", archive], env=env)
    step("snapshot of the restored site")
    run([*manage, "shell", "-c", SNAPSHOT.format(path=str(folder / "after.json"))], env=env)
    before = json.loads((folder / "before.json").read_text())
    after = json.loads((folder / "after.json").read_text())
    if before != after:
        raise DrillFailed(f"the restored site differs:\n{differences(before, after)}")
    step("a second restore onto the restored site is refused")
    refused = run(["bin/restore", archive], env=env, expect=1)
    if "the database is not empty" not in refused.stderr:
        raise DrillFailed(f"unexpected refusal: {refused.stderr}")
    counts = {alias: len(files) for alias, files in after["files"].items()}
    step(
        f"restore drill passed: {len(after['pages'])} pages, {len(after['entries'])} entries, "
        f"{len(after['subscribers'])} subscribers, files {counts} identical"
    )


def main():
    with tempfile.TemporaryDirectory(prefix="restore-drill-") as folder:
        try:
            drill(Path(folder))
        except DrillFailed as error:
            sys.exit(f"RESTORE DRILL FAILED: {error}")


if __name__ == "__main__":
    main()
