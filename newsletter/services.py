"""Every write of the newsletter. Keyword-only arguments, an explicit actor (`by`: a staff user,
or None when the subscriber acts through a personal link), one transaction each; e-mails are
saved in the site's outbox (mail/) inside it, tasks are queued with `transaction.on_commit`."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsletter import conf, emails, importing, permissions, scheduling, sending, tasks
from newsletter.enums import (
    MAILABLE_STATES,
    SUBSCRIBER_MOVES,
    ConsentSource,
    DeliveryState,
    Language,
    SendState,
    SubscriberState,
    SuppressionReason,
)
from newsletter.models import BulletinSend, Delivery, RememberedTestAddresses, Subscriber
from newsletter.tokens import new_nonce

logger = logging.getLogger(__name__)

# The provider's events (anymail's names) that suppress an address, and why.
SUPPRESSING_EVENTS = {
    "bounced": SuppressionReason.BOUNCED,
    "complained": SuppressionReason.COMPLAINED,
    "rejected": SuppressionReason.REJECTED,
}


class RefusedMove(Exception):
    pass


class SendRefused(Exception):
    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = reason


# --- the one function that moves a subscriber ------------------------------------------------


def move_subscriber(subscriber, to_state, *, by, reason="", detail=""):
    """Moves `subscriber` to `to_state` (checked against SUBSCRIBER_MOVES) and saves it."""
    to_state = SubscriberState(to_state)
    if to_state not in SUBSCRIBER_MOVES[SubscriberState(subscriber.state)]:
        raise RefusedMove(f"{subscriber.state} → {to_state}")
    now = timezone.now()
    fields = ["state"]
    subscriber.state = to_state
    if to_state == SubscriberState.PENDING:
        subscriber.confirm_nonce = new_nonce()
        fields.append("confirm_nonce")
    elif to_state == SubscriberState.CONFIRMED:
        subscriber.confirm_nonce = ""
        subscriber.confirmed_at = now
        fields += ["confirm_nonce", "confirmed_at"]
    elif to_state == SubscriberState.UNSUBSCRIBED:
        subscriber.confirm_nonce = ""
        subscriber.unsubscribed_at = now
        fields += ["confirm_nonce", "unsubscribed_at"]
    elif to_state == SubscriberState.SUPPRESSED:
        subscriber.confirm_nonce = ""
        subscriber.suppressed_at = now
        subscriber.suppression_reason = SuppressionReason(reason)
        subscriber.suppression_detail = detail[:255]
        fields += ["confirm_nonce", "suppressed_at", "suppression_reason", "suppression_detail"]
    subscriber.save(update_fields=fields)
    if to_state in (SubscriberState.UNSUBSCRIBED, SubscriberState.SUPPRESSED):
        # Takes effect at once, even in the middle of a send.
        Delivery.objects.filter(subscriber=subscriber, state=DeliveryState.QUEUED).update(
            state=DeliveryState.FAILED, reason=f"subscriber {to_state.value}"
        )
    return subscriber


# --- subscribing --------------------------------------------------------------------------


def _find(email):
    return Subscriber.objects.select_for_update().filter(email__iexact=email).first()


def _mail_allowed(subscriber, now):
    """At most one subscription e-mail per address per interval (no mail-bombing). An e-mail
    that never went out (the mail server was down) does not count: the reader who asks again
    gets a fresh one in its place, never two waiting."""
    unsent = emails.unsent(subscriber)
    if unsent.exists():
        unsent.delete()
        return True
    last = subscriber.confirmation_sent_at
    interval = conf.get("NEWSLETTER_CONFIRM_RESEND_INTERVAL")
    return last is None or (now - last).total_seconds() >= interval


def request_subscription(*, email, language, topics=(), consent_text, source, by=None):
    """A subscribe form was sent. Whatever the address's state, the caller shows the same
    answer; only the owner of the address learns something, by e-mail."""
    language = Language(language)
    source = ConsentSource(source)
    now = timezone.now()
    with transaction.atomic():
        subscriber = _find(email)
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(
                        email=email,
                        language=language,
                        consent_text=consent_text,
                        consent_at=now,
                        consent_source=source,
                        confirm_nonce=new_nonce(),
                        confirmation_sent_at=now,
                        created_by=by,
                    )
            except IntegrityError:  # the same address was added by a concurrent request
                return
            subscriber.topics.set(topics)
            emails.send_confirmation(subscriber)
            return
        if subscriber.state == SubscriberState.SUPPRESSED:
            return  # never mailed again
        if not _mail_allowed(subscriber, now):
            return
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["confirmation_sent_at"])
        if subscriber.state == SubscriberState.CONFIRMED:
            # The preferences stay as they are: the sender of the form may not own the address.
            emails.send_already_subscribed(subscriber)
            return
        if subscriber.state == SubscriberState.UNSUBSCRIBED:
            move_subscriber(subscriber, SubscriberState.PENDING, by=by)
        subscriber.language = language
        subscriber.consent_text = consent_text
        subscriber.consent_at = now
        subscriber.consent_source = source
        subscriber.save(update_fields=["language", "consent_text", "consent_at", "consent_source"])
        subscriber.topics.set(topics)
        emails.send_confirmation(subscriber)


def confirm_subscription(*, token):
    """Confirms the subscription of a confirmation link. Raises InvalidToken when the link is
    tampered with, expired, already used or for an address no longer pending
    (`permissions.confirmable_subscriber`)."""
    with transaction.atomic():
        subscriber = permissions.confirmable_subscriber(token, lock=True)
        return move_subscriber(subscriber, SubscriberState.CONFIRMED, by=None)


# --- managing -------------------------------------------------------------------------------


def update_preferences(subscriber, *, language, topics, by=None):
    with transaction.atomic():
        subscriber.language = Language(language)
        subscriber.save(update_fields=["language"])
        subscriber.topics.set(topics)
    return subscriber


def unsubscribe(subscriber, *, by=None):
    """Idempotent: an address already unsubscribed or suppressed stays as it is."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.state in (SubscriberState.PENDING, SubscriberState.CONFIRMED):
            move_subscriber(subscriber, SubscriberState.UNSUBSCRIBED, by=by)
    return subscriber


def suppress(*, email, reason, detail="", by=None):
    """A hard bounce or a complaint: the address is never mailed again. Returns the
    subscriber, or None for an address we do not know."""
    with transaction.atomic():
        subscriber = _find(email)
        if subscriber is None or subscriber.state == SubscriberState.SUPPRESSED:
            return subscriber
        return move_subscriber(
            subscriber, SubscriberState.SUPPRESSED, by=by, reason=reason, detail=detail
        )


def record_provider_event(*, event_type, email, detail=""):
    """What the mail provider reported about an address (its webhook, through anymail's
    normalised event types; `newsletter/signals.py` passes them on): "bounced" (a permanent
    bounce), "complained" (a spam complaint) and "rejected" (refused by the provider, often its
    own suppression list) suppress the address for good; "unsubscribed" (a provider-side
    unsubscribe) unsubscribes it. Anything else — "deferred", a temporary bounce, included —
    changes nothing. Returns the subscriber, or None for an address we do not know."""
    email = (email or "").strip()
    if not email:
        return None
    if event_type in SUPPRESSING_EVENTS:
        subscriber = suppress(email=email, reason=SUPPRESSING_EVENTS[event_type], detail=detail)
        logger.info("newsletter: suppressed an address after a %s event", event_type)
        return subscriber
    if event_type == "unsubscribed":
        subscriber = Subscriber.objects.filter(email__iexact=email).first()
        return None if subscriber is None else unsubscribe(subscriber, by=None)
    return None


# --- sending --------------------------------------------------------------------------------


def start_send(page, *, by, topics=(), at=None):
    """Queues the bulletin for every confirmed subscriber — or, with `topics`, for those who
    chose at least one of them (`newsletter.queries.recipients`) — in the language each chose, and starts
    the sending job. With `at` (an aware datetime in the future) the send is SCHEDULED instead:
    the worker starts it then (`scheduling.start_due_sends`), for the subscribers confirmed at that time.
    Raises SendRefused with the reason of `permissions.can_send` (a bulletin is sent once,
    when published, by someone allowed to) or when `at` is not in the future."""
    allowed, reason = permissions.can_send(page, by)
    if not allowed:
        raise SendRefused(reason)
    if at is not None and at <= timezone.now():
        raise SendRefused(_("Choose a time in the future."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                send = BulletinSend.objects.create(
                    page_id=page.pk,
                    started_by=by,
                    state=SendState.SENDING if at is None else SendState.SCHEDULED,
                    scheduled_for=at,
                )
        except IntegrityError as error:  # two clicks at once: the constraint decides
            raise SendRefused(_("This bulletin has already been sent.")) from error
        send.topics.set(topics)
        if at is None:
            scheduling.make_deliveries(send)
            transaction.on_commit(lambda: tasks.send_bulletin.enqueue(send.pk))
        logger.info(
            "Send %s of page %s %s by %s", send.pk, page.pk, "scheduled" if at else "started", by
        )
    return send


def cancel_scheduled_send(send, *, by):
    """Cancels a send that has not started yet: it is deleted, and the bulletin can be
    scheduled or sent again. Raises SendRefused with the reason of
    `permissions.can_cancel_send` (the worker may have started it a moment ago)."""
    allowed, reason = permissions.can_cancel_send(send, by)
    if not allowed:
        raise SendRefused(reason)
    with transaction.atomic():
        deleted, _rows = BulletinSend.objects.filter(pk=send.pk, state=SendState.SCHEDULED).delete()
    if not deleted:
        raise SendRefused(_("This send has already started; it can no longer be cancelled."))
    logger.info("Scheduled send %s of page %s cancelled by %s", send.pk, send.page_id, by)


def send_test(page, *, mode, addresses, by):
    """Sends a test of the bulletin in `mode` to a few addresses and remembers them for `by`
    (offered again on the next test). Returns how many messages went out."""
    count = sending.send_test(page, mode=mode, addresses=addresses)
    RememberedTestAddresses.objects.update_or_create(
        user=by, defaults={"addresses": list(addresses)}
    )
    return count


def remembered_test_addresses(user):
    """The addresses `user` last sent a test to ([] if none)."""
    row = RememberedTestAddresses.objects.filter(user=user).first()
    return row.addresses if row else []


def resume_send(send, *, by):
    """Starts the job again for a stalled send (its worker died; see newsletter/sending.py).
    Raises SendRefused with the reason of `permissions.can_resume_send`. Even a job started
    twice sends nothing twice: a job that finds another one holding the send stops at once."""
    allowed, reason = permissions.can_resume_send(send, by)
    if not allowed:
        raise SendRefused(reason)
    transaction.on_commit(lambda: tasks.send_bulletin.enqueue(send.pk))


def retry_failed_deliveries(send, *, by):
    """Send the failed deliveries of `send` again: each FAILED row of a subscriber still
    confirmed goes back in the queue with a fresh count of attempts, the send becomes SENDING
    and a job starts after commit. SENT rows are never touched (nobody gets it twice). Returns
    how many rows were queued; raises SendRefused with the reason of
    `permissions.can_retry_failed`."""
    allowed, reason = permissions.can_retry_failed(send, by)
    if not allowed:
        raise SendRefused(reason)
    with transaction.atomic():
        count = Delivery.objects.filter(
            send=send, state=DeliveryState.FAILED, subscriber__state__in=MAILABLE_STATES
        ).update(state=DeliveryState.QUEUED, attempts=0, reason="", not_before=None)
        BulletinSend.objects.filter(pk=send.pk).update(state=SendState.SENDING, finished_at=None)
        logger.info("Send %s: %s failed deliveries queued again by %s", send.pk, count, by)
        transaction.on_commit(lambda: tasks.send_bulletin.enqueue(send.pk))
    send.refresh_from_db()
    return count


# --- import -------------------------------------------------------------------------------


def import_subscribers(*, raw_bytes, consent_text, default_language, by):
    """Adds confirmed subscribers from a CSV of people who consented elsewhere (e.g. a paper
    form). Addresses already on the list keep their state: an unsubscribed or suppressed
    address is never brought back. Returns an ImportReport."""
    report = importing.ImportReport()
    rows = importing.parse(
        importing.decode(raw_bytes), default_language=default_language, report=report
    )
    now = timezone.now()
    with transaction.atomic():
        existing = set()
        emails_lower = [row.email.lower() for row in rows]
        for start in range(0, len(emails_lower), 500):
            chunk = emails_lower[start : start + 500]
            existing.update(
                email.lower()
                for email in Subscriber.objects.annotate_lower_email()
                .filter(email_lower__in=chunk)
                .values_list("email", flat=True)
            )
        new = []
        for row in rows:
            if row.email.lower() in existing:
                report.skip(row.line, row.email, "exists")
                continue
            new.append(
                Subscriber(
                    email=row.email,
                    language=row.language,
                    state=SubscriberState.CONFIRMED,
                    consent_text=consent_text,
                    consent_at=now,
                    consent_source=ConsentSource.IMPORT,
                    confirmed_at=now,
                    created_by=by,
                )
            )
            report.imported.append(row.email)
        Subscriber.objects.bulk_create(new, batch_size=500)
    report.skipped.sort()
    return report
