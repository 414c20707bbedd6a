"""Periodic work of the site, run by the background worker (`manage.py run_worker`).

Wagtail publishes pages scheduled with a "go live" date (and unpublishes expired ones) only when
its `publish_scheduled` command runs. `publish_scheduled_pages` runs it and queues itself again a
minute later, so a worker that is running is all scheduled publishing needs.
`manage.py start_periodic_tasks` queues the first run (after each deploy); a guard keeps at most
one pending copy in the queue however often it is called. The worker makes the same check every
minute (`ensure_periodic_tasks`, website/worker.py), so a chain broken by a killed worker or a
database outage starts again by itself.
"""

import datetime
import io
import logging

from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from website.registry import collect_all

logger = logging.getLogger(__name__)

PUBLISH_SCHEDULED_EVERY = datetime.timedelta(seconds=60)
# A copy marked running but started longer ago than this died with its worker.
RUNNING_IS_STALE_AFTER = datetime.timedelta(minutes=10)


def repeats_on(backend):
    """Only the database backend can hold a run for later and tell us what is pending.

    The immediate backend (tests) would run the next copy at once, recursing for ever.
    """
    return backend.supports_defer and isinstance(backend, DatabaseBackend)


def pending_copies(periodic_task, *, include_running):
    """Queued (and optionally running, not stale) copies of `periodic_task`."""
    waiting = Q(status=TaskResultStatus.READY)
    if include_running:
        recent = timezone.now() - RUNNING_IS_STALE_AFTER
        waiting |= Q(status=TaskResultStatus.RUNNING, started_at__gte=recent)
    return DBTaskResult.objects.filter(waiting, task_path=periodic_task.module_path)


def schedule_next_run(periodic_task, *, delay, include_running=False):
    """Queue `periodic_task` to run after `delay` unless a copy is already pending.

    Returns the queued result, or None when nothing was queued.
    """
    backend = periodic_task.get_backend()
    if not repeats_on(backend):
        return None
    if pending_copies(periodic_task, include_running=include_running).exists():
        return None
    return periodic_task.using(run_after=timezone.now() + delay).enqueue()


@task()
def publish_scheduled_pages():
    """Publish the pages whose go-live time has come, unpublish expired ones; repeat in 60 s."""
    try:
        output = io.StringIO()
        call_command("publish_scheduled", stdout=output)
        logger.debug("publish_scheduled: %s", output.getvalue().strip())
    finally:
        # Queue the next run even when this one failed: one bad page must not stop the clock.
        # This copy is itself marked running, so only queued copies count here.
        schedule_next_run(publish_scheduled_pages, delay=PUBLISH_SCHEDULED_EVERY)


PERIODIC_TASKS = (publish_scheduled_pages,)


def all_periodic_tasks():
    """The site's periodic tasks, then each local app's `<app>.tasks.PERIODIC_TASKS`
    (e.g. the competitions' daily purge), in INSTALLED_APPS order."""
    return [*PERIODIC_TASKS, *collect_all("tasks", "PERIODIC_TASKS", exclude=("website",))]


def ensure_periodic_tasks():
    """Queue each periodic task that has no copy waiting or running (a copy running longer than
    RUNNING_IS_STALE_AFTER died with its worker). {task path: "queued", "already queued", or
    "ran once" under a backend that cannot hold a later run (tests)}."""
    outcomes = {}
    for periodic_task in all_periodic_tasks():
        name = periodic_task.module_path
        if not repeats_on(periodic_task.get_backend()):
            periodic_task.enqueue()
            outcomes[name] = "ran once"
        elif schedule_next_run(periodic_task, delay=datetime.timedelta(0), include_running=True):
            outcomes[name] = "queued"
        else:
            outcomes[name] = "already queued"
    return outcomes
