"""Background work of the competitions: the daily round. Tasks load by id and call services.
The e-mails go through the site's outbox (competitions/outbox.py, mail/)."""

from datetime import timedelta

from django_tasks import task

from competitions import services
from competitions.duplicates import find_duplicates
from website.tasks import schedule_next_run

PURGE_EVERY = timedelta(days=1)
# Images kept between two sends of the entry form live a few hours (models/uploads.py).
STALE_UPLOADS_EVERY = timedelta(hours=1)

__all__ = [
    "PERIODIC_TASKS",
    "delete_stale_uploads_task",
    "find_duplicates",
    "housekeeping",
    "purge_entries_task",
]


def housekeeping():
    """The daily round: the one consent reminder, expired consents, the purge of personal data
    (entries an app above protects are kept: `competitions.retention`)."""
    return {
        "reminded": services.send_consent_reminders(),
        "expired": services.expire_unconsented(),
        "purged": services.purge_entries(),
    }


@task()
def purge_entries_task():
    """Run `housekeeping` and queue the next run a day later (see `website.tasks`)."""
    try:
        return housekeeping()
    finally:
        # Queue the next run even when this one failed; this copy is itself marked running.
        schedule_next_run(purge_entries_task, delay=PURGE_EVERY)


@task()
def delete_stale_uploads_task():
    """Delete the entry form's kept images left behind; queue the next run an hour later."""
    try:
        return services.delete_stale_uploads()
    finally:
        schedule_next_run(delete_stale_uploads_task, delay=STALE_UPLOADS_EVERY)


# Queued by `manage.py start_periodic_tasks` (website/tasks.py); each run queues the next.
PERIODIC_TASKS = (purge_entries_task, delete_stale_uploads_task)
