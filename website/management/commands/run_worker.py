"""`python manage.py run_worker`: the background worker that survives database and cache outages.

The same options as django-tasks-db's `db_worker` (`--queue-name`, `--interval`, `--batch`,
`--max-tasks`, `--worker-id`, `--reload`…); all queues by default. What it does in an outage:
website/worker.py.
"""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from website.worker import RecoveringWorker


class Command(db_worker.Command):
    help = "Run the background worker; it waits out database and cache outages and carries on."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        **options,
    ):
        self.configure_logging(verbosity)
        worker = RecoveringWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
