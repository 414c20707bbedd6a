"""Faults under a real worker process (`manage.py run_worker`) on the suite's PostgreSQL
database: the database drops the worker's connection (as in a restart) and the worker carries
on; the worker is killed in the middle of a bulletin send and a new one finishes it alone once
the lease has run out."""

import email
import os
import signal
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsletter.enums import DeliveryState, SendState
from newsletter.models import BulletinSend, Delivery
from newsletter.tasks import send_bulletin
from tests.factories.bulletins import BulletinIndexPageFactory, BulletinPageFactory, own_item
from tests.factories.newsletter import BulletinSendFactory, DeliveryFactory, SubscriberFactory
from tests.ops import embedded_site, worker_processes
from tests.ops.worker_processes import wait_for
from tests.ops.worker_tasks import echo

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
pytestmark = [
    pytest.mark.ops,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker process shares the suite's database: it runs in the PostgreSQL pass",
    ),
]


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def start_worker(env, log):
    return embedded_site.start(
        ["run_worker", "--interval", "0.2", "--no-startup-delay"], env=env, log=log
    )


def status(result_id):
    return DBTaskResult.objects.get(pk=result_id).status


def terminate_other_backends():
    """What a database restart does to the worker: every other connection to the suite's
    database is dropped by the server (pg_terminate_backend)."""
    settings = connection.settings_dict
    connection.ensure_connection()
    own = connection.connection.info.backend_pid
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> %s AND pid <> pg_backend_pid()",
            (settings["NAME"], own),
        ).fetchall()
    return len(rows)


def test_worker_keeps_running_when_the_database_drops_its_connection(tmp_path):
    env = worker_processes.environment(tmp_path, CONN_MAX_AGE="600")
    log = tmp_path / "worker.log"
    worker = start_worker(env, log)
    try:
        before = echo.enqueue("before")
        wait_for(
            lambda: status(before.id) == TaskResultStatus.SUCCESSFUL,
            what="the first task",
            process=worker,
            log=log,
        )
        assert terminate_other_backends() >= 1

        after = echo.enqueue("after")
        wait_for(
            lambda: status(after.id) == TaskResultStatus.SUCCESSFUL,
            what="the task after the drop",
            process=worker,
            log=log,
        )
        assert worker.poll() is None
    finally:
        embedded_site.stop(worker)
    output = log.read_text()
    assert "Database or cache unreachable (OperationalError: " in output
    assert "Database and cache reachable again after 1 failed round(s)" in output
    assert DBTaskResult.objects.get(pk=after.id).return_value == "after"


def recipients(folder):
    found = []
    for path in sorted(Path(folder).glob("*.log")):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                found.append(email.message_from_string(chunk.strip())["To"])
    return found


SUBSCRIBERS = 20


def test_worker_killed_in_the_middle_of_a_send_resumes_alone_after_the_lease(
    tmp_path, home, site_settings
):
    page = BulletinPageFactory(
        parent=BulletinIndexPageFactory(parent=home), items=[own_item(n) for n in (3, 11)]
    )
    send = BulletinSendFactory(page=page)
    for number in range(SUBSCRIBERS):
        DeliveryFactory(send=send, subscriber=SubscriberFactory(email=f"r{number}@example.org"))
    env = worker_processes.environment(tmp_path, DJANGO_SETTINGS_MODULE="tests.ops.worker_settings")
    log = tmp_path / "worker.log"
    send_bulletin.enqueue(send.pk)
    first = start_worker(env, log)
    try:
        wait_for(
            lambda: Delivery.objects.filter(send=send, state=DeliveryState.SENT).count() >= 3,
            what="the first messages",
            process=first,
            log=log,
        )
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    send.refresh_from_db()
    sent_by_the_first = Delivery.objects.filter(send=send, state=DeliveryState.SENT).count()
    assert (send.state, bool(send.job_id)) == (SendState.SENDING, True)
    assert sent_by_the_first < SUBSCRIBERS

    second = start_worker(env, tmp_path / "worker-2.log")
    try:
        wait_for(
            lambda: BulletinSend.objects.get(pk=send.pk).state == SendState.FINISHED,
            timeout=120,
            what="the send finished by the second worker",
            process=second,
            log=tmp_path / "worker-2.log",
        )
    finally:
        embedded_site.stop(second)
    states = set(Delivery.objects.filter(send=send).values_list("state", flat=True))
    assert states == {DeliveryState.SENT}
    received = recipients(tmp_path / "mail")
    assert set(received) == {f"r{number}@example.org" for number in range(SUBSCRIBERS)}
    # a kill between the server's acceptance and the sent mark may repeat that one message
    assert SUBSCRIBERS <= len(received) <= SUBSCRIBERS + 1
