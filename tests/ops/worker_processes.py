"""The site's worker as a real process against the suite's own database, for the fault tests.

On SQLite the suite's migrated in-memory database is copied into a file first (as
tests/ops/test_concurrent_entries.py does); on PostgreSQL the process connects to the test
database itself (the tests using it are transactional, so it sees their rows).
"""

import os
import re
import sqlite3
import time
from pathlib import Path

from django.db import connection

from tests.ops import embedded_site


def database_url(folder):
    """The suite's database as a URL another process can open (a file copy on SQLite)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        target = Path(folder) / "db.sqlite3"
        source = sqlite3.connect(settings["NAME"], uri=True)
        copy = sqlite3.connect(target)
        source.backup(copy)
        copy.close()
        source.close()
        return f"sqlite:///{target}"
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def environment(folder, **extra):
    """`make run`'s settings on the suite's database; e-mails written into `folder`/mail."""
    return embedded_site.site_environment(
        folder,
        DATABASE_URL=database_url(folder),
        # DEBUG is off: no demo account may skip two-factor sign-in (`check` refuses it).
        TWO_FACTOR_EXEMPT_USERNAMES="",
        **extra,
    )


def wait_for(condition, *, timeout=60, every=0.2, what="the condition", process=None, log=None):
    """`condition()` once it is true; fails after `timeout` or as soon as `process` exits
    (showing the end of `log`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if process is not None and process.poll() is not None:
            tail = Path(log).read_text()[-3000:] if log else ""
            raise AssertionError(f"{what}: the process exited ({process.returncode})\n{tail}")
        time.sleep(every)
    tail = Path(log).read_text()[-3000:] if log else ""
    raise AssertionError(f"{what}: not within {timeout} s\n{tail}")


def started_pids(log):
    """Pids of the workers the supervisor started, in order, from its output."""
    text = Path(log).read_text() if Path(log).exists() else ""
    return [int(pid) for pid in re.findall(r"supervise: worker started \(pid (\d+)\)", text)]


def is_running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
