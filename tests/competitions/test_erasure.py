"""Erasure that is complete and recorded: every erasure writes an audit row without personal
data, the apps above erase their copies through `competitions_entry_erased`, and the clock of a
rejected entry counts from the decision, not from its last save."""

import json
from datetime import timedelta

from django.apps import apps
from django.utils import timezone
from wagtail import hooks

from competitions import services
from competitions.enums import Actor, ConsentState, EntryState, ErasureReason
from competitions.extensions import ENTRY_ERASED
from competitions.models import Entry, Erasure
from tests.competitions.conftest import minor_birthday, submit
from tests.factories.competitions import EntryEventFactory, EntryFactory

BACKFILL = __import__(
    "competitions.migrations.0006_decided_at_and_erasures", fromlist=["backfill_decided_at"]
).backfill_decided_at


def reject(entry, moderator):
    services.move_entry(
        entry, EntryState.REJECTED, actor=Actor.MODERATOR, by=moderator, reason="off_theme"
    )
    entry.refresh_from_db()
    return entry


def test_move_entry_records_the_decision_time(photo, moderator):
    entry = submit(photo)
    before = timezone.now()
    reject(entry, moderator)
    event = entry.events.get(to_state=EntryState.REJECTED)
    assert entry.decided_at == event.created_at
    assert entry.decided_at >= before


def test_rejected_clock_counts_from_decision_not_from_later_saves(photo, moderator):
    old = reject(submit(photo, token="old", email="old@example.com"), moderator)
    recent = reject(submit(photo, token="recent", email="recent@example.com"), moderator)
    Entry.objects.filter(pk=old.pk).update(decided_at=timezone.now() - timedelta(days=31))
    Entry.objects.filter(pk=recent.pk).update(
        decided_at=timezone.now() - timedelta(days=29),
        updated_at=timezone.now() - timedelta(days=300),
    )
    # A later save (a redaction, a note) moves `updated_at` but not the decision.
    services.save_redacted_text(Entry.objects.get(pk=old.pk), by=moderator, text="Redacted.")

    assert services.purge_entries() == 1

    assert Entry.objects.get(pk=old.pk).erased_at is not None
    assert Entry.objects.get(pk=recent.pk).erased_at is None


def test_purge_of_rejected_entry_writes_audit_row_without_personal_data(photo, moderator):
    entry = reject(
        submit(photo, full_name="Arta Kelmendi", email="arta@example.com", title="Rruga"),
        moderator,
    )
    Entry.objects.filter(pk=entry.pk).update(decided_at=timezone.now() - timedelta(days=31))

    services.purge_entries()

    row = Erasure.objects.get()
    assert (row.entry_id, row.reference, row.reason) == (
        entry.pk,
        "US3-PHOTO-0001",
        ErasureReason.REJECTED,
    )
    assert row.erased == ["entrant", "work", "files", "image_details", "messages", "links"]
    assert row.erased_at == Entry.objects.get(pk=entry.pk).erased_at
    stored = json.dumps([row.reference, row.reason, row.erased])
    for personal in ("Arta", "Kelmendi", "arta@example.com", "Rruga"):
        assert personal not in stored


def test_withdrawal_records_why_for_entrant_guardian_and_expiry(photo):
    entrant = submit(photo, token="a", email="a@example.com")
    refused = submit(
        photo,
        token="b",
        email="b@example.com",
        date_of_birth=minor_birthday(),
        guardian_name="Besa",
        guardian_email="besa@example.com",
    )
    expired = submit(
        photo,
        token="c",
        email="c@example.com",
        date_of_birth=minor_birthday(),
        guardian_name="Besa",
        guardian_email="besa@example.com",
    )

    services.withdraw_entry(entrant)
    services.refuse_consent(refused)
    Entry.objects.filter(pk=expired.pk).update(submitted_at=timezone.now() - timedelta(days=15))
    services.expire_unconsented()

    reasons = dict(Erasure.objects.values_list("reference", "reason"))
    assert reasons == {
        entrant.reference: ErasureReason.WITHDRAWN,
        refused.reference: ErasureReason.CONSENT_REFUSED,
        expired.reference: ErasureReason.CONSENT_EXPIRED,
    }
    assert Entry.objects.get(pk=refused.pk).consent_state == ConsentState.REFUSED


def test_purge_after_results_records_and_asks_apps_above(photo):
    photo.results_on = timezone.localdate() - timedelta(days=200)
    photo.save()
    entry = EntryFactory(competition=photo, state=EntryState.APPROVED)
    seen = []

    def erase_copies(erased_entry, *, reason):
        seen.append((erased_entry.pk, reason))
        return ["their_copy"]

    with hooks.register_temporarily(ENTRY_ERASED, erase_copies):
        services.purge_entries()

    assert seen == [(entry.pk, ErasureReason.AFTER_RESULTS)]
    row = Erasure.objects.get()
    assert row.reason == ErasureReason.AFTER_RESULTS
    assert row.erased[-1] == "their_copy"


def test_backfill_takes_the_move_into_the_present_state(photo):
    decided = timezone.now() - timedelta(days=40)
    rejected = EntryFactory(competition=photo, state=EntryState.REJECTED)
    EntryEventFactory(
        entry=rejected,
        from_state=EntryState.IN_MODERATION,
        to_state=EntryState.REJECTED,
        actor=Actor.MODERATOR,
        created_at=decided,
    )
    # A later note (from = to) is not a decision.
    EntryEventFactory(
        entry=rejected,
        from_state=EntryState.REJECTED,
        to_state=EntryState.REJECTED,
        actor=Actor.SAFEGUARDING,
        created_at=timezone.now(),
    )
    without_history = EntryFactory(competition=photo, state=EntryState.REJECTED)
    Entry.objects.update(decided_at=None)

    BACKFILL(apps, None)

    assert Entry.objects.get(pk=rejected.pk).decided_at == decided
    without_history = Entry.objects.get(pk=without_history.pk)
    assert without_history.decided_at == without_history.updated_at
