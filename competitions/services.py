"""Every write with side effects on entries. Views and tasks call these; nothing else changes a
state, deletes personal data or queues an e-mail.
"""

import logging
from datetime import date, timedelta
from email.utils import parseaddr

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import log_actions

from competitions import consent, duplicates, extensions, outbox, retention, tokens
from competitions.enums import (
    MOVES,
    Actor,
    CompetitionStatus,
    ConsentState,
    EntryState,
    ErasedPart,
    ErasureReason,
    Recipient,
)
from competitions.enums import NotificationKind as NK
from competitions.images import CleanImage
from competitions.models import (
    Entrant,
    Entry,
    EntryCounter,
    EntryEvent,
    EntryMessage,
    Erasure,
    PendingUpload,
)
from competitions.models.uploads import KEEP_FOR
from competitions.storage import generated_name, private_storage

logger = logging.getLogger(__name__)


class MoveNotAllowed(Exception):
    """The workflow has no such move for this actor."""


class SubmissionRefused(Exception):
    """The entry cannot be accepted; the message is for the entrant."""


def age_on(date_of_birth, day):
    return (
        day.year
        - date_of_birth.year
        - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))
    )


# --- Notifications ---------------------------------------------------------------------------


def _notify(entry, kind, recipient, event=None):
    return outbox.queue(entry, kind, recipient, event)


# --- The one function that moves an entry -----------------------------------------------------


def can_move(entry, to_state, actor):
    """(allowed, reason) so the interface can explain a refusal."""
    allowed_actors = MOVES.get((EntryState(entry.state), EntryState(to_state)))
    if allowed_actors is None:
        return False, _("An entry that is “%(from)s” cannot become “%(to)s”.") % {
            "from": EntryState(entry.state).label,
            "to": EntryState(to_state).label,
        }
    if Actor(actor) not in allowed_actors:
        return False, _("You may not make this change.")
    if EntryState(to_state) == EntryState.APPROVED and not redaction_ready(entry):
        return False, _(
            "Confirm the redacted text for the jury before approving this story for judging."
        )
    return True, ""


# --- Blind judging: the story the jury reads ----------------------------------------------------


def redaction_ready(entry):
    """A story goes to the jury only as the redacted text a moderator confirmed (jurors never
    see `story_text`); an entry without a story (a photo, an artwork) needs nothing here."""
    if not entry.story_text:
        return True
    return bool(entry.redaction_confirmed_at and entry.redacted_text.strip())


def save_redacted_text(entry, *, by, text, confirm=False, now=None):
    """Store the text the jury reads instead of the story.

    `confirm=True`: the moderator confirms that it names nobody (`redaction_ready`, needed to
    approve the story); the confirmation is written to the entry's history. Saving without
    confirming withdraws an earlier confirmation, and is refused once the story is approved (the
    jury would be left without a text).
    """
    text = text.strip()
    if confirm and not text:
        raise MoveNotAllowed(_("Write the redacted text before confirming it."))
    with transaction.atomic():
        locked = Entry.objects.select_for_update().get(pk=entry.pk)
        if not confirm and locked.state == EntryState.APPROVED:
            raise MoveNotAllowed(
                _("This story is being judged: confirm the redacted text when you save it.")
            )
        locked.redacted_text = text
        locked.redaction_confirmed_at = (now or timezone.now()) if confirm else None
        locked.redaction_confirmed_by = by if confirm else None
        locked.save(
            update_fields=[
                "redacted_text", "redaction_confirmed_at", "redaction_confirmed_by", "updated_at",
            ]
        )  # fmt: skip
        if confirm:
            EntryEvent.objects.create(
                entry=locked,
                from_state=locked.state,
                to_state=locked.state,
                actor=Actor.MODERATOR,
                user=by,
                note="redacted text confirmed for the jury",
            )
    entry.refresh_from_db()
    return entry


def log_action_name(state):
    """The Wagtail audit-log action of a move into `state` (registered in wagtail_hooks)."""
    return f"competitions.entry.{EntryState(state).value}"


def move_entry(
    entry, to_state, *, actor, by=None, reason="", note="", message="", erasure_reason=None
):
    """Check the move in `MOVES`, change the state, write the audit rows (our `EntryEvent` and
    Wagtail's audit log), queue the e-mails, and tell the apps above (`extensions.entry_moved`).

    `actor` is the role in which the move is made (the caller has checked the permission that
    role needs); `by` is the staff user, if any. The move's time is the entry's `decided_at`
    (the retention clocks count from it). A withdrawal erases the personal data at once, for
    `erasure_reason` (by default what the actor's withdrawal means: `WITHDRAWAL_REASONS`).
    """
    to_state = EntryState(to_state)
    with transaction.atomic():
        locked = Entry.objects.select_for_update().get(pk=entry.pk)
        allowed, why = can_move(locked, to_state, actor)
        if not allowed:
            raise MoveNotAllowed(why)
        event = EntryEvent.objects.create(
            entry=locked,
            from_state=locked.state,
            to_state=to_state,
            actor=actor,
            user=by,
            reason=reason,
            note=note,
            message=message,
        )
        log_actions.log(
            instance=locked,
            action=log_action_name(to_state),
            user=by,
            data={"from": event.from_state, "to": to_state.value, "reason": reason, "note": note},
        )
        locked.state = to_state
        locked.decided_at = event.created_at
        locked.save(update_fields=["state", "decided_at", "updated_at"])
        if to_state == EntryState.WITHDRAWN:
            _erase(locked, reason=erasure_reason or WITHDRAWAL_REASONS[Actor(actor)])
        elif to_state in (EntryState.CHANGES_REQUESTED, EntryState.APPROVED, EntryState.REJECTED):
            _notify(locked, NK.STATE_CHANGED, Recipient.ENTRANT, event)
        elif to_state == EntryState.SAFEGUARDING_HOLD:
            _notify(locked, NK.SAFEGUARDING_ALERT, Recipient.SAFEGUARDING, event)
            _notify(locked, NK.STATE_CHANGED, Recipient.ENTRANT, event)
        extensions.entry_moved(locked, event)
    entry.refresh_from_db()
    return event


def move_entries(entries, to_state, *, actor, by=None, reason="", note="", message=""):
    """Move each of `entries` with `move_entry`, each in its own transaction: a refused move
    is reported and does not stop the others. Returns (moved, refused) where refused is a list
    of (entry, why)."""
    moved, refused = [], []
    for entry in entries:
        try:
            move_entry(
                entry, to_state, actor=actor, by=by, reason=reason, note=note, message=message
            )
        except MoveNotAllowed as error:
            refused.append((entry, str(error)))
        else:
            moved.append(entry)
    return moved, refused


# What a withdrawal means, by who made it (`move_entry`'s default erasure reason).
WITHDRAWAL_REASONS = {
    Actor.ENTRANT: ErasureReason.WITHDRAWN,
    Actor.GUARDIAN: ErasureReason.CONSENT_REFUSED,
    Actor.SYSTEM: ErasureReason.CONSENT_EXPIRED,
}


def _erase(entry, *, reason):
    """Delete the personal data and files of `entry` (inside the caller's transaction), let the
    apps above erase their copies (`extensions.entry_erased`: the publication's credit, captions
    and public-size images), and record what went, when and why (`Erasure`, no personal data)."""
    files = [name for name in (entry.image.name, entry.thumbnail.name) if name]
    storage = entry.image.storage
    erased = []
    if Entrant.objects.filter(entry=entry).delete()[0]:
        erased.append(ErasedPart.ENTRANT)
    if entry.title or entry.description or entry.story_text or entry.redacted_text:
        erased.append(ErasedPart.WORK)
    if files:
        erased.append(ErasedPart.FILES)
    if entry.taken_at or entry.camera_model or entry.image_hash:
        erased.append(ErasedPart.IMAGE_DETAILS)
    discarded = outbox.discard(entry)
    replies = entry.thread_messages.all().delete()[0]
    if entry.events.exclude(message="").update(message="") or discarded or replies:
        erased.append(ErasedPart.MESSAGES)
    if entry.access_nonce or entry.guardian_nonce:
        erased.append(ErasedPart.LINKS)
    entry.title = ""
    entry.description = ""
    entry.story_text = ""
    entry.redacted_text = ""
    entry.image = ""
    entry.thumbnail = ""
    entry.taken_at = None
    entry.camera_model = ""
    entry.image_hash = ""
    entry.access_nonce = ""
    entry.guardian_nonce = ""
    entry.erased_at = timezone.now()
    entry.save()
    duplicates.forget(entry)
    erased.extend(extensions.entry_erased(entry, reason=reason))
    Erasure.objects.create(
        entry=entry,
        reference=entry.reference,
        reason=reason,
        erased=[str(part) for part in erased],
        erased_at=entry.erased_at,
    )

    def delete_files():
        for name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)


# --- Submitting ------------------------------------------------------------------------------

DECLARATION_FIELDS = {
    "non_professional": "declared_non_professional_at",
    "own_work": "declared_own_work_at",
    "people_agreed": "declared_people_agreed_at",
    "rules_read": "declared_rules_read_at",
    "licence": "declared_licence_at",
}


def allocate_number(competition):
    """The next reference number; the counter row stays locked until the transaction ends."""
    EntryCounter.objects.get_or_create(competition=competition)
    EntryCounter.objects.filter(competition=competition).update(last_number=F("last_number") + 1)
    return EntryCounter.objects.get(competition=competition).last_number


def format_reference(competition, number):
    return f"{competition.reference_prefix}{competition.edition}-{competition.kind.upper()}-{number:04d}"


def _store_image(entry, clean):
    storage = entry.image.storage
    entry.image.name = storage.save(
        generated_name(entry.competition_id, "", clean.extension), ContentFile(clean.content)
    )
    entry.thumbnail.name = storage.save(
        generated_name(entry.competition_id, "-thumb", clean.extension),
        ContentFile(clean.thumbnail),
    )
    entry.image_width = clean.width
    entry.image_height = clean.height
    entry.image_hash = clean.image_hash
    entry.taken_at = clean.taken_at
    entry.camera_model = clean.camera_model
    return [entry.image.name, entry.thumbnail.name]


def submit_entry(*, competition, data, form_token, image=None, kept=None, now=None):
    """Create an entry from the cleaned form `data`; return (entry, created).

    The same `form_token` twice (a double click, two tabs) returns the first entry unchanged.
    `image` is a `competitions.images.CleanImage` for photo and artwork competitions; without
    it, `kept` (a `PendingUpload` of this form) gives the image kept from an earlier send. The
    kept image goes once the entry is saved (the entry has its own copy).
    """
    now = now or timezone.now()
    if image is None and kept is not None:
        image = kept_image(kept)
    existing = Entry.objects.filter(form_token=form_token).first()
    if existing is not None:
        return existing, False
    if competition.status_at(now) != CompetitionStatus.OPEN:
        raise SubmissionRefused(_("This competition is not open for entries."))
    email = data["email"].strip().lower()
    stored = []
    try:
        with transaction.atomic():
            number = allocate_number(competition)
            # Re-check under the counter's lock: a twin request may have committed meanwhile.
            existing = Entry.objects.filter(form_token=form_token).first()
            if existing is not None:
                return existing, False
            count = (
                Entry.objects.filter(competition=competition, entrant__email=email)
                .exclude(state=EntryState.WITHDRAWN)
                .count()
            )
            if count >= competition.max_entries_per_person:
                raise SubmissionRefused(
                    _("You have already sent the most entries allowed in this competition.")
                )
            today = timezone.localdate(now)
            age = age_on(data["date_of_birth"], today)
            needs_consent = age < competition.consent_age
            entry = Entry(
                competition=competition,
                number=number,
                reference=format_reference(competition, number),
                category=data.get("category"),
                title=data["title"],
                description=data.get("description", ""),
                story_text=data.get("story_text", ""),
                language=data.get("language", ""),
                word_count=count_words(data.get("story_text", "")),
                content_warning=data.get("content_warning", ""),
                age=age,
                country=data["country"],
                consent_state=ConsentState.PENDING if needs_consent else ConsentState.NOT_NEEDED,
                form_token=form_token,
                access_nonce=tokens.new_nonce(),
                guardian_nonce=tokens.new_nonce() if needs_consent else "",
                submitted_at=now,
            )
            for key, field in DECLARATION_FIELDS.items():
                if data.get(f"declare_{key}"):
                    setattr(entry, field, now)
            if image is not None:
                stored = _store_image(entry, image)
            entry.save()
            Entrant.objects.create(
                entry=entry,
                full_name=data["full_name"],
                email=email,
                date_of_birth=data["date_of_birth"],
                country=data["country"],
                municipality=data.get("municipality"),
                language=data["message_language"],
                credit=data["credit"],
                pen_name=data.get("pen_name", ""),
                guardian_name=data.get("guardian_name", "") if needs_consent else "",
                guardian_email=(data.get("guardian_email") or "").lower() if needs_consent else "",
            )
            if needs_consent:
                entry.consent_check = consent.guardian_check(email, data.get("guardian_email"))
                entry.save(update_fields=["consent_check"])
            _notify(entry, NK.RECEIPT, Recipient.ENTRANT)
            if kept is not None:
                discard_upload(kept)
            duplicates.queue(entry)
            if needs_consent:
                move_entry(entry, EntryState.AWAITING_CONSENT, actor=Actor.SYSTEM)
                _notify(entry, NK.CONSENT_REQUEST, Recipient.GUARDIAN)
            else:
                move_entry(entry, EntryState.IN_MODERATION, actor=Actor.SYSTEM)
    except IntegrityError:
        _delete_files(stored)
        existing = Entry.objects.filter(form_token=form_token).first()
        if existing is None:
            raise
        return existing, False
    except BaseException:
        _delete_files(stored)
        raise
    entry.refresh_from_db()
    return entry, True


def _delete_files(names):
    if not names:
        return
    storage = Entry._meta.get_field("image").storage
    for name in names:
        storage.delete(name)


def count_words(text):
    return len(text.split())


# --- The entrant, through the private link ------------------------------------------------------


def withdraw_entry(entry, *, actor=Actor.ENTRANT, note=""):
    return move_entry(entry, EntryState.WITHDRAWN, actor=actor, note=note)


def answer_change_request(entry, *, title, description, story_text="", image=None):
    """The entrant's corrected entry goes back to the moderators."""
    if entry.state != EntryState.CHANGES_REQUESTED:
        raise MoveNotAllowed(_("No changes were requested for this entry."))
    old_files = [entry.image.name, entry.thumbnail.name] if image is not None else []
    stored = []
    try:
        with transaction.atomic():
            entry.title = title
            entry.description = description
            fields = ["title", "description"]
            if not entry.competition.takes_image:
                entry.story_text = story_text
                entry.word_count = count_words(story_text)
                # A new story needs its redacted text confirmed again (blind judging).
                entry.redaction_confirmed_at = None
                entry.redaction_confirmed_by = None
                fields += [
                    "story_text", "word_count", "redaction_confirmed_at", "redaction_confirmed_by",
                ]  # fmt: skip
            if image is not None:
                stored = _store_image(entry, image)
                fields += [
                    "image", "thumbnail", "image_width", "image_height", "image_hash",
                    "taken_at", "camera_model",
                ]  # fmt: skip
            entry.save(update_fields=fields)
            move_entry(entry, EntryState.IN_MODERATION, actor=Actor.ENTRANT)
            duplicates.queue(entry)
    except BaseException:
        _delete_files(stored)
        raise
    transaction.on_commit(lambda: _delete_files([name for name in old_files if name]))
    return entry


def can_reply(entry):
    """(allowed, reason): the entrant may write to the organisers from the private page while
    the entry is open to them (not withdrawn, personal data not erased)."""
    if entry.erased_at is not None or entry.state not in EntryState.open_for_entrant():
        return False, _("You can no longer write about this entry.")
    return True, ""


def reply_to_organisers(entry, *, body, now=None):
    """The entrant's message on the entry's thread; the staff who may open the entry are told
    by e-mail (`notifications`: moderators, or safeguarding officers while it is held)."""
    allowed, reason = can_reply(entry)
    if not allowed:
        raise MoveNotAllowed(reason)
    body = body.strip()
    if not body:
        raise MoveNotAllowed(_("Write your message first."))
    with transaction.atomic():
        message = EntryMessage.objects.create(
            entry=entry,
            author=EntryMessage.Author.ENTRANT,
            body=body,
            created_at=now or timezone.now(),
        )
        _notify(entry, NK.ENTRANT_REPLY, Recipient.MODERATORS)
    return message


def entry_thread(entry):
    """The entry's messages, oldest first: the organisers' (sent with their moves) and the
    entrant's replies, as (created_at, author, body) with author an `EntryMessage.Author`.
    Two queries, whatever the length."""
    organisers = [
        (event.created_at, EntryMessage.Author.MODERATOR, event.message)
        for event in entry.events.exclude(message="")
    ]
    replies = [
        (message.created_at, EntryMessage.Author(message.author), message.body)
        for message in entry.thread_messages.all()
    ]
    return sorted(organisers + replies, key=lambda item: item[0])


# --- Images kept between two sends of the entry form --------------------------------------------


def keep_upload(*, competition, form_key, image, original_name="", now=None):
    """Keep the cleaned `image` (a `CleanImage`) for the form `form_key` in the private storage,
    replacing what that form kept before; return the `PendingUpload`."""
    storage = private_storage()
    folder = f"pending/{int(competition.pk)}"
    names = [
        storage.save(
            f"{folder}/{tokens.new_nonce()}.{image.extension}", ContentFile(image.content)
        ),
        storage.save(
            f"{folder}/{tokens.new_nonce()}-thumb.{image.extension}",
            ContentFile(image.thumbnail or image.content),
        ),
    ]
    try:
        with transaction.atomic():
            old = PendingUpload.objects.select_for_update().filter(form_key=form_key).first()
            if old is not None:
                discard_upload(old)
            return PendingUpload.objects.create(
                competition=competition,
                form_key=form_key,
                image=names[0],
                thumbnail=names[1],
                original_name=original_name[-120:],
                extension=image.extension,
                width=image.width,
                height=image.height,
                image_hash=image.image_hash,
                taken_at=image.taken_at,
                camera_model=image.camera_model,
                created_at=now or timezone.now(),
            )
    except BaseException:
        _delete_files(names)
        raise


def kept_upload(*, competition, form_key, now=None):
    """The image the form `form_key` kept, if it is still fresh, else None."""
    if not form_key:
        return None
    return (
        PendingUpload.objects.fresh(now).filter(competition=competition, form_key=form_key).first()
    )


def kept_image(pending):
    """The `CleanImage` of a kept upload, read back from the private storage."""
    with pending.image.open("rb") as handle:
        content = handle.read()
    with pending.thumbnail.open("rb") as handle:
        thumbnail = handle.read()
    return CleanImage(
        content=content,
        extension=pending.extension,
        width=pending.width,
        height=pending.height,
        thumbnail=thumbnail,
        image_hash=pending.image_hash,
        taken_at=pending.taken_at,
        camera_model=pending.camera_model,
    )


def discard_upload(pending):
    """Delete a kept upload: the row now, its files once the transaction commits."""
    names = [name for name in (pending.image.name, pending.thumbnail.name) if name]
    pending.delete()
    transaction.on_commit(lambda: _delete_files(names))


def delete_stale_uploads(*, now=None):
    """Delete the uploads kept longer than `KEEP_FOR` (a form left half-way); returns how many."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    stale = 0
    for pending in PendingUpload.objects.filter(created_at__lte=cutoff):
        with transaction.atomic():
            discard_upload(pending)
        stale += 1
    return stale


# --- Parent or guardian consent ------------------------------------------------------------------


def give_consent(entry, *, now=None):
    with transaction.atomic():
        move_entry(entry, EntryState.IN_MODERATION, actor=Actor.GUARDIAN)
        entry.consent_state = ConsentState.GIVEN
        entry.consent_at = now or timezone.now()
        entry.guardian_nonce = ""
        entry.save(update_fields=["consent_state", "consent_at", "guardian_nonce"])
        _notify(entry, NK.CONSENT_GIVEN, Recipient.ENTRANT)


def refuse_consent(entry):
    with transaction.atomic():
        Entry.objects.filter(pk=entry.pk).update(consent_state=ConsentState.REFUSED)
        move_entry(
            entry,
            EntryState.WITHDRAWN,
            actor=Actor.GUARDIAN,
            note="consent refused",
            erasure_reason=ErasureReason.CONSENT_REFUSED,
        )


# The consent e-mails whose failure the entrant is told about (mail/ kinds of `outbox`).
CONSENT_MAIL_KINDS = (f"competitions.{NK.CONSENT_REQUEST}", f"competitions.{NK.CONSENT_REMINDER}")
RESEND_EVERY = timedelta(days=1)


def consent_email_failed(*, topic, kind, to=(), now=None):
    """The `mail_message_failed` hook: the mail server refused a consent e-mail, it never got
    through, or it bounced later. The entrant's private page says so and they get an e-mail,
    with a way to give another address (`change_guardian_email`). An e-mail to an address the
    entrant has since replaced changes nothing (a late bounce of the old one). Returns the
    entry, or None when it does not concern a consent awaited."""
    if kind not in CONSENT_MAIL_KINDS or not topic.startswith(outbox.entry_topic("")):
        return None
    pk = topic.removeprefix(outbox.entry_topic(""))
    if not pk.isdigit():
        return None
    with transaction.atomic():
        entry = (
            Entry.objects.select_for_update()
            .filter(pk=int(pk), state=EntryState.AWAITING_CONSENT)
            .first()
        )
        if entry is None or entry.consent_undelivered_at is not None:
            return entry
        entrant = getattr(entry, "entrant", None)
        current = entrant.guardian_email.strip().lower() if entrant else ""
        if to and current not in {parseaddr(address)[1].lower() for address in to}:
            return entry
        entry.consent_undelivered_at = now or timezone.now()
        entry.save(update_fields=["consent_undelivered_at", "updated_at"])
        _notify(entry, NK.CONSENT_UNDELIVERED, Recipient.ENTRANT)
    return entry


def can_resend_consent(entry, *, now=None):
    """(allowed, reason): the entrant may give another guardian's address and send the request
    again while consent is awaited, at most once a day."""
    if entry.state != EntryState.AWAITING_CONSENT:
        return False, _("Consent is no longer awaited for this entry.")
    now = now or timezone.now()
    if entry.consent_resent_at and now - entry.consent_resent_at < RESEND_EVERY:
        return False, _(
            "You have already sent the request again today. You can send it again tomorrow."
        )
    return True, ""


def change_guardian_email(entry, *, email, now=None):
    """The entrant corrects the guardian's address: a new link (the old one stops working), the
    request sent to the new address, the address checked again (`consent.guardian_check`)."""
    now = now or timezone.now()
    allowed, reason = can_resend_consent(entry, now=now)
    if not allowed:
        raise MoveNotAllowed(reason)
    email = email.strip().lower()
    with transaction.atomic():
        locked = (
            Entry.objects.select_for_update(of=("self",)).select_related("entrant").get(pk=entry.pk)
        )
        allowed, reason = can_resend_consent(locked, now=now)
        if not allowed:
            raise MoveNotAllowed(reason)
        locked.entrant.guardian_email = email
        locked.entrant.save(update_fields=["guardian_email"])
        locked.guardian_nonce = tokens.new_nonce()
        locked.consent_resent_at = now
        locked.consent_undelivered_at = None
        locked.consent_check = consent.guardian_check(locked.entrant.email, email)
        locked.save(
            update_fields=[
                "guardian_nonce", "consent_resent_at", "consent_undelivered_at", "consent_check",
                "updated_at",
            ]
        )  # fmt: skip
        _notify(locked, NK.CONSENT_REQUEST, Recipient.GUARDIAN)
    entry.refresh_from_db()
    return entry


def send_consent_reminders(*, now=None):
    """One reminder to each guardian who has not answered after the competition's reminder days."""
    now = now or timezone.now()
    sent = 0
    pending = Entry.objects.filter(
        state=EntryState.AWAITING_CONSENT, consent_reminded_at__isnull=True
    ).select_related("competition")
    for entry in pending:
        if entry.submitted_at + timedelta(days=entry.competition.consent_reminder_days) > now:
            continue
        with transaction.atomic():
            entry.consent_reminded_at = now
            entry.save(update_fields=["consent_reminded_at"])
            _notify(entry, NK.CONSENT_REMINDER, Recipient.GUARDIAN)
        sent += 1
    return sent


def expire_unconsented(*, now=None):
    """Withdraw (and so delete) entries whose consent did not come in time."""
    now = now or timezone.now()
    expired = 0
    pending = Entry.objects.filter(state=EntryState.AWAITING_CONSENT).select_related("competition")
    for entry in pending:
        if entry.submitted_at + timedelta(days=entry.competition.consent_days) > now:
            continue
        with transaction.atomic():
            Entry.objects.filter(pk=entry.pk).update(consent_state=ConsentState.EXPIRED)
            move_entry(
                entry,
                EntryState.WITHDRAWN,
                actor=Actor.SYSTEM,
                note="consent expired",
                erasure_reason=ErasureReason.CONSENT_EXPIRED,
            )
        expired += 1
    return expired


def purge_entries(
    *, now=None, rejected_after_days=retention.REJECTED_KEEP_DAYS, protected_entry_ids=None
):
    """Erase the personal data and files of the entries that `competitions.retention` says are
    no longer needed (withdrawn ones are erased at once already); returns how many.

    Entries in `protected_entry_ids`, and those the apps above competitions protect (awards,
    publications: `extensions.protected_entry_ids()`), are kept after the results.
    """
    now = now or timezone.now()
    protected = extensions.protected_entry_ids() | set(protected_entry_ids or ())
    stale = dict.fromkeys(
        retention.after_results_to_erase(today=timezone.localdate(now), protected=protected),
        ErasureReason.AFTER_RESULTS,
    )
    stale.update(
        dict.fromkeys(
            retention.rejected_to_erase(now=now, rejected_after_days=rejected_after_days),
            ErasureReason.REJECTED,
        )
    )
    for pk in sorted(stale):
        with transaction.atomic():
            _erase(Entry.objects.select_for_update().get(pk=pk), reason=stale[pk])
    return len(stale)


# --- Staff ----------------------------------------------------------------------------------


def record_safeguarding_note(entry, *, by, note):
    """A safeguarding officer writes down what they did; the entry stays where it is."""
    if entry.state != EntryState.SAFEGUARDING_HOLD:
        raise MoveNotAllowed(_("This entry is not held for safeguarding."))
    return EntryEvent.objects.create(
        entry=entry,
        from_state=entry.state,
        to_state=entry.state,
        actor=Actor.SAFEGUARDING,
        user=by,
        note=note,
    )


def date_is_future(value):
    return isinstance(value, date) and value > timezone.localdate()
