"""Subscribers of the e-bulletin, and the record of every bulletin sent by e-mail.

A `BulletinSend` exists once per bulletin page (it cannot be started twice); it has one
`Delivery` row per subscriber, claimed and marked in transactions so that a crashed job, when
started again, sends to everyone exactly once.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from newsletter.enums import (
    ConsentSource,
    DeliveryState,
    Language,
    SendState,
    SubscriberState,
    SuppressionReason,
)


def new_token():
    """The personal secret in a subscriber's preferences and unsubscribe links."""
    return secrets.token_urlsafe(24)


class SubscriberQuerySet(models.QuerySet):
    def annotate_lower_email(self):
        return self.annotate(email_lower=Lower("email"))


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(
        _("language"), max_length=4, choices=Language.choices, default=Language.SQ
    )
    topics = models.ManyToManyField(
        "website.Topic", blank=True, related_name="+", verbose_name=_("topics")
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=SubscriberState.choices,
        default=SubscriberState.PENDING,
        db_index=True,
    )
    suppression_reason = models.CharField(
        _("suppression reason"), max_length=16, choices=SuppressionReason.choices, blank=True
    )
    suppression_detail = models.CharField(_("suppression detail"), max_length=255, blank=True)

    # Consent: the exact text the person agreed to, when, and through which form.
    consent_text = models.TextField(_("consent text"))
    consent_at = models.DateTimeField(_("consent given at"))
    consent_source = models.CharField(
        _("consent given through"), max_length=16, choices=ConsentSource.choices
    )

    # Secrets. `token` is in every e-mail's preferences and unsubscribe links; `confirm_nonce`
    # is in the pending confirmation link and is cleared once used (a link works once).
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    confirm_nonce = models.CharField(max_length=32, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    suppressed_at = models.DateTimeField(_("suppressed"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(state__in=SubscriberState.values),
                name="newsletter_subscriber_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=Language.values),
                name="newsletter_subscriber_language_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=SubscriberState.SUPPRESSED)
                | ~models.Q(suppression_reason=""),
                name="newsletter_subscriber_suppressed_has_reason",
            ),
        ]
        permissions = [
            ("import_subscribers", "Can import subscribers"),
            ("export_subscribers", "Can export subscribers"),
        ]

    def __str__(self):
        return self.email

    @property
    def is_mailable(self):
        return self.state == SubscriberState.CONFIRMED


class BulletinSend(models.Model):
    """The one sending of a bulletin page to the subscribers: to all of them, or to those who
    chose one of `topics` (a segment); at once, or at `scheduled_for` (SCHEDULED until the
    worker starts it, see `services.start_due_sends`). A scheduled send that is cancelled is
    deleted, so the bulletin can be scheduled or sent again."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="newsletter_send",
        verbose_name=_("bulletin"),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=SendState.choices, default=SendState.SENDING
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    # When a scheduled send starts (None: it started when it was created).
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    # The segment: subscribers who chose at least one of these topics (none: every subscriber).
    topics = models.ManyToManyField(
        "website.Topic", blank=True, related_name="+", verbose_name=_("topics")
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # What each language's e-mail looks like, rendered once by the first job that runs:
    # {"sq": {"subject": ..., "html": ..., "text": ...}, "en": ..., "both": ...}. A job
    # resumed after a crash sends exactly the same bulletin.
    rendered = models.JSONField(default=dict, blank=True, editable=False)
    # The job that currently works on this send, and until when it holds it.
    job_id = models.CharField(max_length=32, blank=True, editable=False)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    # Paused while the mail server cannot be reached (newsletter/sending.py, "circuit
    # breaker"): when the server is tried again, how many probes failed, what it answered.
    paused_until = models.DateTimeField(_("paused until"), null=True, blank=True, editable=False)
    pause_probes = models.PositiveSmallIntegerField(default=0, editable=False)
    pause_reason = models.CharField(max_length=255, blank=True, editable=False)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("bulletin send")
        verbose_name_plural = _("bulletin sends")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=SendState.values),
                name="newsletter_send_state_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=SendState.SCHEDULED)
                | models.Q(scheduled_for__isnull=False),
                name="newsletter_send_scheduled_has_time",
            ),
        ]
        permissions = [("send_bulletin", "Can send a bulletin by e-mail")]

    def __str__(self):
        return str(self.page)


class Delivery(models.Model):
    """One subscriber's copy of one bulletin."""

    send = models.ForeignKey(BulletinSend, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    # The language chosen when the send started (a later change does not alter this send).
    language = models.CharField(max_length=4, choices=Language.choices)
    state = models.CharField(
        max_length=16, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    reason = models.CharField(max_length=255, blank=True)
    not_before = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["send", "subscriber"], name="newsletter_delivery_once_per_send"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=DeliveryState.values),
                name="newsletter_delivery_state_valid",
            ),
        ]
        indexes = [models.Index(fields=["send", "state"], name="newsletter_delivery_open")]

    def __str__(self):
        return f"{self.send_id}/{self.subscriber_id}: {self.state}"


class RememberedTestAddresses(models.Model):
    """The addresses a staff member last sent a test bulletin to, offered again next time."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    addresses = models.JSONField(_("addresses"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("remembered test addresses")
        verbose_name_plural = _("remembered test addresses")

    def __str__(self):
        return ", ".join(self.addresses)
