"""Background work of the jury: e-mails to jurors and the chair. Tasks load by id and call one
function in `jury.notifications`."""

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
