"""Background jobs: load by id, call the sending code, nothing else."""

from datetime import timedelta

from django_tasks import task

from newsletter import conf, sending
from website.tasks import schedule_next_run


@task()
def send_bulletin(send_id: int) -> str:
    return sending.run_send(send_id)


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


# Queued by `manage.py start_periodic_tasks` (website/tasks.py); each run queues the next.
PERIODIC_TASKS = (resume_expired_sends,)
