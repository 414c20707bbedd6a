"""Every periodic task is queued by `start_periodic_tasks` (and by the worker's own check), runs
in the worker, and queues its next run; the jury's reminders and the resumption of a bulletin
send whose worker was killed, end to end through the worker."""

import datetime
import io
import math

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jury import services as jury_services
from newsletter.enums import DeliveryState, SendState
from newsletter.models import BulletinSend
from tests.factories.bulletins import BulletinIndexPageFactory, BulletinPageFactory, own_item
from tests.factories.newsletter import BulletinSendFactory, DeliveryFactory, SubscriberFactory
from tests.jury.conftest import competition, entries, jurors, jury, make_round, moderator
from website.tasks import all_periodic_tasks
from website.worker import RecoveringWorker

__all__ = ["competition", "entries", "jurors", "jury", "moderator"]  # fixtures used below

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Each periodic task and how long after a run its next one is due.
PERIODIC = {
    "website.tasks.publish_scheduled_pages": datetime.timedelta(minutes=1),
    "competitions.tasks.purge_entries_task": datetime.timedelta(days=1),
    "competitions.tasks.delete_stale_uploads_task": datetime.timedelta(hours=1),
    "jury.tasks.send_reminders": datetime.timedelta(hours=1),
    "newsletter.tasks.resume_expired_sends": datetime.timedelta(minutes=1),
    "newsletter.tasks.start_scheduled_sends": datetime.timedelta(minutes=1),
    # the outbox: messages due (first tries and retries with backoff)
    "mail.tasks.send_due_messages": datetime.timedelta(minutes=1),
}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def run_worker(max_tasks):
    """The worker, in this process, until it has run `max_tasks` tasks or none is ready."""
    worker = RecoveringWorker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
        sleep=lambda seconds: None,
    )
    worker.next_periodic_check = math.inf  # only what the test queued
    worker.run()


def test_periodic_tasks_are_exactly_these():
    assert {task.module_path for task in all_periodic_tasks()} == set(PERIODIC)


def test_start_command_queues_each_periodic_task_once():
    out = io.StringIO()

    call_command("start_periodic_tasks", stdout=out)
    call_command("start_periodic_tasks", stdout=out)

    rows = DBTaskResult.objects.values_list("task_path", "status")
    assert sorted(rows) == sorted((path, TaskResultStatus.READY) for path in PERIODIC)
    assert out.getvalue().splitlines() == [
        *(f"{task.module_path}: queued." for task in all_periodic_tasks()),
        *(f"{task.module_path}: already queued." for task in all_periodic_tasks()),
    ]


def test_each_periodic_task_runs_in_the_worker_and_queues_its_next_run():
    call_command("start_periodic_tasks", stdout=io.StringIO())

    run_worker(max_tasks=len(PERIODIC))

    for path, every in PERIODIC.items():
        ran = DBTaskResult.objects.get(task_path=path, status=TaskResultStatus.SUCCESSFUL)
        following = DBTaskResult.objects.get(task_path=path, status=TaskResultStatus.READY)
        # queued by the run itself, `every` after that moment
        assert ran.started_at + every <= following.run_after <= ran.finished_at + every, path


# After an earlier transactional test's flush the role groups the migrations made are gone:
# `role_groups` (tests/conftest.py) makes them again before the jury's fixtures need them.
@pytest.mark.usefixtures("role_groups")
def test_jury_reminders_go_out_from_the_worker_two_days_before_a_round_closes(
    jury, entries, jurors, moderator
):
    closing = make_round(jury, closes_at=timezone.now() + datetime.timedelta(hours=36))
    later = make_round(jury, position=2, closes_at=timezone.now() + datetime.timedelta(days=3))
    for round in (closing, later):
        jury_services.open_round(round, by=moderator)
    mail.outbox.clear()
    DBTaskResult.objects.all().delete()
    call_command("start_periodic_tasks", stdout=io.StringIO())
    DBTaskResult.objects.exclude(task_path="jury.tasks.send_reminders").delete()

    run_worker(max_tasks=None)  # the reminders, then whatever they queued (e-mails)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "juror1@example.org",
        "juror2@example.org",
        "juror3@example.org",
    ]
    closing.refresh_from_db()
    later.refresh_from_db()
    assert closing.reminded_at is not None
    assert later.reminded_at is None


@pytest.fixture
def bulletin(home, site_settings):
    return BulletinPageFactory(
        parent=BulletinIndexPageFactory(parent=home), items=[own_item(n) for n in (3, 11)]
    )


def test_send_whose_worker_was_killed_resumes_from_the_worker_after_its_lease(bulletin):
    past = timezone.now() - datetime.timedelta(seconds=1)
    killed = BulletinSendFactory(page=bulletin, job_id="dead-job", lease_until=past)
    DeliveryFactory(send=killed, subscriber=SubscriberFactory(email="a@example.org"))
    DeliveryFactory(
        send=killed,
        subscriber=SubscriberFactory(email="b@example.org"),
        state=DeliveryState.SENDING,
        claimed_by="dead-job",
        attempts=1,
    )
    DeliveryFactory(
        send=killed,
        subscriber=SubscriberFactory(email="c@example.org"),
        state=DeliveryState.SENT,
        attempts=1,
    )
    call_command("start_periodic_tasks", stdout=io.StringIO())
    DBTaskResult.objects.exclude(task_path="newsletter.tasks.resume_expired_sends").delete()

    run_worker(max_tasks=2)  # the check, then the send it queued

    killed.refresh_from_db()
    assert killed.state == SendState.FINISHED
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]
    check = DBTaskResult.objects.get(
        task_path="newsletter.tasks.resume_expired_sends", status=TaskResultStatus.SUCCESSFUL
    )
    assert check.return_value == [killed.pk]


def test_a_held_send_and_one_stopped_by_a_bug_are_left_alone(bulletin, home):
    other = BulletinPageFactory(parent=bulletin.get_parent(), number=7, items=[own_item(17)])
    future = timezone.now() + datetime.timedelta(seconds=60)
    held = BulletinSendFactory(page=bulletin, job_id="live-job", lease_until=future)
    after_bug = BulletinSendFactory(page=other, job_id="", lease_until=None)
    call_command("start_periodic_tasks", stdout=io.StringIO())
    DBTaskResult.objects.exclude(task_path="newsletter.tasks.resume_expired_sends").delete()

    run_worker(max_tasks=1)

    check = DBTaskResult.objects.get(
        task_path="newsletter.tasks.resume_expired_sends", status=TaskResultStatus.SUCCESSFUL
    )
    assert check.return_value == []
    assert list(BulletinSend.objects.order_by("pk").values_list("pk", "job_id", "lease_until")) == [
        (held.pk, "live-job", future),
        (after_bug.pk, "", None),
    ]
    assert not DBTaskResult.objects.filter(task_path="newsletter.tasks.send_bulletin").exists()
