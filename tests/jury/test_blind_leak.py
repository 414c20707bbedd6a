"""Blind judging cannot leak: nothing a juror reaches, and nothing the chair reads or exports,
names the entrant.

A story competition (score and rank rounds) and a photo competition (shortlist and rank rounds),
each with an entrant whose story names them and where they live. The story reaches the jury only
through the redaction screen (a moderator confirms the redacted text, then approves). Every
juror-facing response is searched — the jury room's home, each round's list, each entry in both
languages, saved marks, votes and ballots, the conflict form, the files with their headers — and
so are the jurors' e-mails and the chair's results and exports (requested as the chair, each
asserted 200 first), for the entrant's name, pen name, e-mail, date of birth, municipality and
reference, the work's title and the words only the unredacted story holds.
"""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from competitions import services as competition_services
from competitions.enums import Actor, EntryState
from jury import services
from jury.enums import EntrySource, RoundKind
from jury.models import AnonymousCode
from jury.notifications import reminders
from tests.factories.competitions import (
    CompetitionIndexPageFactory,
    CompetitionPageFactory,
    EntryFactory,
    birthday_for_age,
)
from tests.factories.jury import JurorFactory, JuryFactory, RoundFactory
from tests.factories.website import MunicipalityFactory

NAME = "Arbër Kastrioti-Zhupa"
PEN_NAME = "Shqiponja e Heshtur"
EMAIL = "arber.kastrioti@example.com"
MUNICIPALITY = "Fushë-Arrëz"
SECRET = "Udhëtimi-im-i-vërtetë"  # only in the story as sent
STORY = (
    f"Unë jam {NAME}, nga {MUNICIPALITY}. Shokët më thërrasin {PEN_NAME}. {SECRET} nisi kur "
    "një burrë na premtoi punë jashtë vendit."
)
REDACTED = "Unë jam [emri], nga [vendi]. Shokët më thërrasin [nofka]. Gjithçka nisi kur një burrë "
REDACTED += "na premtoi punë jashtë vendit."


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"jury:{name}", args=args)


def needles(entries):
    born = birthday_for_age(20)
    words = [
        NAME, "Kastrioti", "Zhupa", "Arbër", "Arber", PEN_NAME, "Shqiponja", EMAIL,
        "arber.kastrioti", MUNICIPALITY, "Fushe-Arrez", "Fushë", SECRET,
        born.isoformat(), born.strftime("%d.%m.%Y"), born.strftime("%d/%m/%Y"),
        f"1 January {born.year}", f"1 janar {born.year}", f"January 1, {born.year}",
    ]  # fmt: skip
    for entry in entries:
        words += [entry.reference, entry.title]
    return words


def make_secret_entry(competition, municipality, moderator, title):
    """The entrant to protect: in moderation, then through the redaction screen (a story) and
    approved by a moderator, as in real life."""
    entry = EntryFactory(
        competition=competition,
        title=title,
        description=f"{NAME} nga {MUNICIPALITY}",
        story_text="" if competition.takes_image else STORY,
        image_color=(30, 160, 90),
        entrant__full_name=NAME,
        entrant__email=EMAIL,
        entrant__pen_name=PEN_NAME,
        entrant__municipality=municipality,
    )
    if not competition.takes_image:
        competition_services.save_redacted_text(entry, by=moderator, text=REDACTED, confirm=True)
    competition_services.move_entry(entry, EntryState.APPROVED, actor=Actor.MODERATOR, by=moderator)
    return entry


def filler(competition, seed):
    return EntryFactory(
        competition=competition,
        state=EntryState.APPROVED,
        title=f"Filler {seed}",
        image_color=(10 * seed, 40, 200),
        redacted_text="Një histori pa emra." if not competition.takes_image else "",
        redaction_confirmed_at=timezone.now() if not competition.takes_image else None,
    )


@pytest.fixture
def world(home, moderator, django_capture_on_commit_callbacks):
    index = CompetitionIndexPageFactory(parent=home)
    story = CompetitionPageFactory(parent=index, story=True, slug_sq="histori", slug_en="story")
    photo = CompetitionPageFactory(parent=index, slug_sq="foto", slug_en="photo")
    municipality = MunicipalityFactory(name=MUNICIPALITY, slug="fushe-arrez")
    secret = [
        make_secret_entry(story, municipality, moderator, "Rruga e fshehtë"),
        make_secret_entry(photo, municipality, moderator, "Drita e fshehtë"),
    ]
    for competition in (story, photo):
        for seed in range(1, 4):
            filler(competition, seed)
    chair = JurorFactory(username="chair", email="chair@example.org", first_name="Kryetarja")
    juror = JurorFactory(username="juror", email="juror@example.org", first_name="Juristi")
    rounds = {}
    for competition, kinds in ((story, [RoundKind.SCORE, RoundKind.RANK]),
                               (photo, [RoundKind.SHORTLIST, RoundKind.RANK])):  # fmt: skip
        jury = JuryFactory(competition=competition, chair=chair, jurors=[chair, juror])
        for position, kind in enumerate(kinds, start=1):
            round = RoundFactory(
                jury=jury,
                position=position,
                kind=kind,
                source=EntrySource.APPROVED,
                criteria=2 if kind == RoundKind.SCORE else 0,
                closes_at=timezone.now() + timedelta(days=1),
            )
            mail.outbox = []
            with django_capture_on_commit_callbacks(execute=True):
                services.open_round(round, by=moderator)
            rounds[(competition.kind, kind)] = round
    return {"secret": secret, "rounds": rounds, "chair": chair, "juror": juror}


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def texts(response):
    """What a response shows: its body (the cells of an XLSX workbook too) and its headers."""
    content = body(response)
    if response.get("Content-Type", "").startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    ):
        workbook = load_workbook(io.BytesIO(content))
        content = "\n".join(
            str(cell.value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        ).encode()
    headers = "\n".join(f"{key}: {value}" for key, value in response.headers.items())
    return content.decode("utf-8", "replace"), headers


def assert_no_leak(responses, words):
    assert responses
    for response in responses:
        content, headers = texts(response)
        for word in words:
            assert word not in content, (response.wsgi_request.get_full_path(), word)
            assert word not in headers, (response.wsgi_request.get_full_path(), word)


def codes_of(round):
    return list(
        AnonymousCode.objects.filter(
            entry__jury_assignments__round=round
        ).distinct().values_list("code", flat=True)
    )  # fmt: skip


def juror_session(client, round, juror):
    """Every page and answer a juror gets in `round`: list, each entry in both languages, its
    files, its marks, the ballot and the conflict form."""
    client.force_login(juror)
    responses = [
        client.get(url("home")),
        client.get(url("home", lang="sq")),
        client.get(url("round", round.pk)),
        client.get(url("round", round.pk, lang="sq")),
    ]
    codes = codes_of(round)
    criteria = list(round.criteria.all())
    for code in codes:
        responses += [
            client.get(url("entry", round.pk, code)),
            client.get(url("entry", round.pk, code) + "?show=1"),
            client.get(url("entry", round.pk, code, lang="sq")),
        ]
        if round.jury.competition.takes_image:
            for variant in ("image", "thumbnail"):
                response = client.get(url("entry_file", round.pk, code, variant))
                assert response.status_code == 200
                responses.append(response)
        if round.kind == RoundKind.SCORE:
            marks = {f"c-{criterion.pk}": str(criterion.scale_max) for criterion in criteria}
            responses.append(
                client.post(url("entry", round.pk, code), marks, HTTP_ACCEPT="application/json")
            )
            responses.append(client.post(url("entry", round.pk, code), marks, follow=True))
            responses.append(
                client.post(url("entry", round.pk, code), {f"c-{criteria[0].pk}": "99"})
            )
        elif round.kind == RoundKind.SHORTLIST:
            responses.append(
                client.post(url("entry", round.pk, code), {"vote": "yes"}, follow=True)
            )
            responses.append(client.post(url("entry", round.pk, code), {"vote": "maybe"}))
    if round.kind == RoundKind.RANK:
        ballot = {f"p-{code}": str(place) for place, code in enumerate(codes, start=1)}
        responses.append(client.post(url("ballot", round.pk), ballot, follow=True))
    # The conflict form, on the last entry of the list (it leaves the list).
    responses.append(
        client.post(
            url("conflict", round.pk, codes[-1]), {"note": "Më duket se e njoh."}, follow=True
        )
    )
    for response in responses:
        assert response.status_code in (200, 400), response.wsgi_request.get_full_path()
    return responses


@pytest.mark.parametrize(
    ("kind", "round_kind"),
    [
        ("story", RoundKind.SCORE),
        ("story", RoundKind.RANK),
        ("photo", RoundKind.SHORTLIST),
        ("photo", RoundKind.RANK),
    ],
)
def test_no_juror_facing_response_names_the_entrant(client, world, kind, round_kind):
    round = world["rounds"][(kind, round_kind)]

    responses = juror_session(client, round, world["juror"])

    assert_no_leak(responses, needles(world["secret"]))


def test_a_juror_reads_the_confirmed_redacted_story_only(client, world):
    round = world["rounds"][("story", RoundKind.SCORE)]
    entry = world["secret"][0]
    code = AnonymousCode.objects.get(entry=entry).code
    client.force_login(world["juror"])

    html = client.get(url("entry", round.pk, code)).content.decode()

    assert "Unë jam [emri], nga [vendi]." in html
    assert SECRET not in html and NAME not in html


def test_jury_emails_never_name_the_entrant(world, django_capture_on_commit_callbacks):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders(now=timezone.now())  # every round closes within two days
    jury_addresses = {"chair@example.org", "juror@example.org"}
    messages = [message for message in mail.outbox if set(message.to) & jury_addresses]

    assert sent >= 1
    assert messages
    words = needles(world["secret"])
    for message in messages:
        text = "\n".join([message.subject, message.body, str(message.to)])
        for word in words:
            assert word not in text, (message.subject, word)


def test_round_opened_emails_never_name_the_entrant(
    home, moderator, django_capture_on_commit_callbacks
):
    index = CompetitionIndexPageFactory(parent=home)
    story = CompetitionPageFactory(parent=index, story=True)
    municipality = MunicipalityFactory(name=MUNICIPALITY, slug="fushe-arrez")
    secret = make_secret_entry(story, municipality, moderator, "Rruga e fshehtë")
    juror = JurorFactory(username="juror", email="juror@example.org")
    jury = JuryFactory(competition=story, chair=juror, jurors=[juror])
    round = RoundFactory(jury=jury)
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(round, by=moderator)

    [message] = [m for m in mail.outbox if m.to == ["juror@example.org"]]
    for word in needles([secret]):
        assert word not in message.subject + message.body


@pytest.mark.parametrize(
    ("kind", "round_kind"),
    [
        ("story", RoundKind.SCORE),
        ("story", RoundKind.RANK),
        ("photo", RoundKind.SHORTLIST),
        ("photo", RoundKind.RANK),
    ],
)
def test_chairs_results_and_exports_never_name_the_entrant(client, world, kind, round_kind):
    round = world["rounds"][(kind, round_kind)]
    juror_session(client, round, world["juror"])
    client.force_login(world["chair"])
    responses = [client.get(url("results", round.pk))]
    responses.append(client.post(url("results", round.pk), {"action": "close"}, follow=True))
    responses += [
        client.get(url("results", round.pk)),
        client.get(url("results", round.pk, lang="sq")),
        client.get(url("results_export", round.pk, "csv")),
        client.get(url("results_export", round.pk, "xlsx")),
    ]

    for response in responses:
        assert response.status_code == 200, response.wsgi_request.get_full_path()
    assert "attachment" in responses[-1]["Content-Disposition"]
    assert_no_leak(responses, needles(world["secret"]))
