from django.core.management.base import BaseCommand

from competitions.tasks import housekeeping


class Command(BaseCommand):
    help = (
        "Send the one consent reminder, delete entries whose consent expired, erase the personal "
        "data of old rejected entries and of entries without an award a set time after the "
        "results. The worker runs the same every day "
        "(competitions.tasks.purge_entries_task)."
    )

    def handle(self, *args, **options):
        done = housekeeping()
        self.stdout.write(" ".join(f"{key}={value}" for key, value in done.items()))
