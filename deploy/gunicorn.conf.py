"""gunicorn settings of an app server (`make stack`, deploy/systemd/app@.service).

One app server per port, behind the front (Varnish), which buffers request bodies and slow
readers: sync workers are enough. Environment: BIND (127.0.0.1:8001), WEB_CONCURRENCY (workers,
default 2), GUNICORN_TIMEOUT (seconds, default 30).
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# A worker that leaks memory is replaced now and then, never all at once.
max_requests = 2000
max_requests_jitter = 200
# The front (Varnish, nginx) on this machine says which scheme the reader used.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
proc_name = "untold-app"


def when_ready(server):
    """Say loudly when rate limits and login lockouts cannot be shared between processes."""
    if workers > 1 and not os.environ.get("REDIS_URL"):
        server.log.warning(
            "REDIS_URL is not set: rate limits and login lockouts are counted in each of the "
            "%d worker processes alone (set REDIS_URL to share them).",
            workers,
        )
