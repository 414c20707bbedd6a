"""Factories of the competitions: the index and competition pages, categories, entries with their
entrant, the audit trail, the e-mail outbox and the editable messages.

    index = CompetitionIndexPageFactory(parent=home)           "konkurse" / "competitions"
    photo = CompetitionPageFactory(parent=index)                 open now, photography, edition 3
    story = CompetitionPageFactory(parent=index, story=True)
    entry = EntryFactory(competition=photo)                      in moderation, with a real JPEG
    entry = EntryFactory(competition=photo, minor=True)          16, with a guardian, consent given
    entry = EntryFactory(competition=photo, awaiting_consent=True)
    entry = EntryFactory(competition=story, state=EntryState.APPROVED)

Rows only: no service runs, so no state move, no audit row, no e-mail and no task. An entry's
reference number comes from the competition's counter, as with a real submission, so factory
entries and entries sent through `services.submit_entry` never share a reference. A photo or
artwork entry gets a real image and thumbnail (made by Pillow and cleaned by
`competitions.images.clean_image`) in the private storage (a temporary folder in the tests).
"""

import functools
import io
from datetime import date, timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from competitions import services, tokens
from competitions.enums import (
    Actor,
    CompetitionKind,
    ConsentState,
    CreditChoice,
    EntryState,
    MessageKind,
)
from competitions.images import clean_image
from competitions.models import (
    CompetitionCategory,
    CompetitionIndexPage,
    CompetitionPage,
    Entrant,
    EntrantMessage,
    Entry,
    EntryEvent,
)
from competitions.storage import generated_name
from tests.factories.website import TranslatedPageFactory

STORY_TEXT = (
    "Në stacionin e autobusit një valixhe e harruar priste. Askush nuk e mori, "
    "dhe unë u ula pranë saj deri në mbrëmje."
)


def jpeg_bytes(size=(1200, 900), color=(200, 40, 40), exif=None):
    """A real JPEG made by Pillow (with `exif`, an `Image.Exif`, if given). Pillow makes the
    same bytes for the same arguments: without `exif` they are made once per run."""
    if exif is None:
        return _plain_jpeg(tuple(size), tuple(color))
    return _encode_jpeg(size, color, exif)


@functools.cache
def _plain_jpeg(size, color):
    return _encode_jpeg(size, color, None)


def _encode_jpeg(size, color, exif):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(
        buffer, format="JPEG", **({"exif": exif} if exif is not None else {})
    )
    return buffer.getvalue()


@functools.cache
def cleaned_jpeg(size=(1200, 900), color=(200, 40, 40)):
    """`jpeg_bytes(size, color)` cleaned by `competitions.images.clean_image` as a submission
    cleans it, once per run (the same value each time: read it, never change it)."""
    return clean_image(io.BytesIO(jpeg_bytes(size, color)), max_bytes=10**7)


def birthday_for_age(age):
    """A date of birth that makes someone `age` today (their birthday was on 1 January)."""
    return date(timezone.localdate().year - age, 1, 1)


def entry_form_data(token, **fields):
    """What an adult entrant posts through the public entry form (every declaration ticked),
    with `fields` changed; no file: the caller adds `image` where it sends one."""
    return {
        "full_name": "Ana Hoxha",
        "email": "ana@example.com",
        "date_of_birth": birthday_for_age(20).isoformat(),
        "country": "XK",
        "message_language": "en",
        "credit": "anonymous",
        "title": "Drita",
        "description": "Një rrugë.",
        "declare_non_professional": "on",
        "declare_own_work": "on",
        "declare_people_agreed": "on",
        "declare_rules_read": "on",
        "declare_licence": "on",
        "form_token": token,
        **fields,
    }


class CompetitionIndexPageFactory(TranslatedPageFactory):
    """The competitions' index under `parent` (the home page), got or created by its slug."""

    class Meta:
        model = CompetitionIndexPage
        django_get_or_create = ("slug_sq", "parent")

    title_sq = "Konkurse"
    title_en = "Competitions"
    slug_sq = "konkurse"
    slug_en = "competitions"
    intro_sq = "Konkurset e programit për të rinjtë."
    intro_en = "The programme's competitions for young people."


class CompetitionPageFactory(TranslatedPageFactory):
    """A photography competition of edition 3 under `parent` (the index), open from ten days ago
    for ten more days, with small limits that keep test files small (100 px, 5–50 words).
    Traits: `story`, `artwork`, `closed` (the deadline passed yesterday)."""

    class Meta:
        model = CompetitionPage

    title_sq = factory.Sequence(lambda n: f"Konkursi {n}")
    title_en = factory.Sequence(lambda n: f"Competition {n}")
    slug_sq = factory.Sequence(lambda n: f"konkursi-{n}")
    slug_en = factory.Sequence(lambda n: f"competition-{n}")
    theme_sq = "Rruga për në shtëpi"
    theme_en = "The way home"
    intro_sq = "Tregoni një histori që nuk është treguar."
    intro_en = "Tell a story that has not been told."
    kind = CompetitionKind.PHOTO
    edition = 3
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    min_image_side = 100
    story_min_words = 5
    story_max_words = 50

    class Params:
        story = factory.Trait(kind=CompetitionKind.STORY)
        artwork = factory.Trait(kind=CompetitionKind.ARTWORK)
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=30)),
            deadline=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )


class CompetitionCategoryFactory(factory.django.DjangoModelFactory):
    """A category of `page` (a competition page, required), named in both languages."""

    class Meta:
        model = CompetitionCategory

    name_sq = factory.Sequence(lambda n: f"Kategoria {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


def _store_image(entry, color):
    """Clean a generated JPEG as a submission would and store it with its thumbnail."""
    clean = cleaned_jpeg(size=(320, 240), color=tuple(color))
    storage = Entry._meta.get_field("image").storage
    entry.image.name = storage.save(
        generated_name(entry.competition_id, "", clean.extension), ContentFile(clean.content)
    )
    entry.thumbnail.name = storage.save(
        generated_name(entry.competition_id, "-thumb", clean.extension),
        ContentFile(clean.thumbnail),
    )
    entry.image_width, entry.image_height = clean.width, clean.height
    entry.image_hash = clean.image_hash


class EntryFactory(factory.django.DjangoModelFactory):
    """An entry of `competition` (required), in moderation unless `state=` says otherwise, with
    its `Entrant` (pass `entrant=None` for none) and, in photo and artwork competitions, a real
    image (`image_color=` changes it). Traits: `minor` (16, a guardian gave consent),
    `awaiting_consent` (16, the guardian has not answered)."""

    class Meta:
        model = Entry
        skip_postgeneration_save = True

    number = factory.LazyAttribute(lambda entry: services.allocate_number(entry.competition))
    reference = factory.LazyAttribute(
        lambda entry: services.format_reference(entry.competition, entry.number)
    )
    state = EntryState.IN_MODERATION
    title = factory.Sequence(lambda n: f"Drita {n}")
    description = "Një rrugë në mbrëmje."
    story_text = factory.LazyAttribute(
        lambda entry: "" if entry.competition.takes_image else STORY_TEXT
    )
    word_count = factory.LazyAttribute(lambda entry: len(entry.story_text.split()))
    language = factory.LazyAttribute(lambda entry: "" if entry.competition.takes_image else "sq")
    age = 20
    country = "AL"
    consent_state = ConsentState.NOT_NEEDED
    form_token = factory.Sequence(lambda n: f"factory-form-{n}")
    access_nonce = factory.LazyFunction(tokens.new_nonce)
    guardian_nonce = ""
    submitted_at = factory.LazyFunction(timezone.now)
    declared_non_professional_at = factory.SelfAttribute("submitted_at")
    declared_own_work_at = factory.SelfAttribute("submitted_at")
    declared_people_agreed_at = factory.SelfAttribute("submitted_at")
    declared_rules_read_at = factory.SelfAttribute("submitted_at")
    declared_licence_at = factory.SelfAttribute("submitted_at")

    # The colour of the generated image (entries of one colour look like duplicates).
    image_color = (200, 40, 40)

    class Params:
        minor = factory.Trait(
            age=16,
            consent_state=ConsentState.GIVEN,
            consent_at=factory.SelfAttribute("submitted_at"),
        )
        awaiting_consent = factory.Trait(
            age=16,
            state=EntryState.AWAITING_CONSENT,
            consent_state=ConsentState.PENDING,
            guardian_nonce=factory.LazyFunction(tokens.new_nonce),
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        color = kwargs.pop("image_color", (200, 40, 40))
        entry = model_class(*args, **kwargs)
        if entry.competition.takes_image and not entry.image:
            _store_image(entry, color)
        entry.save()
        return entry

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("image_color", None)
        return model_class(*args, **kwargs)

    entrant = factory.RelatedFactory(
        "tests.factories.competitions.EntrantFactory", factory_related_name="entry"
    )


class EntrantFactory(factory.django.DjangoModelFactory):
    """The person behind `entry` (required unless made by `EntryFactory`): born to be the entry's
    age; under 18, with a parent or guardian."""

    class Meta:
        model = Entrant

    entry = factory.SubFactory(EntryFactory, entrant=None)
    full_name = factory.Sequence(lambda n: f"Ana Hoxha {n}")
    email = factory.Sequence(lambda n: f"entrant{n}@example.com")
    date_of_birth = factory.LazyAttribute(lambda entrant: birthday_for_age(entrant.entry.age or 20))
    country = factory.SelfAttribute("entry.country")
    language = "sq"
    credit = CreditChoice.PEN_NAME
    pen_name = factory.Sequence(lambda n: f"Dallëndyshja {n}")
    guardian_name = factory.LazyAttribute(
        lambda entrant: "Mira Hoxha" if (entrant.entry.age or 20) < 18 else ""
    )
    guardian_email = factory.LazyAttribute(
        lambda entrant: f"guardian.{entrant.email}" if (entrant.entry.age or 20) < 18 else ""
    )


class EntryEventFactory(factory.django.DjangoModelFactory):
    """One row of an entry's audit trail (`entry` required): by default the system's move from
    submitted to in moderation. It does not change the entry's state."""

    class Meta:
        model = EntryEvent

    from_state = EntryState.SUBMITTED
    to_state = EntryState.IN_MODERATION
    actor = Actor.SYSTEM


class EntrantMessageFactory(factory.django.DjangoModelFactory):
    """The editors' wording of one kind of e-mail, in both languages (got or created by kind)."""

    class Meta:
        model = EntrantMessage
        django_get_or_create = ("kind",)

    kind = MessageKind.APPROVED
    subject_sq = "Punimi yt {reference}"
    subject_en = "Your entry {reference}"
    body_sq = "Përshëndetje {name},\n\n{message}\n\n{link}"
    body_en = "Hello {name},\n\n{message}\n\n{link}"
