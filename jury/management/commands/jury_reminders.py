"""`python manage.py jury_reminders`: two days before a round closes, remind each juror who still
has unmarked entries (once per round). Run it daily, e.g. from cron or the task worker."""

from django.core.management.base import BaseCommand

from jury.notifications import reminders


class Command(BaseCommand):
    help = "Remind jurors with unmarked entries two days before their round closes."

    def handle(self, *args, **options):
        sent = reminders()
        self.stdout.write(f"Jury reminders sent: {sent}")
