"""The worker that recovers (website/worker.py), run in this process against the suite's database
with the database task backend: outages of a real unreachable database (tests/outage.py), tasks
that meet an outage, results written once the database is back."""

import logging
import math

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.ops import worker_tasks
from tests.outage import Outage
from website.worker import MAX_OUTAGE_ATTEMPTS, RecoveringWorker

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


class Sleeps(list):
    """Stands for time.sleep: records each wait, and may end an outage after `end_after`."""

    def __init__(self, outage=None, end_after=None):
        super().__init__()
        self.outage = outage
        self.end_after = end_after

    def __call__(self, seconds):
        self.append(seconds)
        if self.outage is not None and len(self) == self.end_after:
            self.outage.end()


def make_worker(*, sleep, max_tasks=1, periodic=False):
    worker = RecoveringWorker(
        queue_names=["*"],
        interval=0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
        sleep=sleep,
    )
    if not periodic:
        worker.next_periodic_check = math.inf  # these tests are about the tasks they queue
    return worker


class Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture
def worker_log():
    """The messages the worker logs (pytest's own log capture is off in this suite)."""
    logger = logging.getLogger("website.worker")
    records, level = Records(), logger.level
    logger.addHandler(records)
    logger.setLevel(logging.INFO)
    yield records.messages
    logger.removeHandler(records)
    logger.setLevel(level)


@pytest.fixture
def outage():
    outage = Outage()
    yield outage
    outage.end()


def test_worker_runs_a_task_and_records_its_result():
    result = worker_tasks.echo.enqueue("a")

    make_worker(sleep=Sleeps()).run()

    row = DBTaskResult.objects.get(pk=result.id)
    assert (row.status, row.return_value, row.worker_ids) == (
        TaskResultStatus.SUCCESSFUL,
        "a",
        ["test-worker"],
    )


def test_worker_waits_out_an_unreachable_database_then_runs_the_task(outage, worker_log):
    result = worker_tasks.echo.enqueue("after the outage")
    sleeps = Sleeps(outage, end_after=3)
    outage.begin()

    make_worker(sleep=sleeps).run()

    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    # 1, 2 and 4 seconds, each less up to a tenth of jitter
    assert [round(seconds) for seconds in sleeps] == [1, 2, 4]
    assert all(0.9 * 2**n <= seconds <= 2**n for n, seconds in enumerate(sleeps))
    refused = (
        'OperationalError: connection failed: connection to server at "127.0.0.1", '
        f"port {outage.port} failed: Connection refused"
    )
    assert worker_log == [
        "Starting worker worker_id=test-worker queues=['*']",
        f"Database or cache unreachable ({refused}); worker test-worker tries again in 1 s.",
        f"Database or cache unreachable ({refused}); worker test-worker tries again in 2 s.",
        f"Database or cache unreachable ({refused}); worker test-worker tries again in 4 s.",
        "Database and cache reachable again after 3 failed round(s); worker test-worker "
        "carries on.",
        "Ran 1 tasks on worker_id=test-worker, exiting.",
    ]


def test_worker_records_a_result_the_outage_kept_it_from_writing(outage):
    result = worker_tasks.then_the_database_goes_away.enqueue("kept")
    worker_tasks.OUTAGE.real = None  # the task's outage is this test's
    sleeps = Sleeps(worker_tasks.OUTAGE, end_after=2)

    make_worker(sleep=sleeps).run()

    row = DBTaskResult.objects.get(pk=result.id)
    assert (row.status, row.return_value, len(sleeps)) == (TaskResultStatus.SUCCESSFUL, "kept", 2)
    assert worker_tasks.OUTAGE.active is False


def test_task_that_meets_an_outage_is_queued_again_and_then_runs():
    result = worker_tasks.outage_on_first_attempt.enqueue()
    before = timezone.now()

    make_worker(sleep=Sleeps()).run()

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY
    # the second run waits 2 s (1 s doubled for the one attempt made)
    assert 2 <= (row.run_after - before).total_seconds() < 4
    DBTaskResult.objects.filter(pk=result.id).update(run_after=timezone.now())

    make_worker(sleep=Sleeps()).run()

    row.refresh_from_db()
    assert (row.status, row.return_value, row.worker_ids) == (
        TaskResultStatus.SUCCESSFUL,
        "done on attempt 2",
        ["test-worker", "test-worker"],
    )


def test_task_that_meets_an_outage_every_time_fails_after_the_last_attempt():
    result = worker_tasks.always_outage.enqueue()

    for _attempt in range(MAX_OUTAGE_ATTEMPTS):
        DBTaskResult.objects.filter(pk=result.id).update(run_after=timezone.now())
        make_worker(sleep=Sleeps()).run()

    row = DBTaskResult.objects.get(pk=result.id)
    assert (row.status, row.exception_class_path, len(row.worker_ids)) == (
        TaskResultStatus.FAILED,
        "django.db.utils.OperationalError",
        MAX_OUTAGE_ATTEMPTS,
    )


def test_task_that_fails_with_a_bug_fails_at_once():
    result = worker_tasks.bug.enqueue()

    make_worker(sleep=Sleeps()).run()

    row = DBTaskResult.objects.get(pk=result.id)
    assert (row.status, row.exception_class_path) == (
        TaskResultStatus.FAILED,
        "builtins.ValueError",
    )
    assert row.traceback.strip().endswith("ValueError: a bug, not an outage")


def test_worker_queues_a_periodic_task_that_has_no_copy_waiting(worker_log):
    now = [1000.0]
    worker = make_worker(sleep=Sleeps(), periodic=True)
    worker.clock = lambda: now[0]
    worker.keep_periodic_tasks()
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    DBTaskResult.objects.filter(task_path="jury.tasks.send_reminders").delete()

    now[0] += 59
    worker.keep_periodic_tasks()
    assert "jury.tasks.send_reminders" not in set(
        DBTaskResult.objects.values_list("task_path", flat=True)
    )
    now[0] += 2
    worker_log.clear()
    worker.keep_periodic_tasks()

    assert set(DBTaskResult.objects.values_list("task_path", flat=True)) == queued
    assert worker_log == ["Periodic task jury.tasks.send_reminders had no copy waiting: queued."]


def test_worker_uses_the_suites_database():
    """The outage tests above swap the connection; the real one is back after them."""
    assert connection.settings_dict["NAME"] != "untold_unreachable"
