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


# --- Entrants: shortlisted, awarded, not selected; the guardian's publication request ---------


def _entrant_entry(entry_id):
    """The entry and its entrant, or (None, None) when there is nobody (left) to write to: an
    erased, withdrawn, held or rejected entry gets no e-mail."""
    from competitions.enums import EntryState
    from competitions.models import Entry

    entry = (
        Entry.objects.select_related("competition", "entrant", "publication")
        .filter(pk=entry_id, state=EntryState.APPROVED, erased_at__isnull=True)
        .first()
    )
    entrant = getattr(entry, "entrant", None) if entry is not None else None
    return (entry, entrant) if entrant is not None else (None, None)


def _entrant_links(entry, language):
    from competitions import tokens

    token = tokens.entrant_token(entry)
    with translation.override(language):
        return {
            "link": _absolute(reverse("competitions:entry", args=[token])),
            "publication_link": _absolute(reverse("jury:publication", args=[token]))
            if getattr(entry, "publication", None) is not None
            else "",
        }


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def entrant_notice(entry_id, key):
    """One e-mail to the entrant (or, for a publication request, the guardian), at most once per
    `key` ("shortlisted:<round>", "awarded:<kind>", "not_selected", "guardian_publication:…"),
    in the entrant's language, with the help lines. Returns 1 when sent."""
    from competitions import tokens
    from jury.enums import AwardKind, NoticeKind
    from jury.models import EntrantNotice

    kind = NoticeKind(key.split(":", 1)[0])
    with transaction.atomic():
        entry, entrant = _entrant_entry(entry_id)
        if entry is None:
            return 0
        _notice, created = EntrantNotice.objects.get_or_create(entry=entry, key=key)
        if not created:
            return 0
        language = entrant.language or settings.LANGUAGE_CODE
        context = {
            "entry": entry,
            "entrant": entrant,
            "competition": entry.competition,
            "help_lines": DEFAULT_HELP_LINES,
            **_entrant_links(entry, language),
        }
        recipient = entrant.email
        if kind == NoticeKind.AWARDED:
            context["award"] = AwardKind(key.split(":", 1)[1])
        elif kind == NoticeKind.GUARDIAN_PUBLICATION:
            recipient = entrant.guardian_email
            if not recipient or not entry.guardian_nonce:
                return 0
            with translation.override(language):
                context["guardian_link"] = _absolute(
                    reverse("jury:publication_guardian", args=[tokens.guardian_token(entry)])
                )
        if not recipient:
            return 0
        with translation.override(language):
            context["award_label"] = str(context["award"].label) if "award" in context else ""
            subject = render_to_string(f"jury/emails/entrant_{kind}_subject.txt", context)
            body = render_to_string(f"jury/emails/entrant_{kind}.txt", context)
        EmailMessage(
            " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [recipient]
        ).send()
    return 1


def shortlisted(round_id):
    """Every entry advanced from the round hears that it is on the shortlist."""
    from jury.models import Advancement

    entry_ids = Advancement.objects.filter(round_id=round_id).values_list("entry_id", flat=True)
    return sum(entrant_notice(entry_id, f"shortlisted:{round_id}") for entry_id in entry_ids)


def not_selected(round_id, *, finalists=False):
    """Entries of the round's competition without an award hear that they were not selected.

    When the final round closes (`finalists=False`), only the entries that did not reach it: the
    others may still win. When the chair announces the results (`finalists=True`), every entry
    without an award."""
    from competitions.enums import EntryState
    from competitions.models import Entry
    from jury.models import Award

    round = _round(round_id)
    if round is None:
        return 0
    entries = Entry.objects.filter(
        competition_id=round.jury.competition_id,
        state=EntryState.APPROVED,
        erased_at__isnull=True,
    ).exclude(pk__in=Award.objects.values("entry_id"))
    if not finalists:
        entries = entries.exclude(pk__in=queries.round_entries(round).values("pk"))
    return sum(
        entrant_notice(entry_id, "not_selected")
        for entry_id in entries.values_list("pk", flat=True)
    )
