"""The competitions' factories make what they say and nothing more."""

from django.core import mail

from competitions import tokens
from competitions.enums import ConsentState, EntryState, MessageKind
from competitions.models import EntrantMessage, Entry, EntryEvent
from tests.factories.competitions import (
    CompetitionCategoryFactory,
    CompetitionPageFactory,
    EntrantFactory,
    EntrantMessageFactory,
    EntryEventFactory,
    EntryFactory,
)


def test_competition_page_has_both_languages_and_is_open(index):
    page = CompetitionPageFactory(parent=index, title_sq="Foto", title_en="Photo")

    assert (page.title_sq, page.title_en, page.live, page.status) == ("Foto", "Photo", True, "open")
    assert page.url_path.startswith(index.url_path)


def test_photo_entry_has_a_real_private_image_and_no_side_effects(photo):
    entry = EntryFactory(competition=photo)

    storage = entry.image.storage
    assert (entry.reference, entry.state) == ("US3-PHOTO-0001", EntryState.IN_MODERATION)
    assert storage.exists(entry.image.name) and storage.exists(entry.thumbnail.name)
    assert entry.image.name.startswith(f"entries/{photo.pk}/")
    assert (entry.image_width, entry.image_height, len(entry.image_hash)) == (320, 240, 16)
    assert (entry.entrant.guardian_email, entry.entrant.date_of_birth.year) == (
        "",
        entry.submitted_at.year - 20,
    )
    assert (EntryEvent.objects.count(), len(mail.outbox)) == (0, 0)


def test_story_entry_has_text_and_no_image(story):
    entry = EntryFactory(competition=story)

    assert (entry.reference, entry.image.name, entry.language) == ("US3-STORY-0001", "", "sq")
    assert entry.word_count == len(entry.story_text.split()) == 22


def test_minor_entry_has_a_guardian_and_consent(photo):
    entry = EntryFactory(competition=photo, minor=True)

    assert (entry.age, entry.consent_state) == (16, ConsentState.GIVEN)
    assert entry.entrant.guardian_name == "Mira Hoxha"
    assert entry.entrant.guardian_email == f"guardian.{entry.entrant.email}"


def test_entry_awaiting_consent_opens_by_the_guardian_token(photo):
    entry = EntryFactory(competition=photo, awaiting_consent=True)

    assert tokens.entry_for_guardian(tokens.guardian_token(entry), Entry.objects) == entry
    assert (entry.state, entry.consent_state) == (EntryState.AWAITING_CONSENT, "pending")


def test_numbers_follow_the_competitions_counter(photo):
    first, second = EntryFactory(competition=photo), EntryFactory(competition=photo)

    assert [first.reference, second.reference] == ["US3-PHOTO-0001", "US3-PHOTO-0002"]


def test_rows_of_an_entry(photo):
    entry = EntryFactory(competition=photo, entrant=None)
    entrant = EntrantFactory(entry=entry, full_name="Besa")
    event = EntryEventFactory(entry=entry)
    category = CompetitionCategoryFactory(page=photo, name_sq="15–17 vjeç", name_en="15–17")
    message = EntrantMessageFactory(kind=MessageKind.REJECTED)

    assert entry.entrant == entrant
    assert (event.from_state, event.to_state) == ("submitted", "in_moderation")
    assert list(photo.categories.all()) == [category]
    assert EntrantMessage.objects.get(kind=MessageKind.REJECTED) == message
