"""Background work of the jury: e-mails to jurors, the chair and entrants. Tasks load by id and
call one function in `jury.notifications`."""

from datetime import timedelta

from django_tasks import task

from jury import notifications
from website.tasks import schedule_next_run

# Reminders go two days before a round closes (`notifications.reminders`); checked every hour.
REMIND_EVERY = timedelta(hours=1)


@task()
def notify_round_opened(round_id):
    return notifications.round_opened(round_id)


@task()
def notify_chair_if_finished(round_id):
    return notifications.chair_if_finished(round_id)


@task()
def send_reminders():
    try:
        return notifications.reminders()
    finally:
        # Queue the next run even when this one failed; this copy is itself marked running.
        schedule_next_run(send_reminders, delay=REMIND_EVERY)


@task()
def notify_entrant(entry_id, key):
    return notifications.entrant_notice(entry_id, key)


@task()
def notify_shortlisted(round_id):
    return notifications.shortlisted(round_id)


@task()
def notify_not_selected(round_id, finalists=False):
    return notifications.not_selected(round_id, finalists=finalists)


# Queued by `manage.py start_periodic_tasks` (website/tasks.py); each run queues the next.
PERIODIC_TASKS = (send_reminders,)
