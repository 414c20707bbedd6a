"""The story the jury reads: the redaction screen's marks, the confirmation a story needs before
it is approved for judging, and what a juror sees of a story and of its category."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from competitions import redaction
from competitions import services as competition_services
from competitions.enums import Actor, EntryState
from competitions.models import Entry, EntryEvent
from jury import services
from tests.factories.competitions import (
    CompetitionCategoryFactory,
    CompetitionIndexPageFactory,
    CompetitionPageFactory,
    EntryFactory,
)
from tests.factories.jury import JuryFactory, RoundFactory
from tests.factories.website import MunicipalityFactory

STORY = (
    "Quhem ana maria berisha dhe jetoj ne fushe-arrez. Nena ime, LULE BERISHA, nuk e di. "
    "Banana nuk eshte emer. Mua me thone Dallendyshja; shkruaj nga ana.berisha."
)


@pytest.fixture(autouse=True)
def _moderator_reads_english(moderator):
    """The admin speaks Albanian unless a user chose otherwise: the moderator chose English."""
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "en"
    profile.save()


@pytest.fixture
def story(home):
    return CompetitionPageFactory(parent=CompetitionIndexPageFactory(parent=home), story=True)


@pytest.fixture
def entry(story):
    return EntryFactory(
        competition=story,
        story_text=STORY,
        age=16,
        entrant__full_name="Ana Maria Berisha",
        entrant__pen_name="Dallëndyshja",
        entrant__email="ana.berisha+konkurs@example.com",
        entrant__guardian_name="Lulë Berisha",
        entrant__municipality=MunicipalityFactory(name="Fushë-Arrëz", slug="fushe-arrez"),
    )


def admin_url(entry):
    return reverse("competitions_admin:detail", args=[entry.pk])


# --- The marks -------------------------------------------------------------------------------------


def test_marks_every_identifying_word_in_any_case_and_without_diacritics(entry):
    marked = str(redaction.highlight(STORY, redaction.identifying_terms(entry)))

    assert marked == (
        "Quhem <mark>ana maria berisha</mark> dhe jetoj ne <mark>fushe-arrez</mark>. Nena ime, "
        "<mark>LULE BERISHA</mark>, nuk e di. Banana nuk eshte emer. Mua me thone "
        "<mark>Dallendyshja</mark>; shkruaj nga <mark>ana</mark>.<mark>berisha</mark>."
    )


def test_marks_a_name_written_with_diacritics_the_entrant_left_out():
    terms = ["berisha", "cela"]

    assert str(redaction.highlight("Bërisha & Çela <b>", terms)) == (
        "<mark>Bërisha</mark> &amp; <mark>Çela</mark> &lt;b&gt;"
    )


def test_terms_come_from_the_entrant(entry):
    terms = redaction.identifying_terms(entry)

    assert "ana maria berisha" in terms and "berisha" in terms and "maria" in terms
    assert "fushe-arrez" in terms and "arrez" in terms
    assert "ana.berisha+konkurs" in terms and "konkurs" in terms
    assert "lule berisha" in terms and "dallendyshja" in terms
    assert "ana" in terms  # three letters and more
    assert all(len(term) >= 3 for term in terms)


def test_an_erased_entry_has_no_terms(entry):
    entry.entrant.delete()

    assert redaction.identifying_terms(Entry.objects.get(pk=entry.pk)) == []


def test_redaction_screen_marks_the_story_and_what_is_left(client, entry, moderator):
    entry.redacted_text = "Quhem [emri]; shkruaj nga Berisha."
    entry.save()
    client.force_login(moderator)

    html = client.get(admin_url(entry)).content.decode()

    assert "Quhem <mark>ana maria berisha</mark> dhe jetoj ne <mark>fushe-arrez</mark>" in html
    assert "6 places name the entrant or where they live." in html
    assert "1 marked word is still in the redacted text." in html
    assert "Quhem [emri]; shkruaj nga <mark>Berisha</mark>." in html
    assert "Not confirmed yet" in html
    assert "<script" not in html.split('id="redaction"', 1)[1].split("</section>", 1)[0]


# --- Confirmation before approval ---------------------------------------------------------------


def test_approving_a_story_without_a_confirmed_redaction_is_refused(entry, moderator):
    with pytest.raises(competition_services.MoveNotAllowed) as refused:
        competition_services.move_entry(
            entry, EntryState.APPROVED, actor=Actor.MODERATOR, by=moderator
        )

    assert str(refused.value) == (
        "Confirm the redacted text for the jury before approving this story for judging."
    )
    assert Entry.objects.get(pk=entry.pk).state == EntryState.IN_MODERATION


def test_saving_without_confirming_does_not_allow_approval(entry, moderator):
    competition_services.save_redacted_text(entry, by=moderator, text="Quhem [emri].")

    allowed, _reason = competition_services.can_move(entry, EntryState.APPROVED, Actor.MODERATOR)
    assert allowed is False
    assert entry.redaction_confirmed_at is None


def test_confirming_records_who_and_when_and_allows_approval(entry, moderator):
    competition_services.save_redacted_text(
        entry, by=moderator, text="  Quhem [emri].  ", confirm=True
    )
    competition_services.move_entry(entry, EntryState.APPROVED, actor=Actor.MODERATOR, by=moderator)

    entry.refresh_from_db()
    assert (entry.state, entry.redacted_text) == (EntryState.APPROVED, "Quhem [emri].")
    assert entry.redaction_confirmed_by == moderator
    assert entry.redaction_confirmed_at is not None
    assert EntryEvent.objects.filter(
        entry=entry, note="redacted text confirmed for the jury", user=moderator
    ).exists()


def test_confirming_an_empty_text_is_refused(entry, moderator):
    with pytest.raises(competition_services.MoveNotAllowed) as refused:
        competition_services.save_redacted_text(entry, by=moderator, text="  ", confirm=True)

    assert str(refused.value) == "Write the redacted text before confirming it."


def test_an_approved_story_keeps_a_confirmed_text(entry, moderator):
    competition_services.save_redacted_text(entry, by=moderator, text="Quhem [emri].", confirm=True)
    competition_services.move_entry(entry, EntryState.APPROVED, actor=Actor.MODERATOR, by=moderator)

    with pytest.raises(competition_services.MoveNotAllowed):
        competition_services.save_redacted_text(entry, by=moderator, text="Quhem Ana.")
    assert Entry.objects.get(pk=entry.pk).redacted_text == "Quhem [emri]."


def test_a_changed_story_needs_a_new_confirmation(entry, moderator):
    competition_services.save_redacted_text(entry, by=moderator, text="Quhem [emri].", confirm=True)
    competition_services.move_entry(
        entry,
        EntryState.CHANGES_REQUESTED,
        actor=Actor.MODERATOR,
        by=moderator,
        message="Më e gjatë",
    )

    competition_services.answer_change_request(
        entry, title="Titulli", description="", story_text="Quhem Ana Maria Berisha përsëri."
    )

    entry.refresh_from_db()
    assert entry.state == EntryState.IN_MODERATION
    assert entry.redaction_confirmed_at is None


def test_bulk_approval_of_an_unconfirmed_story_is_refused(client, entry, moderator):
    client.force_login(moderator)

    response = client.post(
        reverse("competitions_admin:bulk"),
        {"entries": [entry.pk], "action": "approve"},
        follow=True,
    )

    html = response.content.decode()
    assert "Confirm the redacted text for the jury before approving this story" in html
    assert Entry.objects.get(pk=entry.pk).state == EntryState.IN_MODERATION


def test_moderator_confirms_on_the_screen_then_approves(client, entry, moderator):
    client.force_login(moderator)

    refused = client.post(admin_url(entry), {"action": "approve"}, follow=True)
    saved = client.post(
        admin_url(entry),
        {"action": "redact", "redacted_text": "Quhem [emri].", "confirm": "1"},
        follow=True,
    )
    approved = client.post(admin_url(entry), {"action": "approve"}, follow=True)

    assert "Confirm the redacted text for the jury" in refused.content.decode()
    assert "The redacted text has been saved and confirmed for the jury." in saved.content.decode()
    assert "Confirmed for the jury on" in saved.content.decode()
    assert approved.status_code == 200
    assert Entry.objects.get(pk=entry.pk).state == EntryState.APPROVED


def test_refused_confirmation_keeps_the_text_typed(client, entry, moderator):
    client.force_login(moderator)

    response = client.post(
        admin_url(entry), {"action": "redact", "redacted_text": "   ", "confirm": "1"}
    )

    assert response.status_code == 200
    assert "Write the redacted text before confirming it." in response.content.decode()


# --- What a juror sees ------------------------------------------------------------------------------


def juror_page(client, round, entry, juror):
    client.force_login(juror)
    entry.refresh_from_db()
    with translation.override("en"):
        path = reverse("jury:entry", args=[round.pk, entry.jury_code.code])
    return client.get(path).content.decode()


def test_a_story_approved_without_a_confirmed_text_shows_no_text(client, story, jurors, moderator):
    # Approved before confirmation was required (or by a direct write): jurors get no text.
    legacy = EntryFactory(
        competition=story, state=EntryState.APPROVED, story_text=STORY, redacted_text=""
    )
    jury = JuryFactory(competition=story, jurors=jurors)
    round = RoundFactory(jury=jury)
    services.open_round(round, by=moderator)

    html = juror_page(client, round, legacy, jurors[1])

    assert "berisha" not in html.lower()
    assert "The text of this entry is not ready for the jury yet." in html


@pytest.mark.parametrize(
    ("is_age_group", "jury_sees_age_groups", "shown"),
    [(True, False, False), (True, True, True), (False, False, True)],
)
def test_category_shown_to_jurors_unless_an_age_group_the_competition_keeps_hidden(
    client, story, jurors, moderator, is_age_group, jury_sees_age_groups, shown
):
    story.jury_sees_age_groups = jury_sees_age_groups
    story.save()
    category = CompetitionCategoryFactory(
        page=story, name_sq="15–17 vjeç", name_en="Aged 15 to 17", is_age_group=is_age_group
    )
    entry = EntryFactory(
        competition=story,
        state=EntryState.APPROVED,
        category=category,
        redacted_text="Një histori.",
        redaction_confirmed_at=timezone.now(),
    )
    jury = JuryFactory(competition=story, chair=jurors[0], jurors=jurors)
    round = RoundFactory(jury=jury)
    services.open_round(round, by=moderator)

    entry_html = juror_page(client, round, entry, jurors[1])
    with translation.override("en"):
        list_html = client.get(reverse("jury:round", args=[round.pk])).content.decode()
        client.force_login(jurors[0])
        results_html = client.get(reverse("jury:results", args=[round.pk])).content.decode()

    for html in (entry_html, list_html, results_html):
        assert ("Aged 15 to 17" in html) is shown


def test_privacy_notice_names_competitions_whose_jury_sees_age_groups(client, story):
    before = client.get("/en/competitions/privacy/").content.decode()
    story.jury_sees_age_groups = True
    story.title_en = "Stories 2026"
    story.save()
    CompetitionCategoryFactory(page=story, is_age_group=True)

    after = client.get("/en/competitions/privacy/").content.decode()

    assert "One exception" not in before
    assert (
        "One exception: in Stories 2026, the jury also sees your entry's category, which is "
        "an age group, and so knows roughly how old you are." in after
    )
