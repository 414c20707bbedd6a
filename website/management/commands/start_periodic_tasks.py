"""`python manage.py start_periodic_tasks`: queue the first run of each periodic task.

Run it once after each deploy (and `bin/run-dev` runs it before starting the worker). Each task
queues its own next run; a copy already queued or running is left alone, so running this command
again never doubles a task.
"""

import datetime

from django.core.management.base import BaseCommand

from website.tasks import all_periodic_tasks, repeats_on, schedule_next_run


class Command(BaseCommand):
    help = (
        "Queue the periodic tasks (scheduled publishing, the entries purge) unless already queued."
    )

    def handle(self, *args, **options):
        for periodic_task in all_periodic_tasks():
            name = periodic_task.module_path
            if not repeats_on(periodic_task.get_backend()):
                # A backend that cannot hold a later run (tests): run it once, now.
                periodic_task.enqueue()
                self.stdout.write(f"{name}: ran once (this task backend does not repeat).")
            elif schedule_next_run(
                periodic_task, delay=datetime.timedelta(0), include_running=True
            ):
                self.stdout.write(f"{name}: queued.")
            else:
                self.stdout.write(f"{name}: already queued.")
