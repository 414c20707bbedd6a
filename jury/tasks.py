"""Background work of the jury: e-mails to jurors, the chair and entrants. Tasks load by id and
call one function in `jury.notifications`."""

from django_tasks import task

from jury import notifications


@task()
def notify_round_opened(round_id):
    return notifications.round_opened(round_id)


@task()
def notify_chair_if_finished(round_id):
    return notifications.chair_if_finished(round_id)


@task()
def send_reminders():
    return notifications.reminders()


@task()
def notify_entrant(entry_id, key):
    return notifications.entrant_notice(entry_id, key)


@task()
def notify_shortlisted(round_id):
    return notifications.shortlisted(round_id)


@task()
def notify_not_selected(round_id, finalists=False):
    return notifications.not_selected(round_id, finalists=finalists)
