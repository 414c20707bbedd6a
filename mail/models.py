"""One row per outgoing e-mail: rendered when it is queued (in its recipient's language), sent
by the worker, tried again with growing waits. See `mail/outbox.py`."""

from email.utils import make_msgid

from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mail.enums import FailureKind, MessageState

# The fields a row shares with Django's `EmailMessage`, under the names of its constructor (the
# attribute of `headers` is `extra_headers`); `Message.as_email` and `Message.fields_of` map
# them in the two directions. The HTML body is the text/html alternative.
EMAIL_FIELDS = ("subject", "body", "from_email", "to", "cc", "bcc", "reply_to", "headers")
_ATTRIBUTES = {"headers": "extra_headers"}


class Message(models.Model):
    kind = models.CharField(
        _("kind"),
        max_length=64,
        blank=True,
        help_text=_("Which e-mail of the platform this is, e.g. competitions.receipt."),
    )
    # Who or what the e-mail is about, e.g. "competitions.entry:42": erasing an entrant's
    # personal data deletes the e-mails about them (`outbox.discard`).
    topic = models.CharField(_("about"), max_length=100, blank=True, db_index=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    from_email = models.CharField(_("from"), max_length=254)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    subject = models.TextField(_("subject"))
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=MessageState.choices, default=MessageState.QUEUED
    )
    failure = models.CharField(
        _("why it failed"), max_length=8, choices=FailureKind.choices, blank=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # A worker sending this message holds it until then (a killed worker lets go by itself).
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    # The Message-ID header it is sent with (given when it is queued, the same on every attempt)
    # and the provider's own id of the sent message (anymail backends): a bounce reported later,
    # by the provider's webhook or a delivery status notification, names one of them
    # (`mail/bounces.py`).
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True, db_index=True)
    provider_message_id = models.CharField(
        _("provider's message id"), max_length=255, blank=True, db_index=True
    )

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=MessageState.values), name="mail_message_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="mail_message_due")]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    @property
    def recipients(self):
        return [*self.to, *self.cc, *self.bcc]

    @staticmethod
    def new_message_id(from_email):
        """A Message-ID on the sender's domain (where a bounce is sent back to)."""
        domain = from_email.rpartition("@")[2].strip(" >") or "localhost"
        return make_msgid(domain=domain)

    @staticmethod
    def fields_of(email_message):
        """The `EMAIL_FIELDS` of a Django `EmailMessage`, and its HTML alternative as `html`."""
        fields = {
            name: getattr(email_message, _ATTRIBUTES.get(name, name)) for name in EMAIL_FIELDS
        }
        fields["html"] = next(
            (
                content
                for content, mimetype in getattr(email_message, "alternatives", ())
                if mimetype == "text/html"
            ),
            "",
        )
        return fields

    def as_email(self, connection=None):
        """This row as a Django e-mail, sent with its own Message-ID."""
        headers = dict(self.headers)
        has_id = any(name.lower() == "message-id" for name in headers)
        if self.message_id and not has_id:
            headers["Message-ID"] = self.message_id
        fields = {name: getattr(self, name) for name in EMAIL_FIELDS}
        email = EmailMultiAlternatives(**{**fields, "headers": headers}, connection=connection)
        if self.html:
            email.attach_alternative(self.html, "text/html")
        return email
