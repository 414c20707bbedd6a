from django.core.management.base import BaseCommand

from competitions import services
from competitions.tasks import retry_unsent


class Command(BaseCommand):
    help = (
        "Send the one consent reminder, delete entries whose consent expired, erase the personal "
        "data of old rejected entries, and queue again e-mails that failed."
    )

    def handle(self, *args, **options):
        reminded = services.send_consent_reminders()
        expired = services.expire_unconsented()
        purged = services.purge_entries()
        retried = retry_unsent()
        self.stdout.write(
            f"reminded={reminded} expired={expired} purged={purged} retried={retried}"
        )
