"""EMAIL_BACKEND for the whole site: Django's and Wagtail's own e-mails (password reset,
workflow notices, anything calling `send_mail`) are saved in the outbox like ours, in the
caller's transaction, and the worker sends them with MAIL_DELIVERY_BACKEND."""

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import translation

from mail import outbox


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = 0
        for email_message in email_messages:
            if not email_message.recipients():
                continue
            # Django and Wagtail render in the recipient's language before sending.
            language = translation.get_language() or ""
            outbox.enqueue_email(email_message, kind="django", language=language)
            count += 1
        return count
