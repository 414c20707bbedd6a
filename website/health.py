"""`/health/`: is this installation well? For monitoring and load balancers (django-health-check).

- `/health/` checks the database (`SELECT 1`), the cache (a key written and read back), both
  storages (public media and the private entry files: a small file written, read and deleted)
  and the task queue: the oldest task waiting to run must have waited less than
  `HEALTH_QUEUE_MAX_AGE` seconds (900), otherwise the worker is down or stuck.
- `/health/app/` checks the same but the queue: what a load balancer asks an app server (a
  stalled worker is no reason to stop sending readers to it; monitoring asks `/health/`).

Both answer 200 when every check passes and 500 otherwise, in plain text (one line per check:
its name and "OK" or what failed), or JSON (`?format=json` or `Accept: application/json`).
Never cached (`Cache-Control: no-cache, no-store, must-revalidate, private`), no personal data:
the lines name checks, never rows, addresses or files of anyone.
"""

import asyncio
import dataclasses
import datetime

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from health_check import checks
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

DEFAULT_QUEUE_MAX_AGE = 15 * 60


@dataclasses.dataclass
class Database(checks.Database):
    """django-health-check's database check, run on the request's own connection."""

    async def run(self):
        await sync_to_async(super().run, thread_sensitive=True)()


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The oldest task due to run has waited less than `max_age` (a worker takes it)."""

    max_age: datetime.timedelta | None = dataclasses.field(default=None, repr=False)

    def oldest_wait(self, now):
        """How long the longest-waiting due task has waited, or None when none waits."""
        due = DBTaskResult.objects.ready()
        # A task queued to run at once waits since it was queued; a deferred one since its time.
        since = [
            due.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"],
            due.exclude(run_after=get_date_max()).aggregate(at=Min("run_after"))["at"],
        ]
        since = [moment for moment in since if moment is not None]
        return now - min(since) if since else None

    def check(self):
        limit = self.max_age or datetime.timedelta(
            seconds=getattr(settings, "HEALTH_QUEUE_MAX_AGE", DEFAULT_QUEUE_MAX_AGE)
        )
        waited = self.oldest_wait(timezone.now())
        if waited is not None and waited > limit:
            raise ServiceUnavailable(
                f"the oldest due task has waited {waited.total_seconds():.0f} s "
                f"(limit {limit.total_seconds():.0f} s): is the worker running?"
            )

    async def run(self):
        await sync_to_async(self.check, thread_sensitive=True)()


APP_CHECKS = (
    Database,
    checks.Cache,
    (checks.Storage, {"alias": "default"}),
    (checks.Storage, {"alias": "private"}),
)


class HealthView(HealthCheckView):
    """Plain text, or JSON when asked: django-health-check's HTML page carries inline styles,
    which the Content-Security-Policy refuses, and nobody reads it in a browser."""

    checks = (*APP_CHECKS, TaskQueue)

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            self.results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        status = 500 if any(result.error for result in self.results) else 200
        accept = request.headers.get("accept", "")
        if request.GET.get("format") == "json" or accept.startswith("application/json"):
            return self.render_to_response_json(status)
        return self.render_to_response_text(status)


class AppHealthView(HealthView):
    checks = APP_CHECKS


health = HealthView.as_view()
app_health = AppHealthView.as_view()
