"""A mail server that refuses one mailbox for good (550) and delivers the rest to locmem."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSED = "nobody@example.com"


class Backend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.recipients():
                raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"5.1.1 No such user")})
        return super().send_messages(messages)
