"""The jury's e-mails, each rendered in its recipient's language."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from jury import queries
from jury.enums import RoundState
from jury.models import Round
from website.helplines import DEFAULT_HELP_LINES

REMIND_BEFORE = timedelta(days=2)


def _link(name, language, *args):
    with translation.override(language):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def _send(template, user, context):
    if not user.email:
        return False
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {**context, "user": user, "help_lines": DEFAULT_HELP_LINES}
        subject = render_to_string(f"jury/emails/{template}_subject.txt", context)
        body = render_to_string(f"jury/emails/{template}.txt", context)
    EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
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
    for juror in round.jury.jurors.filter(is_active=True):
        link = _link("jury:round", juror.preferred_language, round.pk)
        sent += _send("round_opened", juror, {"round": round, "link": link})
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
        link = _link("jury:results", chair.preferred_language, round.pk)
        return int(_send("chair_finished", chair, {"round": round, "link": link}))


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
        unfinished = queries.unfinished_jurors(round)
        for juror in round.jury.jurors.filter(pk__in=unfinished, is_active=True):
            link = _link("jury:round", juror.preferred_language, round.pk)
            sent += _send("reminder", juror, {"round": round, "link": link})
        Round.objects.filter(pk=round.pk).update(reminded_at=now)
    return sent
