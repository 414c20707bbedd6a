"""Who may see or do what in the newsletter: every rule, in one place.

Views, services, the admin's menu, buttons and viewset ask these helpers and nothing else. Each
check returns `(allowed, reason)`; the admin shows the reason on its one refusal page
(`website.admin_tools.refused`, a 403).

Staff, in the Wagtail admin. Migration 0002 gives these permissions to the Publishers group;
superusers hold them all; nobody else has any:
- `newsletter.view_subscriber` (and `change_`, `delete_`): the subscribers listing and a
  subscriber's record. Nobody *adds* a subscriber by hand, superusers included: people join
  through the subscribe form (double opt-in) or an import (consent recorded by staff).
- `newsletter.import_subscribers` / `newsletter.export_subscribers`: the CSV import / export.
- `newsletter.send_bulletin`: the "Send a bulletin" list and each bulletin's send screen — its
  previews, test sends, the recipients per language, the progress and the failed deliveries
  (address and reason) —, starting the send (at once or at a time, to all subscribers or to a
  segment by topics), cancelling a scheduled send before it starts, resuming a stalled one and
  sending the failed deliveries again (`can_retry_failed`). A bulletin is sent once, and only
  once it is published; a send can be resumed only while it is stalled (`sending.is_stalled`:
  unfinished and no job holds it).

Readers, without an account, act only through the links in the e-mails:
- the signed confirmation link (`tokens.py`: valid 3 days, works once) confirms an address that
  is still pending (`confirmable_subscriber`);
- the personal token (in every e-mail: `subscriber_for_link`) opens the preferences page —
  language, topics, unsubscribe — while the address is pending or confirmed
  (`can_change_subscription`), and unsubscribes in one click in any state (idempotent; a
  suppressed address stays suppressed). An unsubscribed or suppressed address sees "you are
  unsubscribed" and can change nothing.
An unknown, tampered, expired or used link gets the same "link not valid" page whatever is wrong.
"""

from django.utils.translation import gettext_lazy as _

from bulletins.models import BulletinPage
from newsletter.enums import MAILABLE_STATES, DeliveryState, SendState, SubscriberState
from newsletter.models import BulletinSend, Subscriber
from newsletter.sending import is_stalled
from newsletter.tokens import InvalidToken, read_confirm_token

ALLOWED = (True, "")

# Staff ----------------------------------------------------------------------------------------

SUBSCRIBER_ACTION_REFUSALS = {
    "view": _("You do not have permission to see the subscribers."),
    "change": _("You do not have permission to change subscribers."),
    "delete": _("You do not have permission to delete subscribers."),
}
NO_ADDING = _("Subscribers join only through the subscribe form or an import.")
NO_SENDING = _("You do not have permission to send bulletins.")


def _permission(user, codename, reason):
    return ALLOWED if user.has_perm(codename) else (False, reason)


def can_act_on_subscribers(user, action):
    """The admin's subscriber records: `action` is "view", "change", "delete" or "add" (never)."""
    if action == "add":
        return False, NO_ADDING
    refusal = SUBSCRIBER_ACTION_REFUSALS.get(action)
    if refusal is None:
        return False, SUBSCRIBER_ACTION_REFUSALS["view"]
    return _permission(user, f"newsletter.{action}_subscriber", refusal)


def can_view_subscribers(user):
    return can_act_on_subscribers(user, "view")


def can_import_subscribers(user):
    return _permission(
        user,
        "newsletter.import_subscribers",
        _("You do not have permission to import subscribers."),
    )


def can_export_subscribers(user):
    return _permission(
        user,
        "newsletter.export_subscribers",
        _("You do not have permission to export subscribers."),
    )


def can_open_sends(user):
    """The "Send a bulletin" list and a bulletin's send screen with its previews."""
    return _permission(user, "newsletter.send_bulletin", NO_SENDING)


def can_test_send(user):
    """A test e-mail of a bulletin to a few addresses typed in by staff."""
    return can_open_sends(user)


def can_see_deliveries(user):
    """A send's progress and its failed deliveries (subscribers' addresses and reasons)."""
    return can_open_sends(user)


def can_send(page, user):
    """Starting the one send of a bulletin to every confirmed subscriber."""
    allowed, reason = can_open_sends(user)
    if not allowed:
        return allowed, reason
    if not page.live:
        return False, _("Publish the bulletin first: the e-mail links to its page on the site.")
    existing = BulletinSend.objects.filter(page_id=page.pk).only("state").first()
    if existing is not None and existing.state == SendState.SCHEDULED:
        return False, _("This bulletin is already scheduled; cancel that send to change it.")
    if existing is not None:
        return False, _("This bulletin has already been sent.")
    return ALLOWED


def can_cancel_send(send, user):
    """Cancelling a scheduled send before the worker starts it."""
    allowed, reason = can_open_sends(user)
    if not allowed:
        return allowed, reason
    if send.state != SendState.SCHEDULED:
        return False, _("This send has already started; it can no longer be cancelled.")
    return ALLOWED


def can_resume_send(send, user):
    """Starting the job again for a send that no job holds any more (its worker died)."""
    allowed, reason = can_open_sends(user)
    if not allowed:
        return allowed, reason
    if not is_stalled(send):
        return False, _("This send is not stalled: a job is working on it, or it has finished.")
    return ALLOWED


def can_retry_failed(send, user):
    """Sending the failed deliveries of a send again (to subscribers still confirmed)."""
    allowed, reason = can_open_sends(user)
    if not allowed:
        return allowed, reason
    if not send.deliveries.filter(
        state=DeliveryState.FAILED, subscriber__state__in=MAILABLE_STATES
    ).exists():
        return False, _("No failed delivery to a confirmed subscriber is left to send again.")
    return ALLOWED


def bulletins_for_sending(user):
    """The bulletin pages the user may open the send screen of."""
    if not can_open_sends(user)[0]:
        return BulletinPage.objects.none()
    return BulletinPage.objects.all()


def subscribers_for_export(user):
    if not can_export_subscribers(user)[0]:
        return Subscriber.objects.none()
    return Subscriber.objects.all()


# Readers, by the links in their e-mails -------------------------------------------------------

# The states in which the personal link still opens the preferences.
SUBSCRIBED_STATES = frozenset({SubscriberState.PENDING, SubscriberState.CONFIRMED})


def subscriber_for_link(token):
    """The subscriber whose personal token (preferences and unsubscribe links) this is, or
    None."""
    if not token or len(token) > 64:
        return None
    return Subscriber.objects.filter(token=token).first()


def can_change_subscription(subscriber):
    """Preferences (language, topics, unsubscribe) through the personal link."""
    if subscriber.state in SUBSCRIBED_STATES:
        return ALLOWED
    return False, _("You will receive no more e-bulletins at this address.")


def confirmable_subscriber(token, *, lock=False):
    """The pending subscriber a confirmation link is for (locked for update if `lock`).
    Raises InvalidToken when the link is tampered with, expired, already used, or for an
    address no longer pending."""
    subscriber_id, nonce = read_confirm_token(token)
    queryset = Subscriber.objects.filter(pk=subscriber_id)
    if lock:
        queryset = queryset.select_for_update()
    subscriber = queryset.first()
    if (
        subscriber is None
        or subscriber.state != SubscriberState.PENDING
        or not nonce
        or subscriber.confirm_nonce != nonce
    ):
        raise InvalidToken
    return subscriber
