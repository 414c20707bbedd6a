"""`python manage.py load_demo`: the demo site in both languages, idempotent.

Each local app may add its own content with a `demo.py` module exposing `load(home, stdout)`;
they run after the site core, in INSTALLED_APPS order.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from website import demo
from website.models import HomePage
from website.registry import local_app_modules


class Command(BaseCommand):
    help = "Load the demo content (idempotent). Demo accounts are created only with DEBUG on."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has a home page.",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give the demo accounts new passwords and print them.",
        )

    def handle(self, *args, if_empty=False, reset_passwords=False, **options):
        if reset_passwords:
            self._print_logins(demo.reset_passwords(), fresh=True)
            return
        if if_empty and HomePage.objects.exists():
            self.stdout.write("Demo content already loaded.")
            self._print_logins({}, fresh=False)
            return
        app_logins = {}
        with transaction.atomic():
            home = demo.load(self.stdout)
            # The staff accounts first: app demos act as them (the exhibition's checklist is
            # ticked by a Competition moderator).
            created = demo.load_accounts(self.stdout)
            for app_demo in local_app_modules("demo", exclude=("website",)):
                result = app_demo.load(home, self.stdout)
                # An app's demo may make its own accounts: {"logins": {username: (password, role)}}.
                if isinstance(result, dict):
                    app_logins.update(result.get("logins") or {})
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        self._print_logins(created, fresh=True)
        self._print_app_logins(app_logins)

    def _print_app_logins(self, logins):
        if not logins or not settings.DEBUG:
            return
        self.stdout.write("")
        self.stdout.write("Demo jury logins (jury room: /sq/juri/ or /en/jury/):")
        for username, (password, role) in logins.items():
            self.stdout.write(f"  {username:<13} {password:<14} {role}")
        self.stdout.write("  These passwords are printed once and stored nowhere else.")

    def _print_logins(self, passwords, fresh):
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: no demo accounts.")
            return
        self.stdout.write("")
        self.stdout.write("Demo logins (admin: /admin/):")
        for username, group, _superuser in demo.DEMO_ROLES:
            role = group or "Administrator"
            if username in passwords:
                self.stdout.write(f"  {username:<13} {passwords[username]:<14} {role}")
            else:
                self.stdout.write(f"  {username:<13} {'(see below)':<14} {role}")
        if not passwords or len(passwords) < len(demo.DEMO_ROLES):
            self.stdout.write(
                "  Passwords are shown only when they are made. For new ones run:\n"
                "  .venv/bin/python manage.py load_demo --reset-passwords"
            )
        elif fresh:
            self.stdout.write("  These passwords are printed once and stored nowhere else.")
