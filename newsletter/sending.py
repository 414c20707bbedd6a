"""The job that sends a bulletin to its subscribers, and what happens when mail fails.

How a send works:
- Each language ("sq", "en", "both") is rendered once per send and kept on the BulletinSend,
  with a placeholder where each subscriber's personal token goes; a message is then a pair of
  string replacements.
- Delivery rows are claimed in a transaction (QUEUED → SENDING, `select_for_update(skip_locked)`
  on PostgreSQL, a conditional UPDATE elsewhere; each claim counts one attempt) and each is
  marked SENT in its own transaction right after the mail server accepted it.
- One job at a time works on a send (a lease on the BulletinSend, NEWSLETTER_LEASE_SECONDS,
  renewed while it works). A job that takes over after a crash puts the rows the dead job had
  claimed but not marked back in the queue: nobody is skipped. Only a message accepted by the
  server in the instant between its acceptance and the commit of its SENT mark could go out
  twice; see newsletter/README.md.

When the mail server is down, or refuses, during a send (the one place this is decided:
`Job.deliver`, `Job.run` and `mail.errors`; the settings are in newsletter/conf.py):
- Every message is tried on its own. An error of the mail server or provider
  (`mail.errors.is_mail_error`: any `smtplib.SMTPException`, `OSError`, anymail error) never
  stops the job; any other exception (a bug) does, see "Resume" below.
- Unreachable (`mail.errors.is_unreachable`: connection refused, host unreachable, a timeout —
  EMAIL_TIMEOUT, 20 s — or a connection dropped): the circuit breaker opens. The send is
  PAUSED ("paused, mail server unreachable" on the send screen, with the server's answer):
  the message that met the outage and the rest of its batch go back in the queue without an
  attempt counted, the job lets go of the send and `tasks.send_bulletin` queues the next job
  for the time of the probe: after 30 s, 1, 2, 4… minutes, at most every 10 minutes
  (NEWSLETTER_PROBE_FIRST_SECONDS, NEWSLETTER_PROBE_MAX_SECONDS), however long the outage. That
  job first probes the server (opens a connection); still unreachable, it pauses again with a
  longer wait; reachable, it clears the pause and carries on. No delivery is failed by an
  outage, and the worker is free between probes for the site's other e-mails and tasks.
- Permanent (`mail.errors.classify`): an SMTP reply code 5xx — to the recipient, to the
  sender, on connecting or to the login (so a wrong SMTP password, 535, fails every delivery of
  the send, one after the other) — or anymail's "recipients refused". The delivery is FAILED
  at once, after 1 attempt, with the reason ("<error type>: <server's answer>").
- Temporary, the server answered: 4xx replies such as "421 try again later", the provider's
  API errors. The delivery goes back to QUEUED, not before NEWSLETTER_RETRY_DELAY seconds
  (default 300), until it has had NEWSLETTER_MAX_ATTEMPTS attempts (default 3); the failure of
  the last attempt makes it FAILED with the reason.
- After an SMTP error or an `OSError` the connection is closed; the next message opens a new one.
- While rows wait for their retry and none is due, the job sleeps until the earliest is due (in
  steps of at most half the lease, renewing it, so no second job takes over); the sending rate
  (NEWSLETTER_SEND_RATE) counts only messages the server accepted.
- Once no row is QUEUED (every row SENT or FAILED) the send is FINISHED. The send screen lists
  failed deliveries with their reasons; staff may send them again
  (`services.retry_failed_deliveries`: FAILED rows of subscribers still confirmed go back in
  the queue with a fresh count, the send becomes SENDING and a job starts; SENT rows are never
  touched, so nobody gets the bulletin twice).
- Resume: a job stopped by anything but a mail error leaves the send SENDING with no job
  holding it (`is_stalled`): at once after a bug (the job lets go of its lease), after at most
  NEWSLETTER_LEASE_SECONDS (default 120) for a killed worker (its lease runs out). A send whose
  lease ran out while a job still held it (a killed worker) resumes by itself: twice per lease the
  worker's `tasks.resume_expired_sends` lets go of such leases (`release_expired_leases`) and
  starts a new job. After a bug nothing restarts by itself (it would fail again). Staff may
  "Resume sending" (`services.resume_send`, allowed by `permissions.can_resume_send`). The
  new job puts the rows the dead one had claimed back in the queue and sends every row still
  QUEUED (retries keep their wait and their count of attempts); SENT and FAILED rows are left
  as they are.
- How long one attempt may wait for the server: EMAIL_TIMEOUT (20 s) for Django's SMTP backend;
  a server that accepts the connection and never answers is "unreachable" after that.
"""

import contextlib
import smtplib
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import css_inline
from anymail.exceptions import AnymailError
from django.core.mail import EmailMultiAlternatives
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.db.models.functions import Greatest
from django.utils import timezone, translation
from django.utils.translation import gettext

from bulletins.rendering import email_subject, render_bulletin_email
from mail.delivery import delivery_connection
from mail.errors import classify, is_mail_error, is_unreachable
from newsletter import conf, emails
from newsletter.enums import DeliveryState, Language, SendState
from newsletter.models import BulletinSend, Delivery
from website.emails import absolute, absolute_reverse, site_url

# Stands for the subscriber's personal token in the rendered e-mail; it matches the token URL
# converter so that `reverse` accepts it, and survives HTML escaping and CSS inlining untouched.
TOKEN_PLACEHOLDER = "NLTOKENxPLACEHOLDERx0000000000000"  # noqa: S105 - not a secret

EMAIL_CSS = (Path(__file__).parent / "email.css").read_text(encoding="utf-8")
_INLINER = css_inline.CSSInliner(
    keep_style_tags=False, load_remote_stylesheets=False, extra_css=EMAIL_CSS
)


def get_subject():
    """The bulletins app's subject alone: (page, mode) → subject, for screens that show it."""
    return email_subject


def get_renderer():
    """The bulletins app's renderer: (page, mode, *, base_url, context) → (subject, html,
    text). Sending code takes a `renderer` argument so that tests can pass their own."""
    return render_bulletin_email


# --- rendering ------------------------------------------------------------------------------


def link_urls(mode, token):
    language = Language(mode).url_language
    return {
        "unsubscribe_url": absolute_reverse(
            "newsletter:unsubscribe", language=language, args=[token]
        ),
        "preferences_url": absolute_reverse(
            "newsletter:preferences", language=language, args=[token]
        ),
    }


def render_mode(page, mode, *, renderer=None, token=TOKEN_PLACEHOLDER):
    """{"subject", "html", "text"} of the bulletin in `mode`, CSS inlined, links personal to
    `token` (the placeholder by default)."""
    renderer = renderer or get_renderer()
    language = Language(mode).url_language
    with translation.override(language):
        reason = gettext(
            "You receive this e-mail because you subscribed to the e-bulletin of the programme "
            "against human trafficking in Albania and confirmed your address."
        )
        view_in_browser_url = absolute(page.get_url())
    subject, html, text = renderer(
        page,
        mode,
        base_url=site_url(),
        context={
            "view_in_browser_url": view_in_browser_url,
            "reason": reason,
            **link_urls(mode, token),
        },
    )
    return {"subject": " ".join(subject.split()), "html": _INLINER.inline(html), "text": text}


def personalise(rendered, token):
    return {
        "subject": rendered["subject"],
        "html": rendered["html"].replace(TOKEN_PLACEHOLDER, token),
        "text": rendered["text"].replace(TOKEN_PLACEHOLDER, token),
    }


def unsubscribe_mailto(token):
    address = conf.get("NEWSLETTER_UNSUBSCRIBE_MAILTO")
    if not address:
        sender = emails.from_email()
        domain = sender.rsplit("@", 1)[-1].strip(" >")
        address = f"unsubscribe@{domain}"
    return f"mailto:{address}?subject=unsubscribe%20{token}"


def build_message(rendered, *, to, token, mode, connection=None):
    """One subscriber's e-mail: personal links, RFC 8058 one-click unsubscribe headers."""
    personal = personalise(rendered, token)
    unsubscribe_url = link_urls(mode, token)["unsubscribe_url"]
    message = EmailMultiAlternatives(
        personal["subject"],
        personal["text"],
        # Under the sender name of the e-mail's language ("both": the site's default).
        emails.from_email(mode),
        [to],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>, <{unsubscribe_mailto(token)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(personal["html"], "text/html")
    return message


def subject_of(page, mode, *, renderer=None):
    """The subject the bulletin has in `mode`. The bulletins app knows it without rendering the
    issue; a renderer passed by a test is asked for it instead."""
    if renderer is None:
        return " ".join(get_subject()(page, mode).split())
    subject, _html, _text = renderer(
        page, mode, base_url=site_url(), context=link_urls(mode, TOKEN_PLACEHOLDER)
    )
    return " ".join(subject.split())


def send_test(page, *, mode, addresses, renderer=None):
    """Sends the bulletin in `mode` to a few addresses typed by staff. Their links lead to the
    "link not valid" page (there is no subscriber behind them)."""
    rendered = render_mode(page, mode, renderer=renderer)
    with translation.override(Language(mode).url_language):
        rendered["subject"] = gettext("[Test] %(subject)s") % {"subject": rendered["subject"]}
    messages = [
        build_message(rendered, to=address, token="test", mode=mode)  # noqa: S106
        for address in addresses
    ]
    return delivery_connection().send_messages(messages)


# --- the job --------------------------------------------------------------------------------


class ServerUnreachable(Exception):
    """The mail server cannot be reached: the send pauses (the circuit breaker opens)."""


def probe_delay(probes):
    """The wait before the next probe after `probes` failed ones: 30 s, 1, 2, 4… min, at most
    10 min."""
    first = conf.get("NEWSLETTER_PROBE_FIRST_SECONDS")
    return timedelta(seconds=min(first * 2**probes, conf.get("NEWSLETTER_PROBE_MAX_SECONDS")))


def is_paused(send):
    return send.paused_until is not None


class Job:
    def __init__(
        self, send_id, *, renderer=None, connection=None, sleep=time.sleep, clock=time.monotonic
    ):
        self.send_id = send_id
        self.renderer = renderer
        self.connection = connection
        self.sleep = sleep
        self.clock = clock
        self.job_id = uuid.uuid4().hex
        self.batch_size = conf.get("NEWSLETTER_BATCH_SIZE")
        self.rate = conf.get("NEWSLETTER_SEND_RATE")
        self.max_attempts = conf.get("NEWSLETTER_MAX_ATTEMPTS")
        self.retry_delay = timedelta(seconds=conf.get("NEWSLETTER_RETRY_DELAY"))
        self.lease = timedelta(seconds=conf.get("NEWSLETTER_LEASE_SECONDS"))
        self.lease_until = None
        self.sent = 0
        self.started = clock()

    # lease ----------------------------------------------------------------------------------
    def acquire(self):
        now = timezone.now()
        until = now + self.lease
        taken = (
            BulletinSend.objects.filter(pk=self.send_id, state=SendState.SENDING)
            .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now) | Q(job_id=""))
            .update(job_id=self.job_id, lease_until=until)
        )
        self.lease_until = until if taken else None
        return bool(taken)

    def renew_if_due(self):
        now = timezone.now()
        if self.lease_until - now > self.lease / 2:
            return
        until = now + self.lease
        BulletinSend.objects.filter(pk=self.send_id, job_id=self.job_id).update(lease_until=until)
        self.lease_until = until

    def release(self):
        BulletinSend.objects.filter(pk=self.send_id, job_id=self.job_id).update(
            job_id="", lease_until=None
        )

    # steps ----------------------------------------------------------------------------------
    def requeue_orphans(self):
        """Rows claimed by a job that died before marking them: back in the queue."""
        Delivery.objects.filter(send_id=self.send_id, state=DeliveryState.SENDING).update(
            state=DeliveryState.QUEUED, claimed_by="", claimed_at=None
        )

    def ensure_rendered(self, send):
        modes = set(
            Delivery.objects.filter(send=send).values_list("language", flat=True).distinct()
        )
        missing = sorted(modes - set(send.rendered))
        if not missing:
            return send.rendered
        renderer = self.renderer or get_renderer()
        page = send.page.specific
        for mode in missing:
            send.rendered[mode] = render_mode(page, mode, renderer=renderer)
        send.save(update_fields=["rendered"])
        return send.rendered

    def claim(self):
        """Up to batch_size due rows, QUEUED → SENDING, in one transaction."""
        now = timezone.now()
        due = Delivery.objects.filter(send_id=self.send_id, state=DeliveryState.QUEUED).filter(
            Q(not_before__isnull=True) | Q(not_before__lte=now)
        )
        with transaction.atomic():
            if db_connection.features.has_select_for_update_skip_locked:
                due = due.select_for_update(skip_locked=True)
            ids = list(due.order_by("id").values_list("id", flat=True)[: self.batch_size])
            if not ids:
                return []
            # Conditional: a row another job claimed in the meantime is not taken again.
            Delivery.objects.filter(id__in=ids, state=DeliveryState.QUEUED).update(
                state=DeliveryState.SENDING,
                claimed_by=self.job_id,
                claimed_at=now,
                attempts=F("attempts") + 1,
            )
            return list(
                Delivery.objects.filter(
                    id__in=ids, state=DeliveryState.SENDING, claimed_by=self.job_id
                ).values_list(
                    "id", "language", "attempts", "subscriber__email", "subscriber__token"
                )
            )

    def mark(self, delivery_id, state, reason="", not_before=None):
        values = {"state": state, "reason": reason[:255]}
        if state == DeliveryState.SENT:
            values["sent_at"] = timezone.now()
        if state == DeliveryState.QUEUED:
            values["not_before"] = not_before
        Delivery.objects.filter(
            pk=delivery_id, state=DeliveryState.SENDING, claimed_by=self.job_id
        ).update(**values)

    def mark_sent(self, delivery_id):
        """The hot path (once per message, committed at once): one plain UPDATE, without
        the ORM's per-query overhead. Same condition as `mark`."""
        with db_connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Delivery._meta.db_table} SET state = %s, sent_at = %s, reason = ''"  # noqa: S608
                " WHERE id = %s AND state = %s AND claimed_by = %s",
                [
                    DeliveryState.SENT.value,
                    timezone.now(),
                    delivery_id,
                    DeliveryState.SENDING.value,
                    self.job_id,
                ],
            )

    def next_retry_wait(self):
        earliest = Delivery.objects.filter(
            send_id=self.send_id, state=DeliveryState.QUEUED
        ).aggregate(earliest=Min("not_before"))["earliest"]
        if earliest is None:
            return None
        return max(0.0, (earliest - timezone.now()).total_seconds())

    def pace(self):
        if not self.rate:
            return
        ahead = self.sent / self.rate - (self.clock() - self.started)
        if ahead > 0:
            self.sleep(ahead)

    def deliver(self, rendered, row):
        delivery_id, mode, attempts, email, token = row
        message = build_message(
            rendered[mode], to=email, token=token, mode=mode, connection=self.connection
        )
        try:
            # Open once, keep open: one connection for the whole send (open() does nothing
            # when the connection is open already).
            self.connection.open()
            self.connection.send_messages([message])
        except Exception as error:
            if not is_mail_error(error):
                raise  # not the mail server: the job stops; the row stays claimed (a crash)
            permanent, reason = classify(error)
            if not permanent and is_unreachable(error):
                self.reconnect()
                raise ServerUnreachable(reason) from error
            if not permanent and attempts < self.max_attempts:
                retry_at = timezone.now() + self.retry_delay
                self.mark(delivery_id, DeliveryState.QUEUED, reason, not_before=retry_at)
            else:
                self.mark(delivery_id, DeliveryState.FAILED, reason)
            if isinstance(error, smtplib.SMTPServerDisconnected | OSError):
                self.reconnect()
            return
        self.mark_sent(delivery_id)
        self.sent += 1

    def reconnect(self):
        # A broken connection may fail to close; the next send opens a new one.
        with contextlib.suppress(smtplib.SMTPException, OSError, AnymailError):
            self.connection.close()

    # circuit breaker ------------------------------------------------------------------------
    def probe(self):
        """Open a connection to the server; raises ServerUnreachable when it cannot be reached.
        Any other answer (e.g. a refused login) counts as reachable: the deliveries say why."""
        try:
            self.connection.open()
        except Exception as error:
            if is_mail_error(error) and is_unreachable(error) and not classify(error)[0]:
                self.reconnect()
                raise ServerUnreachable(classify(error)[1]) from error
            if not is_mail_error(error):
                raise
            self.reconnect()

    def put_back_claimed(self):
        """The rows this job claimed and did not send go back in the queue, their attempt not
        counted (the outage is not the recipient's fault)."""
        Delivery.objects.filter(
            send_id=self.send_id, state=DeliveryState.SENDING, claimed_by=self.job_id
        ).update(
            state=DeliveryState.QUEUED,
            claimed_by="",
            claimed_at=None,
            attempts=Greatest(F("attempts") - 1, 0),
        )

    def pause(self, send, reason):
        probes = send.pause_probes
        BulletinSend.objects.filter(pk=self.send_id).update(
            paused_until=timezone.now() + probe_delay(probes),
            pause_probes=probes + 1,
            pause_reason=reason[:255],
        )
        return "paused"

    def unpause(self):
        BulletinSend.objects.filter(pk=self.send_id).update(
            paused_until=None, pause_probes=0, pause_reason=""
        )

    def run(self):
        if not self.acquire():
            return "busy"
        try:
            send = BulletinSend.objects.select_related("page").get(pk=self.send_id)
            self.requeue_orphans()
            rendered = self.ensure_rendered(send)
            self.connection = self.connection or delivery_connection()
            try:
                if is_paused(send):
                    self.probe()
                    self.unpause()
                    send.pause_probes = 0
                self.send_all(rendered)
            except ServerUnreachable as error:
                self.put_back_claimed()
                return self.pause(send, str(error))
            self.reconnect()
            BulletinSend.objects.filter(pk=self.send_id).update(
                state=SendState.FINISHED, finished_at=timezone.now()
            )
            return "finished"
        finally:
            self.release()

    def send_all(self, rendered):
        while True:
            batch = self.claim()
            if not batch:
                wait = self.next_retry_wait()
                if wait is None:
                    return
                self.sleep(min(wait, self.lease.total_seconds() / 2))
                self.renew_if_due()
                continue
            for row in batch:
                self.deliver(rendered, row)
                self.pace()
                self.renew_if_due()


def run_send(send_id, *, renderer=None, connection=None, sleep=time.sleep, clock=time.monotonic):
    return Job(send_id, renderer=renderer, connection=connection, sleep=sleep, clock=clock).run()


def release_expired_leases(now=None):
    """Ids of the sends whose job died holding them (SENDING, a job id, the lease run out: a
    killed worker), each let go of so that a new job may take it over. A job stopped by a bug
    lets go of its lease itself and is not listed: it waits for staff (see "Resume" above)."""
    now = now or timezone.now()
    expired = BulletinSend.objects.filter(state=SendState.SENDING, lease_until__lt=now).exclude(
        job_id=""
    )
    released = []
    for send_id, job_id in expired.values_list("pk", "job_id"):
        # Conditional: a job that renewed its lease in the meantime keeps it.
        if expired.filter(pk=send_id, job_id=job_id).update(job_id="", lease_until=None):
            released.append(send_id)
    # A send paused while the mail server was unreachable whose probe is late by more than a
    # lease: the job queued for the probe was lost (e.g. the task queue was emptied).
    late = now - timedelta(seconds=conf.get("NEWSLETTER_LEASE_SECONDS"))
    released += BulletinSend.objects.filter(
        state=SendState.SENDING, job_id="", paused_until__lt=late
    ).values_list("pk", flat=True)
    return released


# --- progress -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SendCounts:
    queued: int = 0
    sending: int = 0
    sent: int = 0
    failed: int = 0

    @property
    def total(self):
        return self.queued + self.sending + self.sent + self.failed


def counts(send):
    rows = dict(
        Delivery.objects.filter(send=send)
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    return SendCounts(
        queued=rows.get(DeliveryState.QUEUED, 0),
        sending=rows.get(DeliveryState.SENDING, 0),
        sent=rows.get(DeliveryState.SENT, 0),
        failed=rows.get(DeliveryState.FAILED, 0),
    )


def is_stalled(send):
    """An unfinished send that no job holds: its worker died. Staff may resume it. A send
    paused while the mail server is unreachable waits for its probe, unless the probe is late
    by more than a lease (the queued job was lost)."""
    now = timezone.now()
    if send.paused_until is not None and send.paused_until > now - timedelta(
        seconds=conf.get("NEWSLETTER_LEASE_SECONDS")
    ):
        return False
    return send.state == SendState.SENDING and (
        not send.job_id or send.lease_until is None or send.lease_until < now
    )
