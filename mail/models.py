"""One row per outgoing e-mail: rendered when it is queued (in its recipient's language), sent
by the worker, tried again with growing waits. See `mail/outbox.py`."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mail.enums import FailureKind, MessageState


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
