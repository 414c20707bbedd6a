"""Varnish's health probe against an app server that redirects plain HTTP to HTTPS, as production
does (SECURE_SSL_REDIRECT on by default): the probe must still find the server healthy, otherwise
the front refuses every reader with a 503 once the first probe has run.

One real gunicorn with the production settings and deploy/gunicorn.conf.py, Varnish with
deploy/varnish/default.vcl and the backends.vcl of deploy/servers.py. The probe asks for a static
file, so the app server needs no database content: an empty SQLite file will do.
"""

import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

from deploy import servers

pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("health_probe")]

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
PROBE_PATH = "/static/website/css/site.css"

SETTINGS = """
from website.settings.production import *  # noqa: F403

STATIC_ROOT = {static_root!r}
"""


def _missing(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it: .ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def probed():
    """(front URL, app server URL, varnishadm command, gunicorn's access log).

    Once per run with `--dist loadgroup` (the module's xdist group), not once per worker."""
    if servers.varnishd() is None:
        _missing("varnishd is not installed: apt-get install varnish")
    tmp = Path(tempfile.mkdtemp(prefix="us-probe-"))
    tmp.chmod(0o755)
    static_root = tmp / "static"
    (static_root / "website" / "css").mkdir(parents=True)
    shutil.copy(ROOT / "static" / "website" / "css" / "site.css", static_root / PROBE_PATH[8:])
    (tmp / "probe_settings.py").write_text(SETTINGS.format(static_root=str(static_root)))
    app_port, front_port = servers.free_port(), servers.free_port()
    access_log = tmp / "access.log"
    env = servers.own_environment()
    env.update(
        DJANGO_SETTINGS_MODULE="probe_settings",
        PYTHONPATH=f"{tmp}{os.pathsep}{ROOT}",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="untold.example.org",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        BIND=f"127.0.0.1:{app_port}",
        WEB_CONCURRENCY="1",
        GUNICORN_ACCESS_LOG=str(access_log),
    )
    processes = []
    try:
        processes.append(
            subprocess.Popen(
                [GUNICORN, "--config", "deploy/gunicorn.conf.py", "website.wsgi:application"],
                cwd=ROOT,
                env=env,
                stdout=(tmp / "app.log").open("wb"),
                stderr=subprocess.STDOUT,
            )
        )
        servers.wait_for_port(app_port, timeout=60, process=processes[0])
        # The first request loads the URLs and templates: before the probes and the tests.
        servers.wait_for_http(f"http://127.0.0.1:{app_port}{PROBE_PATH}", timeout=90)
        with (tmp / "varnishd.log").open("wb") as log:
            processes.append(
                servers.start_varnish(
                    tmp / "varnish",
                    port=front_port,
                    backend_ports=[app_port],
                    memory="16m",
                    log=log,
                )
            )
        varnishadm = [
            shutil.which("varnishadm") or "/usr/bin/varnishadm",
            "-n",
            str(tmp / "varnish" / "varnishd"),
        ]
        yield (
            f"http://127.0.0.1:{front_port}",
            f"http://127.0.0.1:{app_port}",
            varnishadm,
            access_log,
        )
    finally:
        for process in reversed(processes):
            servers.stop(process, timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


def probe_answers(access_log):
    """The statuses the app server gave Varnish's probe (it sends no User-Agent)."""
    if not access_log.exists():
        return []
    pattern = rf'"GET {re.escape(PROBE_PATH)} HTTP/1.1" (\d+) .* "-"$'
    return re.findall(pattern, access_log.read_text(), flags=re.MULTILINE)


def wait_for_probes(access_log, count, *, within=20.0):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if len(probe_answers(access_log)) >= count:
            return
        time.sleep(0.1)
    pytest.fail(f"fewer than {count} probe(s) reached the app server in {within:.0f} s")


def test_the_app_server_redirects_plain_http_to_https(probed):
    _front, app, _varnishadm, _log = probed

    response = requests.get(
        app + PROBE_PATH, headers={"Host": "untold.example.org"}, allow_redirects=False, timeout=60
    )

    assert response.status_code == 301
    assert response.headers["Location"] == f"https://untold.example.org{PROBE_PATH}"


def test_the_probe_finds_the_redirecting_app_server_healthy(probed):
    front, _app, varnishadm, access_log = probed
    # The probe's first answers (the backend starts healthy and turns sick on one bad probe).
    wait_for_probes(access_log, 2)

    listing = subprocess.run(
        [*varnishadm, "backend.list"], capture_output=True, text=True, timeout=10, check=True
    ).stdout
    through_front = requests.get(
        front + PROBE_PATH, headers={"X-Forwarded-Proto": "https"}, timeout=60
    )

    answers = probe_answers(access_log)
    assert set(answers) == {"200"}, answers
    rows = [line for line in listing.splitlines() if ".app1" in line]
    assert len(rows) == 1, listing
    assert "healthy" in rows[0].lower() and "sick" not in rows[0].lower(), listing
    assert through_front.status_code == 200
    assert "body" in through_front.text
