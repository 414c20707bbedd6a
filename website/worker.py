"""The background worker that recovers: `manage.py run_worker` (bin/run-dev, bin/stack and
deploy/systemd/worker.service run it).

django-tasks-db's `db_worker` stops on any database error but "database is locked" and then
stays down. `RecoveringWorker` runs the same loop — claim the next ready task in a transaction,
run it, record its result — and rides out an outage of the database or the cache
(`OUTAGE_ERRORS`):

- it logs a warning, closes every database connection and waits 1, 2, 4 … at most 60 seconds
  (`Backoff`) before it tries again, for as long as the outage lasts; the first round that works
  logs that it is back;
- a task that failed with an outage error is put back in the queue (READY, to run after the
  current wait) instead of being marked failed, at most `MAX_OUTAGE_ATTEMPTS` runs in all, then
  it fails like any error. Tasks load by id and call a service, so running one again is safe;
- a result it could not write (the database went away between the end of a task and its record)
  is written as soon as the database is back, before any other task is claimed;
- every `PERIODIC_CHECK_EVERY` it queues each periodic task that has no copy waiting
  (`website.tasks.ensure_periodic_tasks`): a periodic task whose worker was killed, or whose
  "queue my next run" failed in the outage, starts again by itself.

A task killed with its worker (SIGKILL, power loss) stays RUNNING in the table: periodic tasks
are queued again by the check above once that copy is stale (`RUNNING_IS_STALE_AFTER`); a
bulletin send resumes when its lease runs out (`newsletter.tasks.resume_expired_sends`).
That the process itself is restarted when it exits is the supervisor's business (bin/run-dev,
bin/stack, systemd's `Restart=always`).
"""

import contextlib
import logging
import random
import time
from datetime import timedelta

from django.core.exceptions import SuspiciousOperation
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)
from django.utils import timezone
from django_redis.exceptions import ConnectionInterrupted
from django_tasks import TaskResultStatus
from django_tasks.base import TaskContext
from django_tasks.signals import task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from website.tasks import ensure_periodic_tasks

logger = logging.getLogger("website.worker")

# The database or the cache cannot be reached (refused, dropped, restarted, timed out).
OUTAGE_ERRORS = (
    OperationalError,
    InterfaceError,
    RedisConnectionError,
    RedisTimeoutError,
    ConnectionInterrupted,
)
# A task that keeps failing with an outage error runs at most this many times, then fails.
MAX_OUTAGE_ATTEMPTS = 5
PERIODIC_CHECK_EVERY = timedelta(seconds=60)


def is_outage(error):
    return isinstance(error, OUTAGE_ERRORS)


def describe(error):
    """`Type: first line of the message`, for the log (no arguments, no personal data)."""
    first_line = (str(error).strip().splitlines() or [""])[0][:200]
    return f"{type(error).__name__}: {first_line}"


class Backoff:
    """1, 2, 4 … seconds, capped, with a little jitter so that workers do not retry together."""

    def __init__(self, *, first=1.0, cap=60.0):
        self.first = first
        self.cap = cap
        self.failures = 0

    def next_delay(self):
        delay = min(self.cap, self.first * 2**self.failures)
        self.failures += 1
        return delay * random.uniform(0.9, 1.0)

    def reset(self):
        failures, self.failures = self.failures, 0
        return failures


class RecoveringWorker(Worker):
    """django-tasks-db's worker loop, with the recovery described in the module docstring."""

    def __init__(self, *, sleep=time.sleep, clock=time.monotonic, backoff=None, **kwargs):
        super().__init__(**kwargs)
        self.sleep = sleep
        self.clock = clock
        self.backoff = backoff or Backoff()
        self.unrecorded = None  # (what, db_task_result, value): a result still to be written
        self.next_periodic_check = None

    # the loop ---------------------------------------------------------------------------------
    def run(self):
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, self.queue_names)
        if self.startup_delay and self.interval:
            self.sleep(random.random())
        while self.running:
            try:
                self.record_unrecorded()
                self.keep_periodic_tasks()
                task_result = self.claim_next()
                if task_result is not None:
                    self.run_task(task_result)
                    self.record_unrecorded()
                close_old_connections()
            except OUTAGE_ERRORS as error:
                self.wait_out(error)
                continue
            self.back_in_service()
            if self.batch and task_result is None:
                logger.info("No more tasks to run for worker_id=%s, exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info(
                    "Ran %d tasks on worker_id=%s, exiting.", self._run_tasks, self.worker_id
                )
                return
            if self.running and task_result is None:
                self.sleep(self.interval)

    def claim_next(self):
        """The next ready task, claimed for this worker (as django-tasks-db's loop does)."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
            except OperationalError as error:
                if "is locked" not in str(error):
                    raise
                return None  # SQLite's lock: another writer; try again on the next round
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    def keep_periodic_tasks(self):
        now = self.clock()
        if self.next_periodic_check is not None and now < self.next_periodic_check:
            return
        for path, outcome in ensure_periodic_tasks().items():
            if outcome == "queued":
                logger.info("Periodic task %s had no copy waiting: queued.", path)
        self.next_periodic_check = now + PERIODIC_CHECK_EVERY.total_seconds()

    # outages ----------------------------------------------------------------------------------
    def wait_out(self, error):
        delay = self.backoff.next_delay()
        logger.warning(
            "Database or cache unreachable (%s); worker %s tries again in %.0f s.",
            describe(error),
            self.worker_id,
            delay,
        )
        for connection in connections.all(initialized_only=True):
            with contextlib.suppress(DatabaseError):
                connection.close()
        self.sleep(delay)

    def back_in_service(self):
        failures = self.backoff.reset()
        if failures:
            logger.warning(
                "Database and cache reachable again after %d failed round(s); worker %s "
                "carries on.",
                failures,
                self.worker_id,
            )

    # one task -----------------------------------------------------------------------------------
    def run_task(self, db_task_result):
        """Run the task; what to record is kept in `unrecorded` until it is written."""
        try:
            self.running_task = True
            try:
                task = db_task_result.task
                task_result = db_task_result.task_result
                task_started.send(sender=type(task.get_backend()), task_result=task_result)
                if task.takes_context:
                    value = task.call(
                        TaskContext(task_result=task_result),
                        *task_result.args,
                        **task_result.kwargs,
                    )
                else:
                    value = task.call(*task_result.args, **task_result.kwargs)
            except BaseException as error:  # noqa: BLE001 - recorded, as django-tasks-db does
                if is_outage(error) and len(db_task_result.worker_ids) < MAX_OUTAGE_ATTEMPTS:
                    self.unrecorded = ("again", db_task_result, error)
                else:
                    self.unrecorded = ("failed", db_task_result, error)
            else:
                self.unrecorded = ("successful", db_task_result, value)
        finally:
            self.running_task = False
            self._run_tasks += 1

    def record_unrecorded(self):
        """Write the last task's outcome; an outage error here is retried by the loop."""
        if self.unrecorded is None:
            return
        what, db_task_result, value = self.unrecorded
        if what == "again":
            attempts = len(db_task_result.worker_ids)
            delay = timedelta(seconds=min(self.backoff.cap, self.backoff.first * 2**attempts))
            DBTaskResult.objects.filter(
                pk=db_task_result.pk, status=TaskResultStatus.RUNNING
            ).update(status=TaskResultStatus.READY, run_after=timezone.now() + delay)
            logger.warning(
                "Task %s (%s) met an outage (%s); queued again.",
                db_task_result.pk,
                db_task_result.task_path,
                describe(value),
            )
            self.unrecorded = None
            return
        if what == "successful":
            db_task_result.set_successful(value)
        else:
            db_task_result.set_failed(value)
        self.unrecorded = None
        self.send_finished(db_task_result)

    @staticmethod
    def send_finished(db_task_result):
        try:
            sender = type(db_task_result.task.get_backend())
            task_result = db_task_result.task_result
        except (ImportError, SuspiciousOperation):
            logger.exception("Task id=%s failed unexpectedly", db_task_result.id)
        else:
            task_finished.send(sender=sender, task_result=task_result)
