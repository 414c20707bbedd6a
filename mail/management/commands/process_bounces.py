import mailbox

from django.core.management.base import BaseCommand, CommandError

from mail import bounces, conf


class Command(BaseCommand):
    help = (
        "Read the delivery status notifications (bounces) in MAIL_BOUNCE_MAILBOX, a Maildir "
        "folder or an mbox file, mark the e-mails they report as failed (the apps are told as "
        "when the mail server refuses an e-mail) and delete the reports read. Other e-mails in "
        "the mailbox stay. Run it from cron when bounces come back to a mailbox of ours."
    )

    def add_arguments(self, parser):
        parser.add_argument("--mailbox", help="Another mailbox than MAIL_BOUNCE_MAILBOX.")

    def handle(self, *args, **options):
        path = options["mailbox"] or conf.get("MAIL_BOUNCE_MAILBOX")
        if not path:
            raise CommandError("Set MAIL_BOUNCE_MAILBOX (or give --mailbox).")
        try:
            reports, marked = bounces.process_mailbox(path)
        except (OSError, mailbox.Error) as error:
            raise CommandError(f"Cannot read the mailbox {path}: {error}") from error
        self.stdout.write(f"reports={reports} failed={marked}")
