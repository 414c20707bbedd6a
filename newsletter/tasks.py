"""Background jobs: load by id, call the sending code, nothing else."""

from django_tasks import task

from newsletter import sending


@task()
def send_bulletin(send_id: int) -> str:
    return sending.run_send(send_id)
