"""`python manage.py start_periodic_tasks`: queue the first run of each periodic task.

Run it once after each deploy (and `bin/run-dev` runs it before starting the worker). Each task
queues its own next run; a copy already queued or running is left alone, so running this command
again never doubles a task. The worker (`run_worker`) makes the same check every minute.
"""

from django.core.management.base import BaseCommand

from website.tasks import ensure_periodic_tasks

MESSAGES = {
    "queued": "queued.",
    "already queued": "already queued.",
    "ran once": "ran once (this task backend does not repeat).",
}


class Command(BaseCommand):
    help = "Queue the periodic tasks (scheduled publishing, the purge, …) unless already queued."

    def handle(self, *args, **options):
        for name, outcome in ensure_periodic_tasks().items():
            self.stdout.write(f"{name}: {MESSAGES[outcome]}")
