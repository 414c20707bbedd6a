"""Erasure reaches the exhibition (`competitions_entry_erased`): a withdrawn or purged work
leaves the site at once, without its credit, captions and public-size copies, and the erasure's
audit row says so; a safeguarding hold, and the return from it, ask again for every confirmation
and the checklist (`competitions_entry_moved`)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone, translation

from competitions import services as competition_services
from competitions.enums import Actor, EntryState, ErasureReason
from competitions.models import Erasure
from exhibition import images, permissions, services
from exhibition.enums import PublicationState
from exhibition.models import Publication
from tests.exhibition.helpers import check


def url(name, *args):
    with translation.override("en"):
        return reverse(f"exhibition:{name}", args=args)


def copies(public_id):
    try:
        return sorted(images.private_storage().listdir(f"published/{public_id}")[1])
    except FileNotFoundError:
        return []


def test_withdrawal_of_exhibited_work_takes_it_down_erases_and_records(
    client, competition, published, django_capture_on_commit_callbacks
):
    work_url = url("work", "art3", published.public_id)
    image_url = url("work_image", "art3", published.public_id, 320)
    assert client.get(image_url).status_code == 200
    assert copies(published.public_id) == ["320.jpg"]
    entry = published.entry

    with django_capture_on_commit_callbacks(execute=True):
        competition_services.withdraw_entry(entry)

    published.refresh_from_db()
    assert (published.state, published.taken_down_by) == (
        PublicationState.TAKEN_DOWN,
        Actor.SYSTEM,
    )
    assert (published.credit_name, published.caption_sq, published.caption_en) == ("", "", "")
    assert copies(published.public_id) == []
    assert client.get(work_url).status_code == 404
    assert client.get(image_url).status_code == 404
    assert "Drita" not in client.get(url("results", "art3")).content.decode()
    row = Erasure.objects.get()
    assert (row.reference, row.reason) == (entry.reference, ErasureReason.WITHDRAWN)
    assert row.erased[-4:] == [
        "publication_copies",
        "publication_taken_down",
        "publication_credit",
        "publication_captions",
    ]
    assert "Drita" not in str(row.erased)


def test_purge_of_taken_down_work_erases_its_credit_and_copies(
    competition, published, moderator, django_capture_on_commit_callbacks
):
    entry = published.entry
    with django_capture_on_commit_callbacks(execute=True):
        services.take_down(published, actor=Actor.ENTRANT)
    images.derivative(entry, published.public_id, 480)  # a copy made before the take-down
    competition_services.move_entry(entry, EntryState.IN_MODERATION, actor=Actor.MODERATOR)
    competition_services.move_entry(
        entry, EntryState.REJECTED, actor=Actor.MODERATOR, by=moderator, reason="off_theme"
    )

    with django_capture_on_commit_callbacks(execute=True):
        competition_services.purge_entries(now=timezone.now() + timedelta(days=31))

    published.refresh_from_db()
    assert published.entry.erased_at is not None
    assert (published.credit_name, published.caption_en) == ("", "")
    assert copies(published.public_id) == []
    row = Erasure.objects.get(entry=entry)
    assert row.reason == ErasureReason.REJECTED
    assert row.erased[-3:] == ["publication_copies", "publication_credit", "publication_captions"]


def test_reapproval_after_hold_asks_again_for_consent_and_checklist(
    client, competition, published, moderator, django_capture_on_commit_callbacks
):
    entry = published.entry
    work_url = url("work", "art3", published.public_id)
    assert client.get(work_url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        competition_services.move_entry(
            entry, EntryState.SAFEGUARDING_HOLD, actor=Actor.MODERATOR, by=moderator
        )
    published.refresh_from_db()
    assert published.state == PublicationState.PENDING
    assert copies(published.public_id) == []

    competition_services.move_entry(entry, EntryState.IN_MODERATION, actor=Actor.SAFEGUARDING)
    competition_services.move_entry(entry, EntryState.APPROVED, actor=Actor.MODERATOR, by=moderator)

    published.refresh_from_db()
    assert published.state == PublicationState.PENDING
    assert (published.entrant_confirmed_at, published.checked_at, published.published_at) == (
        None,
        None,
        None,
    )
    assert (
        published.no_unconsented_people,
        published.no_victim_identifiable,
        published.caption_reviewed,
    ) == (False, False, False)
    assert not permissions.visible_publications().filter(pk=published.pk).exists()
    assert client.get(work_url).status_code == 404
    # The checklist alone does not bring it back: the entrant must agree again.
    check(published, moderator)
    assert Publication.objects.get(pk=published.pk).state == PublicationState.PENDING
