"""Background jobs: load by id, call the sending code, nothing else."""

from django_tasks import task


@task()
def send_bulletin(send_id: int) -> str:
    from newsletter.sending import run_send

    return run_send(send_id)
