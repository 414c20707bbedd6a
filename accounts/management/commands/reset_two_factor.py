"""`manage.py reset_two_factor USERNAME`: for someone who lost both their phone and their recovery
codes. Deletes their second factors and signs them out everywhere; they enrol again at their next
sign-in."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import services


class Command(BaseCommand):
    help = "Delete a user's second factors and sessions; they set it up again at next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        devices, sessions = services.reset_two_factor(user=user)
        self.stdout.write(
            f"{username}: {devices} second factor(s) deleted, {sessions} session(s) ended. "
            "They set up two-factor sign-in again at their next sign-in."
        )
