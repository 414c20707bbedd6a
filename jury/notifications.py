"""The jury's e-mails, each rendered in its recipient's language (`website.emails`).

Who gets which e-mail is decided here from `jury.permissions`: the jurors of a round, its chair,
and the entrants of entries the jury may still judge (`permissions.notifiable_entries`).

Every e-mail is saved in the site's outbox (mail/) in the same transaction as the mark that says
it was written (`reminded_at`, `chair_notified_at`, `EntrantNotice`), and the worker sends it
after the commit, trying again while the mail server is down: a failure for one juror no longer
stops the e-mails to the others, and nothing marked as written is lost.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation

from competitions import tokens
from competitions.outbox import entry_topic  # filed with the entry's e-mails: erased with it
from jury import extensions, permissions, queries
from jury.enums import AwardKind, NoticeKind, RoundState
from jury.models import Advancement, Award, EntrantNotice, Round
from mail import outbox
from website.emails import absolute_reverse, language_of, render_email

REMIND_BEFORE = timedelta(days=2)


def send_rendered(subject, body, *, to, language="", kind="", topic=""):
    """Queue an e-mail already rendered in the recipient's `language` (sent after commit)."""
    return outbox.enqueue(
        to=to, subject=subject, body=body, language=language, kind=kind, topic=topic
    )


def send(template, context, *, to, language, topic=""):
    """Render `jury/emails/<template>` in `language` and queue it for the address `to`."""
    subject, body = render_email(f"jury/emails/{template}", context, language=language)
    return send_rendered(
        subject, body, to=to, language=language, kind=f"jury.{template}", topic=topic
    )


def _send_to_user(template, user, context):
    if not user.email:
        return False
    send(template, {**context, "user": user}, to=user.email, language=language_of(user))
    return True


def _round(round_id):
    return (
        Round.objects.select_related("jury__competition", "jury__chair").filter(pk=round_id).first()
    )


def round_opened(round_id):
    """Every juror of the round: it is open, and until when."""
    round = _round(round_id)
    if round is None or round.state != RoundState.OPEN:
        return 0
    sent = 0
    with transaction.atomic():
        for juror in round.jury.jurors.filter(is_active=True):
            link = absolute_reverse("jury:round", language=language_of(juror), args=[round.pk])
            sent += _send_to_user("round_opened", juror, {"round": round, "link": link})
    return sent


def chair_if_finished(round_id):
    """The chair, once, when every juror has finished their list."""
    with transaction.atomic():
        round = _round(round_id)
        if round is None or round.state != RoundState.OPEN or round.chair_notified_at:
            return 0
        chair = round.jury.chair
        if chair is None or queries.unfinished_jurors(round):
            return 0
        Round.objects.filter(pk=round.pk).update(chair_notified_at=timezone.now())
        link = absolute_reverse("jury:results", language=language_of(chair), args=[round.pk])
        return int(_send_to_user("chair_finished", chair, {"round": round, "link": link}))


def reminders(now=None):
    """Two days before a round closes: each juror with unmarked entries, once per round."""
    now = now or timezone.now()
    sent = 0
    rounds = Round.objects.filter(
        state=RoundState.OPEN,
        reminded_at__isnull=True,
        closes_at__gt=now,
        closes_at__lte=now + REMIND_BEFORE,
    ).select_related("jury__competition")
    for round in rounds:
        with transaction.atomic():
            unfinished = queries.unfinished_jurors(round)
            for juror in round.jury.jurors.filter(pk__in=unfinished, is_active=True):
                link = absolute_reverse("jury:round", language=language_of(juror), args=[round.pk])
                sent += _send_to_user("reminder", juror, {"round": round, "link": link})
            Round.objects.filter(pk=round.pk).update(reminded_at=now)
    return sent


# --- Entrants: shortlisted, awarded, not selected -----------------------------------------------


def entrant_entry(entry_id):
    """The entry and its entrant, or (None, None) when there is nobody (left) to write to: an
    erased, withdrawn, held or rejected entry gets no e-mail (`permissions.notifiable_entries`)."""
    entry = (
        permissions.notifiable_entries()
        .select_related("competition", "entrant")
        .filter(pk=entry_id)
        .first()
    )
    entrant = getattr(entry, "entrant", None) if entry is not None else None
    return (entry, entrant) if entrant is not None else (None, None)


def record_notice(entry, key):
    """True the first time `key` is recorded for `entry` (the e-mail may go), False after."""
    _notice, created = EntrantNotice.objects.get_or_create(entry=entry, key=key)
    return created


def entrant_notice(entry_id, key):
    """One e-mail to the entrant, at most once per `key` ("shortlisted:<round>",
    "awarded:<kind>", "not_selected"), in the entrant's language, with the help lines and what the
    apps above add (`jury.extensions.entrant_notice_sections`). Returns 1 when sent."""
    kind = NoticeKind(key.split(":", 1)[0])
    with transaction.atomic():
        entry, entrant = entrant_entry(entry_id)
        if entry is None or not record_notice(entry, key) or not entrant.email:
            return 0
        language = language_of(entrant.language)
        award = AwardKind(key.split(":", 1)[1]) if kind == NoticeKind.AWARDED else None
        with translation.override(language):
            sections = extensions.entrant_notice_sections(entry, key)
            award_label = str(award.label) if award else ""
        context = {
            "entry": entry,
            "entrant": entrant,
            "competition": entry.competition,
            "link": absolute_reverse(
                "competitions:entry", language=language, args=[tokens.entrant_token(entry)]
            ),
            "award": award,
            "award_label": award_label,
            "sections": sections,
        }
        send(
            f"entrant_{kind}",
            context,
            to=entrant.email,
            language=language,
            topic=entry_topic(entry),
        )
    return 1


def shortlisted(round_id):
    """Every entry advanced from the round hears that it is on the shortlist."""
    entry_ids = Advancement.objects.filter(round_id=round_id).values_list("entry_id", flat=True)
    return sum(entrant_notice(entry_id, f"shortlisted:{round_id}") for entry_id in entry_ids)


def not_selected(round_id, *, finalists=False):
    """Entries of the round's competition without an award hear that they were not selected.

    When the final round closes (`finalists=False`), only the entries that did not reach it: the
    others may still win. When the chair announces the results (`finalists=True`), every entry
    without an award."""
    round = _round(round_id)
    if round is None:
        return 0
    entries = (
        permissions.notifiable_entries()
        .filter(competition_id=round.jury.competition_id)
        .exclude(pk__in=Award.objects.values("entry_id"))
    )
    if not finalists:
        entries = entries.exclude(pk__in=queries.round_entries(round).values("pk"))
    return sum(
        entrant_notice(entry_id, "not_selected")
        for entry_id in entries.values_list("pk", flat=True)
    )
