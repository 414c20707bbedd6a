"""Who sees what of an entry: every role × every entry state × every surface, as one table.

The rules live in competitions/permissions.py (the admin, the private links) and jury/permissions.py
(the jury room); this test is the policy as a reader sees it. Each cell is what the role gets for
an entry in that state:

- a status code: 200 (shown), 302 (sent to sign in), 403 (refused, with the reason), 404 (no such
  page: a link that does not work, or an entry not on the juror's list);
- for listings and exports, `+` or `-` after 200: the entry's reference is listed or not;
- for the audit log, `+` or `-`: the entry's history (a note written on it) is shown on one of its
  admin screens or not.

Columns (EntryState): submitted, awaiting consent, in moderation, changes requested, approved,
rejected, withdrawn (its data erased at once), held for safeguarding.

Roles: the public (anonymous); the entrant and the parent or guardian, who have no account and
hold their private links (the entrant's token, the guardian's token); editors and publishers;
Competition moderators; Safeguarding officers; a juror of the round (the entry is on their list)
and a juror of no jury; the jury chair (who also judges in the round); a superuser. A superuser
moderates but is not a safeguarding officer (competitions/permissions.py says why).

Known gap, not in this table: Wagtail's *Reports → Site history* lists the audit-log rows of every
entry (reference, action, who, when; no content or note) to anyone with a competitions permission,
so a moderator there can read that a reference was held for safeguarding.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from competitions import services, tokens
from competitions.duplicates import record_duplicates
from competitions.enums import Actor, EntryState
from jury.models import AnonymousCode, Assignment, Jury, Round
from tests.factories import UserFactory, member_of
from tests.factories.competitions import (
    CompetitionIndexPageFactory,
    CompetitionPageFactory,
    EntryEventFactory,
    EntryFactory,
)

STATES = [
    EntryState.SUBMITTED,
    EntryState.AWAITING_CONSENT,
    EntryState.IN_MODERATION,
    EntryState.CHANGES_REQUESTED,
    EntryState.APPROVED,
    EntryState.REJECTED,
    EntryState.WITHDRAWN,
    EntryState.SAFEGUARDING_HOLD,
]

ROLES = [
    "anonymous",
    "entrant",
    "guardian",
    "editor",
    "publisher",
    "moderator",
    "officer",
    "juror",
    "other_juror",
    "chair",
    "superuser",
]

# fmt: off
EXPECTED = {
    # /admin/entries/: the moderation queue.
    "queue": {
        #               submitted awaiting in_mod changes approved rejected withdrawn held
        "anonymous":   "302  302  302  302  302  302  302  302",
        "entrant":     "302  302  302  302  302  302  302  302",
        "guardian":    "302  302  302  302  302  302  302  302",
        "editor":      "403  403  403  403  403  403  403  403",
        "publisher":   "403  403  403  403  403  403  403  403",
        "moderator":   "200- 200- 200+ 200+ 200+ 200+ 200- 200-",
        "officer":     "403  403  403  403  403  403  403  403",
        "juror":       "403  403  403  403  403  403  403  403",
        "other_juror": "403  403  403  403  403  403  403  403",
        "chair":       "403  403  403  403  403  403  403  403",
        "superuser":   "200- 200- 200+ 200+ 200+ 200+ 200- 200-",
    },
    # /admin/entries/export.csv: the queue with the entrants' names and e-mails.
    "export": {
        "anonymous":   "302  302  302  302  302  302  302  302",
        "entrant":     "302  302  302  302  302  302  302  302",
        "guardian":    "302  302  302  302  302  302  302  302",
        "editor":      "403  403  403  403  403  403  403  403",
        "publisher":   "403  403  403  403  403  403  403  403",
        "moderator":   "200- 200- 200+ 200+ 200+ 200+ 200- 200-",
        "officer":     "403  403  403  403  403  403  403  403",
        "juror":       "403  403  403  403  403  403  403  403",
        "other_juror": "403  403  403  403  403  403  403  403",
        "chair":       "403  403  403  403  403  403  403  403",
        "superuser":   "200- 200- 200+ 200+ 200+ 200+ 200- 200-",
    },
    # /admin/entries/<pk>/: the entry with the moderation form.
    "detail": {
        "anonymous":   "302  302  302  302  302  302  302  302",
        "entrant":     "302  302  302  302  302  302  302  302",
        "guardian":    "302  302  302  302  302  302  302  302",
        "editor":      "403  403  403  403  403  403  403  403",
        "publisher":   "403  403  403  403  403  403  403  403",
        "moderator":   "403  403  200  200  200  200  403  403",
        "officer":     "403  403  403  403  403  403  403  403",
        "juror":       "403  403  403  403  403  403  403  403",
        "other_juror": "403  403  403  403  403  403  403  403",
        "chair":       "403  403  403  403  403  403  403  403",
        "superuser":   "403  403  200  200  200  200  403  403",
    },
    # /admin/entries/<pk>/file/image/: the entry's image.
    "file": {
        "anonymous":   "302  302  302  302  302  302  302  302",
        "entrant":     "302  302  302  302  302  302  302  302",
        "guardian":    "302  302  302  302  302  302  302  302",
        "editor":      "403  403  403  403  403  403  403  403",
        "publisher":   "403  403  403  403  403  403  403  403",
        "moderator":   "403  403  200  200  200  200  403  403",
        "officer":     "403  403  403  403  403  403  403  200",
        "juror":       "403  403  403  403  403  403  403  403",
        "other_juror": "403  403  403  403  403  403  403  403",
        "chair":       "403  403  403  403  403  403  403  403",
        "superuser":   "403  403  200  200  200  200  403  403",
    },
    # The possible duplicates on another entry's screen (one in moderation, with the same image).
    "duplicates": {
        "anonymous":   "302  302  302  302  302  302  302  302",
        "entrant":     "302  302  302  302  302  302  302  302",
        "guardian":    "302  302  302  302  302  302  302  302",
        "editor":      "403  403  403  403  403  403  403  403",
        "publisher":   "403  403  403  403  403  403  403  403",
        "moderator":   "200- 200- 200+ 200+ 200+ 200+ 200- 200-",
        "officer":     "403  403  403  403  403  403  403  403",
        "juror":       "403  403  403  403  403  403  403  403",
        "other_juror": "403  403  403  403  403  403  403  403",
        "chair":       "403  403  403  403  403  403  403  403",
        "superuser":   "200- 200- 200+ 200+ 200+ 200+ 200- 200-",
    },
    # The entry's history (its moves and notes) on its moderation or safeguarding screen.
    "audit_log": {
        "anonymous":   "-  -  -  -  -  -  -  -",
        "entrant":     "-  -  -  -  -  -  -  -",
        "guardian":    "-  -  -  -  -  -  -  -",
        "editor":      "-  -  -  -  -  -  -  -",
        "publisher":   "-  -  -  -  -  -  -  -",
        "moderator":   "-  -  +  +  +  +  -  -",
        "officer":     "-  -  -  -  -  -  -  +",
        "juror":       "-  -  -  -  -  -  -  -",
        "other_juror": "-  -  -  -  -  -  -  -",
        "chair":       "-  -  -  -  -  -  -  -",
        "superuser":   "-  -  +  +  +  +  -  -",
    },
    # /admin/entries/safeguarding/: the safeguarding queue.
    "safeguarding_queue": {
        "anonymous":   "302  302  302  302  302  302  302  302",
        "entrant":     "302  302  302  302  302  302  302  302",
        "guardian":    "302  302  302  302  302  302  302  302",
        "editor":      "403  403  403  403  403  403  403  403",
        "publisher":   "403  403  403  403  403  403  403  403",
        "moderator":   "403  403  403  403  403  403  403  403",
        "officer":     "200- 200- 200- 200- 200- 200- 200- 200+",
        "juror":       "403  403  403  403  403  403  403  403",
        "other_juror": "403  403  403  403  403  403  403  403",
        "chair":       "403  403  403  403  403  403  403  403",
        "superuser":   "403  403  403  403  403  403  403  403",
    },
    # /admin/entries/safeguarding/<pk>/: a held entry's screen.
    "safeguarding_detail": {
        "anonymous":   "302  302  302  302  302  302  302  302",
        "entrant":     "302  302  302  302  302  302  302  302",
        "guardian":    "302  302  302  302  302  302  302  302",
        "editor":      "403  403  403  403  403  403  403  403",
        "publisher":   "403  403  403  403  403  403  403  403",
        "moderator":   "403  403  403  403  403  403  403  403",
        "officer":     "403  403  403  403  403  403  403  200",
        "juror":       "403  403  403  403  403  403  403  403",
        "other_juror": "403  403  403  403  403  403  403  403",
        "chair":       "403  403  403  403  403  403  403  403",
        "superuser":   "403  403  403  403  403  403  403  403",
    },
    # The jury room: the entry's page under its anonymous code in an open round.
    "jury_entry": {
        "anonymous":   "302  302  302  302  302  302  302  302",
        "entrant":     "302  302  302  302  302  302  302  302",
        "guardian":    "302  302  302  302  302  302  302  302",
        "editor":      "404  404  404  404  404  404  404  404",
        "publisher":   "404  404  404  404  404  404  404  404",
        "moderator":   "404  404  404  404  404  404  404  404",
        "officer":     "404  404  404  404  404  404  404  404",
        "juror":       "404  404  404  404  200  404  404  404",
        "other_juror": "404  404  404  404  404  404  404  404",
        "chair":       "404  404  404  404  200  404  404  404",
        "superuser":   "404  404  404  404  404  404  404  404",
    },
    # The jury room: the entry's image.
    "jury_file": {
        "anonymous":   "302  302  302  302  302  302  302  302",
        "entrant":     "302  302  302  302  302  302  302  302",
        "guardian":    "302  302  302  302  302  302  302  302",
        "editor":      "404  404  404  404  404  404  404  404",
        "publisher":   "404  404  404  404  404  404  404  404",
        "moderator":   "404  404  404  404  404  404  404  404",
        "officer":     "404  404  404  404  404  404  404  404",
        "juror":       "404  404  404  404  200  404  404  404",
        "other_juror": "404  404  404  404  404  404  404  404",
        "chair":       "404  404  404  404  200  404  404  404",
        "superuser":   "404  404  404  404  404  404  404  404",
    },
    # The entrant's private page, opened with the link the role holds (staff hold none).
    "entrant_page": {
        "anonymous":   "404  404  404  404  404  404  404  404",
        "entrant":     "200  200  200  200  200  200  404  200",
        "guardian":    "404  404  404  404  404  404  404  404",
        "editor":      "404  404  404  404  404  404  404  404",
        "publisher":   "404  404  404  404  404  404  404  404",
        "moderator":   "404  404  404  404  404  404  404  404",
        "officer":     "404  404  404  404  404  404  404  404",
        "juror":       "404  404  404  404  404  404  404  404",
        "other_juror": "404  404  404  404  404  404  404  404",
        "chair":       "404  404  404  404  404  404  404  404",
        "superuser":   "404  404  404  404  404  404  404  404",
    },
    # The entrant's image through their private link.
    "entrant_file": {
        "anonymous":   "404  404  404  404  404  404  404  404",
        "entrant":     "200  200  200  200  200  200  404  200",
        "guardian":    "404  404  404  404  404  404  404  404",
        "editor":      "404  404  404  404  404  404  404  404",
        "publisher":   "404  404  404  404  404  404  404  404",
        "moderator":   "404  404  404  404  404  404  404  404",
        "officer":     "404  404  404  404  404  404  404  404",
        "juror":       "404  404  404  404  404  404  404  404",
        "other_juror": "404  404  404  404  404  404  404  404",
        "chair":       "404  404  404  404  404  404  404  404",
        "superuser":   "404  404  404  404  404  404  404  404",
    },
    # The parent's or guardian's consent page, opened with the link the role holds. Only while
    # consent is awaited (2nd column) does it show the entry; in the other states the link
    # says how the consent ended (given, refused, expired) and nothing of the entry
    # (tests/competitions/test_consent.py).
    "guardian_page": {
        "anonymous":   "404  404  404  404  404  404  404  404",
        "entrant":     "404  404  404  404  404  404  404  404",
        "guardian":    "200  200  200  200  200  200  200  200",
        "editor":      "404  404  404  404  404  404  404  404",
        "publisher":   "404  404  404  404  404  404  404  404",
        "moderator":   "404  404  404  404  404  404  404  404",
        "officer":     "404  404  404  404  404  404  404  404",
        "juror":       "404  404  404  404  404  404  404  404",
        "other_juror": "404  404  404  404  404  404  404  404",
        "chair":       "404  404  404  404  404  404  404  404",
        "superuser":   "404  404  404  404  404  404  404  404",
    },
}
# fmt: on

NO_TOKEN = "no-link"  # what a role without a private link has


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def competition(home):
    index = CompetitionIndexPageFactory(parent=home)
    return CompetitionPageFactory(parent=index)


@pytest.fixture
def users(db):
    juror, chair = member_of("Jurors", username="juror"), member_of("Jurors", username="chair")
    return {
        "editor": member_of("Editors", username="editor"),
        "publisher": member_of("Publishers", username="publisher"),
        "moderator": member_of("Competition moderators", username="moderator"),
        "officer": member_of("Safeguarding officers", username="officer"),
        "juror": juror,
        "other_juror": member_of("Jurors", username="other-juror"),
        "chair": chair,
        "superuser": UserFactory(username="root", superuser=True),
    }


def _entry_in(competition, state):
    """An under-18's entry in `state` (its guardian's link works while consent is awaited), with
    a note in its history; a withdrawn one is withdrawn by its entrant, so its data is erased."""
    if state == EntryState.AWAITING_CONSENT:
        entry = EntryFactory(competition=competition, awaiting_consent=True)
    elif state == EntryState.WITHDRAWN:
        entry = EntryFactory(competition=competition, minor=True)
    else:
        entry = EntryFactory(competition=competition, minor=True, state=state)
    EntryEventFactory(entry=entry, from_state=state, to_state=state, note=f"NOTE {entry.reference}")
    entry.links = {"entrant": tokens.entrant_token(entry), "guardian": tokens.guardian_token(entry)}
    if state == EntryState.WITHDRAWN:
        services.withdraw_entry(entry)
    return entry


@pytest.fixture
def world(competition, users):
    """An entry in every state, a probe entry that looks like all of them, and an open round in
    which the juror and the chair have every entry on their list."""
    entries = {state: _entry_in(competition, state) for state in STATES}
    probe = EntryFactory(competition=competition)
    record_duplicates(probe)  # as the task does when an entry arrives
    jury = Jury.objects.create(competition=competition, chair=users["chair"])
    jury.jurors.set([users["juror"], users["chair"]])
    now = timezone.now()
    round = Round.objects.create(
        jury=jury,
        name_sq="Raundi 1",
        name_en="Round 1",
        state="open",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=5),
    )
    for number, entry in enumerate(entries.values(), start=1):
        entry.code = AnonymousCode.objects.create(
            entry=entry, competition=competition, code=f"J-{number:04d}"
        ).code
        for juror in (users["juror"], users["chair"]):
            Assignment.objects.create(round=round, juror=juror, entry=entry)
    return {"entries": entries, "probe": probe, "round": round}


def _client(role, users):
    client = Client()
    if role in users:
        client.force_login(users[role])
    return client


def _listed(response, entry):
    if response.status_code != 200:
        return str(response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return "200+" if entry.reference.encode() in body else "200-"


def _history_shown(responses, entry):
    note = f"NOTE {entry.reference}".encode()
    shown = any(r.status_code == 200 and note in r.content for r in responses)
    return "+" if shown else "-"


def observe(role, users, world):
    """What `role` gets on every surface for the entry in each state: {surface: "cells"}."""
    client = _client(role, users)
    entries = world["entries"]
    # Every entry of the queue's states (it opens on those needing a decision).
    queue = client.get(reverse("competitions_admin:queue") + "?show=all")
    export = client.get(reverse("competitions_admin:export", args=["csv"]) + "?show=all")
    duplicates = client.get(reverse("competitions_admin:detail", args=[world["probe"].pk]))
    safeguarding = client.get(reverse("competitions_admin:safeguarding_queue"))
    round_pk = world["round"].pk
    cells = {surface: [] for surface in EXPECTED}
    seen = {}
    for state in STATES:
        entry = entries[state]
        own_link = entry.links.get(role, NO_TOKEN)
        screens = {
            "detail": client.get(reverse("competitions_admin:detail", args=[entry.pk])),
            "safeguarding_detail": client.get(
                reverse("competitions_admin:safeguarding_detail", args=[entry.pk])
            ),
        }
        statuses = {
            "file": reverse("competitions_admin:file", args=[entry.pk, "image"]),
            "jury_entry": reverse("jury:entry", args=[round_pk, entry.code]),
            "jury_file": reverse("jury:entry_file", args=[round_pk, entry.code, "image"]),
            # Each holder of a link opens the entrant's and the guardian's page with it.
            "entrant_page": reverse("competitions:entry", args=[own_link]),
            "entrant_file": reverse("competitions:entry_file", args=[own_link, "thumbnail"]),
            "guardian_page": reverse("competitions:guardian", args=[own_link]),
        }
        cells["queue"].append(_listed(queue, entry))
        cells["export"].append(_listed(export, entry))
        cells["duplicates"].append(_listed(duplicates, entry))
        cells["safeguarding_queue"].append(_listed(safeguarding, entry))
        cells["audit_log"].append(_history_shown(screens.values(), entry))
        for surface, response in screens.items():
            cells[surface].append(str(response.status_code))
        for surface, url in statuses.items():
            if url not in seen:  # a role without a link asks the same URL for every state
                seen[url] = str(client.get(url).status_code)
            cells[surface].append(seen[url])
    return {surface: " ".join(values) for surface, values in cells.items()}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, users, world):
    expected = {surface: " ".join(row[role].split()) for surface, row in EXPECTED.items()}

    assert observe(role, users, world) == expected


def test_matrix_covers_every_role_and_state():
    assert set(STATES) == set(EntryState)
    assert all(list(row) == ROLES for row in EXPECTED.values())
    assert all(
        len(cells.split()) == len(STATES) for row in EXPECTED.values() for cells in row.values()
    )


def test_safeguarding_alert_goes_exactly_to_those_who_see_held_entries(
    competition, users, django_capture_on_commit_callbacks
):
    # An officer by permissions on their own account; the permission without admin access; an
    # officer no longer active.
    direct, no_admin = UserFactory(username="direct-officer"), UserFactory(username="no-admin")
    direct.user_permissions.add(
        Permission.objects.get(codename="handle_safeguarding"),
        Permission.objects.get(codename="access_admin"),
    )
    no_admin.user_permissions.add(Permission.objects.get(codename="handle_safeguarding"))
    member_of("Safeguarding officers", username="former-officer", is_active=False)
    everyone = [*users.values(), direct, no_admin]
    entry = EntryFactory(competition=competition)

    with django_capture_on_commit_callbacks(execute=True):
        services.move_entry(
            entry, EntryState.SAFEGUARDING_HOLD, actor=Actor.MODERATOR, by=users["moderator"]
        )

    url = reverse("competitions_admin:safeguarding_detail", args=[entry.pk])
    seeing = sorted(u.email for u in everyone if _client_for(u).get(url).status_code == 200)
    alerted = sorted(m.to[0] for m in mail.outbox if m.to != [entry.entrant.email])
    assert alerted == seeing == ["direct-officer@example.org", "officer@example.org"]


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client
