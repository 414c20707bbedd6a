"""Public results and exhibition, the entrant's and guardian's publication pages, the admin check,
and the sitemap: a work is public only after both confirmations and leaves at once."""

import io
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from competitions import services as competition_services
from competitions import tokens
from competitions.enums import Actor, CreditChoice, EntryState
from competitions.models import Entry
from exhibition import services
from exhibition.enums import PublicationState
from exhibition.models import Publication
from jury.enums import AwardKind
from tests.exhibition.helpers import award, check, publish
from tests.jury.conftest import ENTRANT_EMAIL, ENTRANT_NAME, make_entry, make_user


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"exhibition:{name}", args=args)


def test_results_page_shows_winner_credited_as_chosen(client, competition, published):
    response = client.get(url("results", "art3"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "First prize" in html
    assert "Work 0" in html
    assert "Drita" in html
    assert ENTRANT_NAME not in html and ENTRANT_EMAIL not in html
    assert response["Cache-Control"] == "no-cache, no-store, must-revalidate"


def test_results_page_in_albanian(client, competition, published):
    response = client.get(url("results", "art3", language="sq"))

    assert response.status_code == 200
    assert response.wsgi_request.path == "/sq/konkurse/art3/rezultatet/"
    assert "Çmimi i parë" in response.content.decode()


def test_results_page_hides_unconfirmed_winner(client, competition, entries, moderator):
    award(competition, entries[1], moderator)
    check(entries[1].publication, moderator)  # the entrant has not agreed

    response = client.get(url("results", "art3"))

    assert response.status_code == 200
    assert "Work 1" not in response.content.decode()


def test_results_page_of_unknown_competition_is_404(client, competition):
    assert client.get(url("results", "nothing")).status_code == 404


def test_exhibition_lists_published_works(client, competition, entries, moderator, published):
    award(competition, entries[2], moderator, kind=AwardKind.EXHIBITION)

    response = client.get(url("exhibition", "art3"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Work 0" in html and "Work 2" not in html
    image = url("work_image", "art3", published.public_id, 320)
    assert f'srcset="{image} 320w"' in html
    assert 'alt="A caption"' in html


def _publish_many(competition, moderator, count):
    for seed in range(count):
        entry = make_entry(competition, 100 + seed)
        publish(competition, entry, moderator)


@pytest.mark.parametrize("count", [1, 8])
def test_exhibition_queries_do_not_grow(
    client, competition, moderator, count, django_assert_num_queries
):
    _publish_many(competition, moderator, count)
    client.get(url("exhibition", "art3"))  # site, settings and translations warmed up

    with django_assert_num_queries(5):
        response = client.get(url("exhibition", "art3"))

    assert response.content.decode().count('class="gallery__item"') == count


@pytest.mark.parametrize("count", [1, 8])
def test_results_queries_do_not_grow(
    client, competition, moderator, count, django_assert_num_queries
):
    _publish_many(competition, moderator, count)
    client.get(url("results", "art3"))

    # The last round's kind (its tie rule) is one query.
    with django_assert_num_queries(6):
        response = client.get(url("results", "art3"))

    assert response.content.decode().count('class="winner"') == count


def test_work_page_shows_content_warning_before_the_work(client, competition, moderator):
    entry = make_entry(competition, 9, content_warning="violence")
    publication = publish(competition, entry, moderator)

    html = client.get(url("work", "art3", publication.public_id)).content.decode()

    assert html.index("Content warning: Violence") < html.index('class="work__image"')
    assert '<details class="work__warning">' in html


def test_work_image_is_a_clean_jpeg(client, competition, published):
    response = client.get(url("work_image", "art3", published.public_id, 320))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert (image.size, dict(image.getexif())) == ((320, 240), {})


def test_work_image_of_an_unoffered_width_is_404(client, competition, published):
    assert client.get(url("work_image", "art3", published.public_id, 999)).status_code == 404


def test_take_down_removes_work_image_and_sitemap_entry_at_once(
    client, competition, published, django_capture_on_commit_callbacks
):
    work_url = url("work", "art3", published.public_id)
    image_url = url("work_image", "art3", published.public_id, 320)
    assert client.get(image_url).status_code == 200
    assert f"http://testserver{work_url}" in client.get("/sitemap.xml").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.take_down(published, actor=Actor.ENTRANT)

    assert client.get(work_url).status_code == 404
    assert client.get(image_url).status_code == 404
    assert "Work 0" not in client.get(url("results", "art3")).content.decode()
    assert work_url not in client.get("/sitemap.xml").content.decode()


def test_sitemap_lists_results_exhibition_and_work_in_both_languages(
    client, competition, published
):
    xml = client.get("/sitemap.xml").content.decode()

    for language in ("sq", "en"):
        for name, args in [
            ("results", ["art3"]),
            ("exhibition", ["art3"]),
            ("work", ["art3", published.public_id]),
        ]:
            assert f"http://testserver{url(name, *args, language=language)}" in xml


def test_withdrawn_entry_leaves_the_exhibition(client, competition, entries, published):
    competition_services.withdraw_entry(Entry.objects.get(pk=entries[0].pk))

    assert client.get(url("work", "art3", published.public_id)).status_code == 404


def test_safeguarding_hold_hides_the_work(client, competition, entries, published):
    competition_services.move_entry(
        Entry.objects.get(pk=entries[0].pk), EntryState.SAFEGUARDING_HOLD, actor=Actor.MODERATOR
    )

    assert client.get(url("work", "art3", published.public_id)).status_code == 404


# --- The entrant's publication page -------------------------------------------------------


def test_entry_page_links_to_publication_page_only_when_awarded(
    client, competition, entries, moderator
):
    token = tokens.entrant_token(entries[0])
    entry_url = reverse("competitions:entry", args=[token])
    assert url("publication", token) not in client.get(entry_url).content.decode()

    award(competition, entries[0], moderator)

    assert url("publication", token) in client.get(entry_url).content.decode()


def test_entrant_confirms_with_a_pen_name(client, competition, entries, moderator):
    award(competition, entries[0], moderator)
    token = tokens.entrant_token(entries[0])

    response = client.post(
        url("publication", token),
        {"action": "confirm", "credit": "pen_name", "pen_name": "Zëri", "agree": "on"},
    )

    assert response.status_code == 302
    publication = Publication.objects.get(entry=entries[0])
    assert (publication.credit, publication.credit_name) == (CreditChoice.PEN_NAME, "Zëri")
    assert publication.entrant_confirmed_at is not None


def test_entrant_page_defaults_to_the_credit_chosen_at_entry(
    client, competition, entries, moderator
):
    award(competition, entries[0], moderator)

    response = client.get(url("publication", tokens.entrant_token(entries[0])))

    assert response.status_code == 200
    assert response.context["form"].initial == {
        "credit": "pen_name",
        "pen_name": "Shqiponja e Heshtur",
    }


def test_entrant_must_tick_agree(client, competition, entries, moderator):
    award(competition, entries[0], moderator)

    response = client.post(
        url("publication", tokens.entrant_token(entries[0])),
        {"action": "confirm", "credit": "anonymous"},
    )

    assert response.status_code == 400
    assert Publication.objects.get(entry=entries[0]).entrant_confirmed_at is None


def test_entrant_takes_down_through_the_link(client, competition, entries, published):
    response = client.post(
        url("publication", tokens.entrant_token(entries[0])), {"action": "take_down"}
    )

    assert response.status_code == 302
    published.refresh_from_db()
    assert published.state == PublicationState.TAKEN_DOWN


def test_publication_page_refuses_bad_token_and_unawarded_entry(client, competition, entries):
    assert client.get(url("publication", "not-a-token")).status_code == 404
    assert client.get(url("publication", tokens.entrant_token(entries[1]))).status_code == 404


def test_publication_page_refuses_the_guardian_token(client, competition, entries, moderator):
    award(competition, entries[0], moderator)
    entry = Entry.objects.get(pk=entries[0].pk)
    entry.guardian_nonce = entry.access_nonce

    assert client.get(url("publication", tokens.guardian_token(entry))).status_code == 404


# --- The guardian's page ---------------------------------------------------------------------


@pytest.fixture
def minor_awarded(competition, moderator, django_capture_on_commit_callbacks):
    entry = make_entry(
        competition,
        8,
        minor=True,
        date_of_birth=date(timezone.localdate().year - 15, 6, 1),
        guardian_name="Prindi",
        guardian_email="prindi@example.com",
    )
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        award(competition, Entry.objects.get(pk=entry.pk), moderator)
    return Entry.objects.get(pk=entry.pk)


def test_guardian_confirms_through_the_mailed_link(client, minor_awarded, moderator):
    [message] = [m for m in mail.outbox if m.to == ["prindi@example.com"]]
    link = next(line for line in message.body.split() if "/konkurse/publikimi-prindi/" in line)
    publication = minor_awarded.publication
    services.confirm_by_entrant(publication, credit=CreditChoice.ANONYMOUS)
    check(publication, moderator)

    response = client.post(link.removeprefix("http://testserver"), {"action": "confirm"})

    assert response.status_code == 200
    publication.refresh_from_db()
    assert publication.state == PublicationState.PUBLISHED
    # The link has done its work.
    assert client.get(link.removeprefix("http://testserver")).status_code == 404


def test_guardian_page_refuses_the_entrant_token(client, minor_awarded):
    token = tokens.entrant_token(minor_awarded)

    assert client.get(url("guardian", token)).status_code == 404


# --- The moderators' check in the admin --------------------------------------------------------


def test_moderator_ticks_the_checklist_in_the_admin(client, competition, entries, moderator):
    award(competition, entries[0], moderator)
    publication = Publication.objects.get(entry=entries[0])
    client.force_login(moderator)

    response = client.post(
        reverse("exhibition_admin:publication", args=[publication.pk]),
        {
            "action": "check",
            "no_unconsented_people": "on",
            "no_victim_identifiable": "on",
            "caption_reviewed": "on",
            "caption_sq": "Titulli",
            "caption_en": "Caption",
        },
    )

    assert response.status_code == 302
    publication.refresh_from_db()
    assert (publication.checked_by, publication.caption_sq) == (moderator, "Titulli")


def test_moderator_takes_down_in_the_admin(client, moderator, published):
    client.force_login(moderator)

    client.post(
        reverse("exhibition_admin:publication", args=[published.pk]), {"action": "take_down"}
    )

    published.refresh_from_db()
    assert (published.state, published.taken_down_by) == (
        PublicationState.TAKEN_DOWN,
        Actor.MODERATOR,
    )


def test_juror_cannot_reach_the_publication_check(client, jurors, published):
    jurors[0].groups.add(*make_user("x", "Editors").groups.all())  # admin access, no moderation
    client.force_login(jurors[0])

    listing = client.get(reverse("exhibition_admin:publications"))
    response = client.post(
        reverse("exhibition_admin:publication", args=[published.pk]), {"action": "take_down"}
    )

    # The admin speaks the user's language (Albanian here); the apostrophe is escaped in HTML.
    refusal = "Vetëm moderatorët e konkurseve mund t&#x27;i kontrollojnë veprat para publikimit."
    assert (listing.status_code, response.status_code) == (403, 403)
    assert refusal in listing.content.decode() and refusal in response.content.decode()
    published.refresh_from_db()
    assert published.state == PublicationState.PUBLISHED


@pytest.mark.parametrize("count", [1, 6])
def test_publication_list_queries_do_not_grow(
    client, competition, moderator, count, django_assert_max_num_queries
):
    for seed in range(count):
        award(competition, make_entry(competition, 200 + seed), moderator)
    client.force_login(moderator)
    client.get(reverse("exhibition_admin:publications"))

    with django_assert_max_num_queries(25):
        response = client.get(reverse("exhibition_admin:publications"))

    assert response.status_code == 200
    assert response.content.decode().count("/admin/publications/") >= count


@pytest.mark.parametrize(
    ("language", "summary", "last_sentence"),
    [
        ("en", "How ties are broken", "A tie is never broken at random."),
        ("sq", "Si zgjidhen barazimet", "Një barazim nuk zgjidhet kurrë me short."),
    ],
)
def test_results_page_shows_the_tie_rule(client, published, language, summary, last_sentence):
    html = client.get(url("results", "art3", language=language)).content.decode()

    assert f"<summary>{summary}</summary>" in html
    assert f"{last_sentence}</p></details>" in html
