"""Background work of the exhibition: the e-mail to a parent or guardian. Tasks load by id and
call one function in `exhibition.notifications`."""

from django_tasks import task

from exhibition import notifications


@task()
def notify_guardian(entry_id, key):
    return notifications.guardian_request(entry_id, key)
