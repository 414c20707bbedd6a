"""The site on a SQLite file as `make run` runs it: `manage.py runserver` and `manage.py db_worker`
with the development settings, e-mails written to files, each process started in its own session
so that it (and any child) is stopped by its own id.

`build_open_competition()` and `build_entries_and_subscribers()` run inside the site's settings
(`manage.py shell -c`) and make their rows with the factories.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.factories import HomePageFactory
from tests.factories.competitions import (
    CompetitionIndexPageFactory,
    CompetitionPageFactory,
    EntryFactory,
)
from tests.factories.newsletter import SubscriberFactory

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def site_environment(folder, **extra):
    """Development settings on `folder`: database, media, private files and e-mail files."""
    folder = Path(folder)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(folder / "mail"),
        "DEBUG": "false",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def manage(*args, env, timeout=120):
    """Run `manage.py <args>`; its output, or an error that shows what it wrote."""
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(args, *, env, log):
    """Start `manage.py <args>` in its own session, output to `log`."""
    with open(log, "wb") as out:
        return subprocess.Popen(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(process):
    """Stop `process` and its children (its session), by its id. The wait outlasts the worker
    supervisor's own (SIGTERM, SIGKILL after 10 s): killed sooner, the supervisor would leave a
    worker that was slow to finish its task running in its own session."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_until_up(url, process, *, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit code {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def build_open_competition():
    """(In the site's process) an open photography competition; prints its id."""
    home = HomePageFactory()
    competition = CompetitionPageFactory(parent=CompetitionIndexPageFactory(parent=home))
    print(competition.pk)


def build_entries_and_subscribers():
    """(In the site's process) two entries with their files and two subscribers."""
    home = HomePageFactory()
    competition = CompetitionPageFactory(parent=CompetitionIndexPageFactory(parent=home))
    EntryFactory(competition=competition, entrant__full_name="Arta Hoxha")
    EntryFactory(competition=competition, minor=True)
    SubscriberFactory(email="reader@example.org")
    SubscriberFactory(email="lexues@example.org")
