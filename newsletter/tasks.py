"""Background jobs: load by id, call the sending code, nothing else."""

from datetime import timedelta

from django_tasks import task

from newsletter import conf, scheduling, sending
from newsletter.models import BulletinSend
from website.tasks import schedule_next_run


@task()
def send_bulletin(send_id: int) -> str:
    """Send (or go on sending) a bulletin; paused while the mail server cannot be reached, the
    next job is queued for the time of the probe (newsletter/sending.py)."""
    result = sending.run_send(send_id)
    if result == "paused":
        schedule_probe(send_id)
    return result


def schedule_probe(send_id):
    """Queue the job that probes the mail server and resumes the send (a backend that cannot
    hold a task for later — the tests' — leaves it to the caller)."""
    send = BulletinSend.objects.filter(pk=send_id).only("paused_until").first()
    if send is None or send.paused_until is None:
        return None
    if not send_bulletin.get_backend().supports_defer:
        return None
    return send_bulletin.using(run_after=send.paused_until).enqueue(send_id)


@task()
def resume_expired_sends() -> list:
    """A send whose worker was killed goes on by itself once its lease runs out (see
    newsletter/sending.py, "Resume"); runs twice per lease (every minute by default)."""
    try:
        released = sending.release_expired_leases()
        for send_id in released:
            send_bulletin.enqueue(send_id)
        return released
    finally:
        # Queue the next run even when this one failed; this copy is itself marked running.
        every = timedelta(seconds=conf.get("NEWSLETTER_LEASE_SECONDS") / 2)
        schedule_next_run(resume_expired_sends, delay=every)


START_SCHEDULED_EVERY = timedelta(seconds=60)


@task()
def start_scheduled_sends() -> list:
    """Start the scheduled sends whose time has come and queue their jobs; every minute
    (newsletter/scheduling.py)."""
    try:
        started = scheduling.start_due_sends()
        for send_id in started:
            send_bulletin.enqueue(send_id)
        return started
    finally:
        # Queue the next run even when this one failed; this copy is itself marked running.
        schedule_next_run(start_scheduled_sends, delay=START_SCHEDULED_EVERY)


# Queued by `manage.py start_periodic_tasks` (website/tasks.py); each run queues the next.
PERIODIC_TASKS = (resume_expired_sends, start_scheduled_sends)
