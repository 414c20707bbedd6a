"""`/health/` and `/health/app/` (website/health.py): each check passing and failing, on real
parts — the suite's database and an unreachable PostgreSQL, Redis and a closed port, folders on
disk and a folder that cannot exist, a task left waiting."""

import datetime
import json

import pytest
from django.core.cache import caches
from django.core.files.storage import storages
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.ops.worker_tasks import echo
from tests.outage import Outage, closed_port

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ALL_OK = (
    "Database(alias='default'): OK\n"
    "Cache(alias='default'): OK\n"
    "Storage(alias='default'): OK\n"
    "Storage(alias='private'): OK\n"
    "TaskQueue(): OK\n"
)


def lines(response):
    return response.content.decode().splitlines()


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
            "OPTIONS": {"IGNORE_EXCEPTIONS": False, "SOCKET_CONNECT_TIMEOUT": 2},
        }
    }
    yield
    caches["default"].close()


def test_health_answers_ok_for_every_check_and_is_never_cached(client, redis_cache):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.content.decode() == ALL_OK
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert "Surrogate-Control" not in response
    assert response.cookies == {}


def test_health_in_json_when_asked(client):
    response = client.get("/health/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert json.loads(response.content) == {
        line.split(": ")[0]: "OK" for line in ALL_OK.splitlines()
    }


def test_html_is_never_served_plain_text_instead(client):
    response = client.get("/health/", HTTP_ACCEPT="text/html")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == ALL_OK


def test_app_health_leaves_out_the_task_queue(client):
    response = client.get("/health/app/")

    assert response.status_code == 200
    assert "TaskQueue(): OK" not in lines(response)
    assert len(lines(response)) == 4


def test_health_fails_when_the_database_is_unreachable(client):
    outage = Outage()
    outage.begin()
    try:
        response = client.get("/health/app/")
    finally:
        outage.end()

    assert response.status_code == 500
    assert lines(response)[0] == ("Database(alias='default'): Unavailable: connection failed")
    assert lines(response)[1:] == ALL_OK.splitlines()[1:4]


def test_health_fails_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": False, "SOCKET_CONNECT_TIMEOUT": 2},
        }
    }

    response = client.get("/health/app/")

    assert response.status_code == 500
    assert lines(response)[1] == "Cache(alias='default'): Unexpected Result: Connection Error"


def test_health_fails_when_a_storage_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker / "private")},
        },
    }
    storages._storages.pop("private", None)
    try:
        response = client.get("/health/app/")
    finally:
        storages._storages.pop("private", None)

    assert response.status_code == 500
    assert lines(response)[3] == "Storage(alias='private'): Unknown Error: unknown error"


def test_health_fails_when_the_oldest_due_task_waited_too_long(client, settings):
    settings.TASKS = DATABASE_TASKS
    settings.HEALTH_QUEUE_MAX_AGE = 600
    result = echo.enqueue("waiting")
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=DBTaskResult.objects.get(pk=result.id).enqueued_at
        - datetime.timedelta(seconds=601)
    )

    response = client.get("/health/")

    assert response.status_code == 500
    assert lines(response)[4].startswith(
        "TaskQueue(): Unavailable: the oldest due task has waited 60"
    )
    assert lines(response)[4].endswith(" s (limit 600 s): is the worker running?")
    assert client.get("/health/app/").status_code == 200


def test_tasks_waiting_briefly_or_due_later_are_healthy(client, settings):
    settings.TASKS = DATABASE_TASKS
    settings.HEALTH_QUEUE_MAX_AGE = 600
    echo.enqueue("just queued")
    echo.using(run_after=timezone.now() - datetime.timedelta(seconds=30)).enqueue("due")
    echo.using(run_after=timezone.now() + datetime.timedelta(hours=2)).enqueue("later")

    response = client.get("/health/")

    assert (response.status_code, lines(response)[4]) == (200, "TaskQueue(): OK")
