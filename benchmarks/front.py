"""The shared cache in front: a cached page through Varnish against nginx serving the same HTML
bytes as a static file (the physical limit of this machine), and purge-to-visible latency.

Run by `make bench` (bin/bench) with BENCH_BASE_URL pointing at the running app server:
Varnish (deploy/varnish/default.vcl, deploy/servers.py) is started in front of it, nginx
(Debian's nginx-light) on another port with the page's bytes in a temporary folder. Skipped
with a message when varnishd or nginx is missing (`apt-get install varnish nginx-light`).

Settings: BENCH_SECONDS (10 per URL), BENCH_CONCURRENCY (4 client threads).
"""

import functools
import http.client
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from deploy import servers

SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
PAGES = ["/en/", "/en/stories/2020/the-story-of-deni/"]
PURGE_ROUNDS = 5

NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/html;
        default_type text/html;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""


def nginx():
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def fetch(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def load(port, path, seconds):
    """Requests for `seconds` from CONCURRENCY keep-alive threads: latencies (s), errors."""
    latencies, errors = [], [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], 0
        while time.perf_counter() < stop_at:
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                continue
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], time.perf_counter() - began


def measure(port, path):
    load(port, path, 1.0)  # warm-up
    latencies, errors, elapsed = load(port, path, SECONDS)
    ordered = sorted(latencies)
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(ordered) * 1000,
        "p99": ordered[min(len(ordered) - 1, round(0.99 * len(ordered)) - 1)] * 1000,
        "errors": errors,
    }


def _stamp(stamps):
    stamps.append(time.perf_counter())


def purge_latency(front_port):
    """(seconds from a publish's commit to the new title through the front in both languages,
    seconds of those spent sending the purge) for each publish. The commit's moment is taken by
    the first on-commit callback, which runs before the purge (website/purge.py sends it from
    its own on-commit callback, in this process)."""
    from stories.models import StoryPage  # noqa: PLC0415 - Django is set up by `manage.py shell`

    story = StoryPage.objects.live().order_by("path").first()
    paths = {}
    timings = []
    for number in range(PURGE_ROUNDS):
        for code in ("sq", "en"):
            paths[code] = urlsplit(story.localized_urls()[code]).path
            fetch(front_port, paths[code])  # cached
        marker = f"bench-{number}-{time.time_ns()}"
        story.title_en = f"{marker} en"
        story.title_sq = f"{marker} sq"
        stamps = []
        with transaction.atomic():
            transaction.on_commit(functools.partial(_stamp, stamps))
            story.save_revision().publish()
        committed, purged = stamps[0], time.perf_counter()
        seen = set()
        while seen != {"sq", "en"} and time.perf_counter() - committed < 10:
            for code in ("sq", "en"):
                _status, _headers, body = fetch(front_port, paths[code])
                if f"{marker} {code}".encode() in body:
                    seen.add(code)
        visible = time.perf_counter() - committed if seen == {"sq", "en"} else None
        timings.append((visible, purged - committed))
    return timings


def run():
    base = os.environ["BENCH_BASE_URL"]
    app_port = urlsplit(base).port
    if servers.varnishd() is None or nginx() is None:
        print("  skipped: needs varnishd and nginx (apt-get install varnish nginx-light)")
        return
    tmp = Path(tempfile.mkdtemp(prefix="us-bench-front-"))
    tmp.chmod(0o755)
    (tmp / "html").mkdir()
    front_port, nginx_port = servers.free_port(), servers.free_port()
    processes = []
    try:
        with (tmp / "varnishd.log").open("wb") as log:
            processes.append(
                servers.start_varnish(
                    tmp / "varnish", port=front_port, backend_ports=[app_port], log=log
                )
            )
        for number, path in enumerate(PAGES):
            status, headers, body = fetch(front_port, path)
            assert status == 200, (path, status)
            (tmp / "html" / f"page{number}.html").write_bytes(body)
        (tmp / "nginx.conf").write_text(NGINX_CONF.format(tmp=tmp, port=nginx_port))
        processes.append(
            subprocess.Popen(  # noqa: S603 - fixed arguments
                [nginx(), "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
            )
        )
        servers.wait_for_port(nginx_port, timeout=10, process=processes[-1])

        print(
            f"  Varnish on :{front_port} in front of the app server, nginx on :{nginx_port} with "
            f"the same bytes; {CONCURRENCY} threads, {SECONDS:g} s each after 1 s warm-up."
        )
        header = f"  {'URL':<38} {'front req/s':>11} {'p50 ms':>7} {'p99 ms':>7}   {'nginx req/s':>11} {'p50 ms':>7} {'p99 ms':>7}   {'ratio':>5}"
        print(header)
        for number, path in enumerate(PAGES):
            _status, headers, _body = fetch(front_port, path)
            front = measure(front_port, path)
            static = measure(nginx_port, f"/page{number}.html")
            print(
                f"  {path:<38} {front['rps']:>11.0f} {front['p50']:>7.2f} {front['p99']:>7.2f}   "
                f"{static['rps']:>11.0f} {static['p50']:>7.2f} {static['p99']:>7.2f}   "
                f"{front['rps'] / static['rps']:>5.2f}"
                + (
                    f"  (errors {front['errors']}/{static['errors']})"
                    if front["errors"] or static["errors"]
                    else ""
                )
                + f"  [{headers.get('X-Cache', '?')}]"
            )

        settings.WAGTAILFRONTENDCACHE = {
            "bench": {
                "BACKEND": "website.purge.VarnishBackend",
                "LOCATION": f"http://127.0.0.1:{front_port}",
            }
        }
        settings.WAGTAILADMIN_BASE_URL = base
        timings = purge_latency(front_port)
        shown = ", ".join(
            ("not seen in 10 s" if visible is None else f"{visible * 1000:.0f} ms")
            + f" (purge sent in {sending * 1000:.0f} ms)"
            for visible, sending in timings
        )
        print(
            f"  purge to visible through the front, both languages, {PURGE_ROUNDS} publishes, "
            f"from the commit: {shown}"
        )
    finally:
        for process in reversed(processes):
            servers.stop(process, timeout=5)
        shutil.rmtree(tmp, ignore_errors=True)
