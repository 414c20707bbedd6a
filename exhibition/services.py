"""Services of the do-no-harm check before a work is published, and of taking it down.

An awarded or exhibited entry gets a `Publication` (pending). It becomes public only when:
- the entrant confirmed through their private link, choosing how they are credited;
- for an entrant still under the competition's consent age, the parent or guardian confirmed
  through their own link;
- a moderator ticked the checklist (who and when are kept).
Entrant, guardian or staff can take it down at any time; the public views check the state on
every request, so it disappears at once. Every move goes through `move_publication`. Who may
do what is asked of `exhibition.permissions`.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from competitions import tokens
from competitions.enums import Actor, CreditChoice, EntryState
from competitions.models import Entry
from competitions.services import age_on
from exhibition import images, permissions
from exhibition.enums import (
    ERASED_CAPTIONS,
    ERASED_COPIES,
    ERASED_CREDIT,
    ERASED_TAKEN_DOWN,
    GUARDIAN_NOTICE,
    PublicationState,
)
from exhibition.models import Publication
from exhibition.tasks import notify_guardian
from jury import permissions as jury_permissions


class PublicationError(Exception):
    """A refused publication step; the message is for the person who tried it."""


def _action_name(state):
    return f"exhibition.publication.{state}"


def move_publication(publication, to_state, *, actor, by=None, now=None):
    """The one function that changes a publication's state (see `PUBLICATION_MOVES`)."""
    now = now or timezone.now()
    to_state = PublicationState(to_state)
    with transaction.atomic():
        locked = Publication.objects.select_for_update().get(pk=publication.pk)
        allowed, reason = permissions.can_move(locked, to_state, actor)
        if not allowed:
            raise PublicationError(reason)
        fields = ["state"]
        if to_state == PublicationState.PUBLISHED:
            if not (locked.consent_complete and locked.checklist_complete):
                raise PublicationError(_("The confirmations and the checklist are not complete."))
            # Blind judging: nothing is public while a round of the competition is to come.
            finished, reason = jury_permissions.judging_finished(locked.competition_id)
            if not finished:
                raise PublicationError(reason)
            locked.published_at = now
            fields.append("published_at")
        elif to_state == PublicationState.TAKEN_DOWN:
            locked.taken_down_at = now
            locked.taken_down_by = actor
            fields += ["taken_down_at", "taken_down_by"]
            public_id = locked.public_id
            transaction.on_commit(lambda: images.delete_derivatives(public_id))
        else:  # back to pending: every confirmation and the checklist are asked for again
            if locked.state == PublicationState.PUBLISHED:  # off the site: its copies go too
                public_id = locked.public_id
                transaction.on_commit(lambda: images.delete_derivatives(public_id))
            locked.entrant_confirmed_at = None
            locked.guardian_confirmed_at = None
            locked.no_unconsented_people = False
            locked.no_victim_identifiable = False
            locked.caption_reviewed = False
            locked.checked_at = None
            locked.checked_by = None
            locked.published_at = None
            fields += [
                "entrant_confirmed_at",
                "guardian_confirmed_at",
                "no_unconsented_people",
                "no_victim_identifiable",
                "caption_reviewed",
                "checked_at",
                "checked_by",
                "published_at",
            ]
        locked.state = to_state
        locked.save(update_fields=fields)
        log(
            instance=locked,
            action=_action_name(to_state),
            user=by,
            data={"entry": locked.entry_id, "actor": str(actor)},
        )
    publication.refresh_from_db()
    return publication


def _publish_if_ready(publication, *, now):
    if (
        publication.state == PublicationState.PENDING
        and publication.consent_complete
        and publication.checklist_complete
        and jury_permissions.judging_finished(publication.competition_id)[0]
    ):
        move_publication(publication, PublicationState.PUBLISHED, actor=Actor.SYSTEM, now=now)


def _credit_name(entrant, credit, pen_name):
    if credit == CreditChoice.REAL_NAME:
        return entrant.full_name
    if credit == CreditChoice.PEN_NAME:
        return pen_name
    return ""


def guardian_needed(entry, today=None):
    """A parent or guardian must agree while the entrant is younger than the consent age."""
    entrant = getattr(entry, "entrant", None)
    if entrant is None:
        return False
    today = today or timezone.localdate()
    return age_on(entrant.date_of_birth, today) < entry.competition.consent_age


def ensure_publication(entry, *, now=None):
    """The publication record of an awarded or exhibited entry (pending at first). Credit and
    caption start from what the entrant chose when entering. For a minor, the guardian is asked."""
    now = now or timezone.now()
    existing = Publication.objects.filter(entry=entry).first()
    if existing is not None:
        return existing, False
    entrant = getattr(entry, "entrant", None)
    caption = entry.description.strip()
    needed = guardian_needed(entry, timezone.localdate(now))
    publication = Publication.objects.create(
        entry=entry,
        competition_id=entry.competition_id,
        credit=entrant.credit if entrant else CreditChoice.ANONYMOUS,
        credit_name=_credit_name(entrant, entrant.credit, entrant.pen_name) if entrant else "",
        caption_sq=caption if entry.language != "en" else "",
        caption_en=caption if entry.language != "sq" else "",
        guardian_needed=needed,
        created_at=now,
    )
    if needed:
        ask_guardian(publication)
    return publication, True


def ask_guardian(publication):
    """A fresh link for the parent or guardian (the old one, if any, stops working) and an
    e-mail with it, sent after the commit."""
    entry = publication.entry
    with transaction.atomic():
        entry.guardian_nonce = tokens.new_nonce()
        Entry.objects.filter(pk=entry.pk).update(guardian_nonce=entry.guardian_nonce)
        key = f"{GUARDIAN_NOTICE}:{entry.guardian_nonce}"
        entry_id = entry.pk
        transaction.on_commit(lambda: notify_guardian.enqueue(entry_id, key))


def _pending(publication):
    allowed, reason = permissions.can_be_confirmed(publication)
    if not allowed:
        raise PublicationError(reason)


def confirm_by_entrant(publication, *, credit, pen_name="", now=None):
    """The entrant agrees to publication and chooses the credit (real name, pen name or none)."""
    now = now or timezone.now()
    credit = CreditChoice(credit)
    pen_name = (pen_name or "").strip()
    _pending(publication)
    if credit == CreditChoice.PEN_NAME and not pen_name:
        raise PublicationError(_("Write the pen name to show."))
    entrant = publication.entry.entrant
    with transaction.atomic():
        publication.credit = credit
        publication.credit_name = _credit_name(entrant, credit, pen_name)
        publication.entrant_confirmed_at = now
        publication.save(update_fields=["credit", "credit_name", "entrant_confirmed_at"])
        log(
            instance=publication,
            action="exhibition.publication.entrant_confirmed",
            data={"entry": publication.entry_id, "credit": credit.value},
        )
        _publish_if_ready(publication, now=now)
    return publication


def confirm_by_guardian(publication, *, now=None):
    now = now or timezone.now()
    _pending(publication)
    if not publication.guardian_needed:
        raise PublicationError(_("No parent's or guardian's confirmation is needed."))
    with transaction.atomic():
        publication.guardian_confirmed_at = now
        publication.save(update_fields=["guardian_confirmed_at"])
        # The link has done its work.
        Entry.objects.filter(pk=publication.entry_id).update(guardian_nonce="")
        log(
            instance=publication,
            action="exhibition.publication.guardian_confirmed",
            data={"entry": publication.entry_id},
        )
        _publish_if_ready(publication, now=now)
    return publication


def record_checklist(
    publication,
    *,
    by,
    no_unconsented_people,
    no_victim_identifiable,
    caption_reviewed,
    caption_sq,
    caption_en,
    now=None,
):
    """A moderator's check of the work and its caption; every item must be ticked."""
    now = now or timezone.now()
    allowed, reason = permissions.can_check(by)
    if not allowed:
        raise PublicationError(reason)
    _pending(publication)
    if not (no_unconsented_people and no_victim_identifiable and caption_reviewed):
        raise PublicationError(_("Tick every item of the checklist, or leave the work private."))
    with transaction.atomic():
        publication.no_unconsented_people = True
        publication.no_victim_identifiable = True
        publication.caption_reviewed = True
        publication.caption_sq = caption_sq.strip()
        publication.caption_en = caption_en.strip()
        publication.checked_by = by
        publication.checked_at = now
        publication.save(
            update_fields=[
                "no_unconsented_people",
                "no_victim_identifiable",
                "caption_reviewed",
                "caption_sq",
                "caption_en",
                "checked_by",
                "checked_at",
            ]
        )
        log(
            instance=publication,
            action="exhibition.publication.checked",
            user=by,
            data={"entry": publication.entry_id},
        )
        _publish_if_ready(publication, now=now)
    return publication


def take_down(publication, *, actor, by=None, now=None):
    """Entrant, guardian or staff: the work leaves the site (or never reaches it)."""
    if actor == Actor.MODERATOR:
        allowed, reason = permissions.can_check(by)
        if not allowed:
            raise PublicationError(reason)
    return move_publication(publication, PublicationState.TAKEN_DOWN, actor=actor, by=by, now=now)


def reopen(publication, *, by, now=None):
    """Staff only: ask for every confirmation and the checklist again."""
    allowed, reason = permissions.can_check(by)
    if not allowed:
        raise PublicationError(reason)
    move_publication(publication, PublicationState.PENDING, actor=Actor.MODERATOR, by=by, now=now)
    if publication.guardian_needed:
        ask_guardian(publication)
    return publication


def award_recorded(award):
    """The `jury_award_recorded` hook: an awarded or exhibited work gets its publication record
    (pending: nothing is public until the entrant, the guardian and a moderator agree)."""
    ensure_publication(award.entry)


# --- What the competitions tell the exhibition (`competitions.extensions`) ----------------------


def erase_publication(entry, *, reason):
    """The `competitions_entry_erased` hook: the entry's personal data is being erased
    (withdrawal, refused or expired consent, a purge), inside that transaction. The work leaves
    the site at once, its public-size copies are deleted and the publication keeps nothing
    personal (credit name, captions). Returns the codes of what was erased."""
    publication = Publication.objects.select_for_update().filter(entry=entry).first()
    if publication is None:
        return []
    erased = []
    if images.has_derivatives(publication.public_id):
        erased.append(ERASED_COPIES)
    if publication.state != PublicationState.TAKEN_DOWN:
        move_publication(publication, PublicationState.TAKEN_DOWN, actor=Actor.SYSTEM)
        erased.append(ERASED_TAKEN_DOWN)
    else:
        public_id = publication.public_id
        transaction.on_commit(lambda: images.delete_derivatives(public_id))
    if publication.credit_name:
        erased.append(ERASED_CREDIT)
    if publication.caption_sq or publication.caption_en:
        erased.append(ERASED_CAPTIONS)
    publication.credit = CreditChoice.ANONYMOUS
    publication.credit_name = ""
    publication.caption_sq = ""
    publication.caption_en = ""
    publication.save(update_fields=["credit", "credit_name", "caption_sq", "caption_en"])
    return erased


def entry_moved(entry, event):
    """The `competitions_entry_moved` hook. An entry held for safeguarding, and again when it
    returns from the hold, has its publication asked for every confirmation and the checklist
    anew (it leaves the site if it was public); when such an entry is approved again, a parent
    or guardian whose agreement is needed gets a fresh link."""
    hold = EntryState.SAFEGUARDING_HOLD
    publication = Publication.objects.filter(entry=entry).first()
    if publication is None:
        return
    if hold in (event.from_state, event.to_state):
        if publication.state != PublicationState.TAKEN_DOWN:
            move_publication(publication, PublicationState.PENDING, actor=Actor.SAFEGUARDING)
    elif (
        event.to_state in EntryState.judgeable()
        and publication.state == PublicationState.PENDING
        and publication.guardian_needed
        and publication.guardian_confirmed_at is None
        and not entry.guardian_nonce
    ):
        ask_guardian(publication)
