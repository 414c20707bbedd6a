"""Scheduled publishing: a periodic task runs Wagtail's `publish_scheduled` in the worker."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Revision

from website.models import StandardPage
from website.tasks import PUBLISH_SCHEDULED_EVERY, publish_scheduled_pages

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK_PATH = "website.tasks.publish_scheduled_pages"


@pytest.fixture
def scheduled_page(home):
    """A page an editor published with a go-live time one hour from now."""
    page = home.add_child(
        instance=StandardPage(
            title="Njoftim",
            title_sq="Njoftim",
            title_en="Announcement",
            slug="njoftim",
            slug_sq="njoftim",
            slug_en="announcement",
            live=False,
        )
    )
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live is False
    return page


def make_due(page):
    """Let the hour pass: move the go-live time of the scheduled revision into the past."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    for revision in Revision.page_revisions.filter(object_id=str(page.pk)):
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save(update_fields=["content", "approved_go_live_at"])


def test_publish_task_publishes_a_page_whose_go_live_time_has_come(client, scheduled_page):
    make_due(scheduled_page)

    result = publish_scheduled_pages.enqueue()

    scheduled_page.refresh_from_db()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert scheduled_page.live is True
    assert client.get("/en/announcement/").status_code == 200


def test_publish_task_leaves_a_page_scheduled_for_later(scheduled_page):
    publish_scheduled_pages.enqueue()

    scheduled_page.refresh_from_db()
    assert scheduled_page.live is False


def test_publish_task_does_not_repeat_under_the_immediate_backend(db):
    publish_scheduled_pages.enqueue()

    assert DBTaskResult.objects.filter(task_path=TASK_PATH).count() == 0


def test_start_command_runs_the_task_once_under_the_immediate_backend(scheduled_page):
    make_due(scheduled_page)

    call_command("start_periodic_tasks", stdout=io.StringIO())

    scheduled_page.refresh_from_db()
    assert scheduled_page.live is True


@override_settings(TASKS=DATABASE_TASKS)
def test_start_command_queues_one_copy_however_often_it_runs(db):
    call_command("start_periodic_tasks", stdout=io.StringIO())
    call_command("start_periodic_tasks", stdout=io.StringIO())

    pending = DBTaskResult.objects.get(task_path=TASK_PATH)
    assert pending.status == TaskResultStatus.READY
    assert pending.run_after <= timezone.now()


@override_settings(TASKS=DATABASE_TASKS)
def test_start_command_leaves_a_running_copy_alone_unless_it_is_stale(db):
    call_command("start_periodic_tasks", stdout=io.StringIO())
    running = DBTaskResult.objects.get(task_path=TASK_PATH)
    running.status = TaskResultStatus.RUNNING
    running.started_at = timezone.now()
    running.save()

    call_command("start_periodic_tasks", stdout=io.StringIO())
    assert DBTaskResult.objects.filter(task_path=TASK_PATH).count() == 1

    DBTaskResult.objects.filter(task_path=TASK_PATH).update(
        started_at=timezone.now() - datetime.timedelta(hours=1)
    )
    call_command("start_periodic_tasks", stdout=io.StringIO())
    ready = DBTaskResult.objects.filter(task_path=TASK_PATH, status=TaskResultStatus.READY)
    assert ready.count() == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_a_run_in_the_worker_queues_the_next_run_a_minute_later(scheduled_page):
    make_due(scheduled_page)
    before = timezone.now()

    publish_scheduled_pages.call()  # what the worker does with a queued copy

    scheduled_page.refresh_from_db()
    assert scheduled_page.live is True
    following = DBTaskResult.objects.get(task_path=TASK_PATH)
    assert following.status == TaskResultStatus.READY
    assert before + PUBLISH_SCHEDULED_EVERY <= following.run_after
    assert following.run_after <= timezone.now() + PUBLISH_SCHEDULED_EVERY


@override_settings(TASKS=DATABASE_TASKS)
def test_a_run_does_not_queue_a_second_copy_when_one_is_queued(db):
    publish_scheduled_pages.call()
    publish_scheduled_pages.call()

    assert DBTaskResult.objects.filter(task_path=TASK_PATH).count() == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_a_failing_run_still_queues_the_next_run(db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr("website.tasks.call_command", broken)

    with pytest.raises(RuntimeError):
        publish_scheduled_pages.call()

    assert DBTaskResult.objects.filter(task_path=TASK_PATH).count() == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_start_command_also_queues_the_apps_periodic_tasks(db):
    call_command("start_periodic_tasks", stdout=io.StringIO())
    call_command("start_periodic_tasks", stdout=io.StringIO())

    paths = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    # The whole set, and that each runs: tests/ops/test_worker_periodic.py.
    assert "competitions.tasks.purge_entries_task" in paths
    assert paths.count(TASK_PATH) == 1
    assert len(paths) == len(set(paths))
