"""Entries without an award lose their personal data a set time after the results."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from wagtail import hooks

from competitions import services
from competitions.enums import Actor, EntryState
from competitions.extensions import PROTECTED_ENTRY_IDS
from competitions.models import Entrant, Entry
from competitions.tasks import purge_entries_task
from tests.competitions.conftest import submit
from tests.factories.competitions import CompetitionPageFactory, EntryFactory


def _results_days_ago(competition, days, keep=180):
    competition.results_on = timezone.localdate() - timedelta(days=days)
    competition.keep_non_winning_days = keep
    competition.save()
    return competition


def _entries(competition, states):
    return [EntryFactory(competition=competition, state=state) for state in states]


def _erased(entries):
    return [Entry.objects.get(pk=e.pk).erased_at is not None for e in entries]


def test_purge_erases_entries_not_protected_after_the_keep_days(
    photo, django_capture_on_commit_callbacks
):
    _results_days_ago(photo, 181)
    plain, winner, held, mentioned = _entries(
        photo,
        [
            EntryState.APPROVED,
            EntryState.APPROVED,
            EntryState.SAFEGUARDING_HOLD,
            EntryState.APPROVED,
        ],
    )
    storage = plain.image.storage
    files = [plain.image.name, plain.thumbnail.name]

    # An app above competitions (the jury, for awards) protects entries through the hook.
    with (
        hooks.register_temporarily(PROTECTED_ENTRY_IDS, lambda: [winner.pk, mentioned.pk]),
        django_capture_on_commit_callbacks(execute=True),
    ):
        purged = services.purge_entries()

    assert purged == 1
    assert _erased([plain, winner, held, mentioned]) == [True, False, False, False]
    erased = Entry.objects.get(pk=plain.pk)
    assert (erased.title, erased.image.name, erased.state) == ("", "", EntryState.APPROVED)
    assert not Entrant.objects.filter(entry=plain).exists()
    assert [storage.exists(name) for name in files] == [False, False]
    assert Entrant.objects.filter(entry=winner).exists()


def test_purge_keeps_entries_before_the_keep_days_end(photo):
    _results_days_ago(photo, 179)
    entries = _entries(photo, [EntryState.APPROVED, EntryState.IN_MODERATION])

    assert services.purge_entries() == 0
    assert _erased(entries) == [False, False]


def test_purge_follows_each_competitions_keep_days(index):
    short = _results_days_ago(CompetitionPageFactory(parent=index, edition=1), 11, keep=10)
    long = _results_days_ago(CompetitionPageFactory(parent=index, edition=2), 11, keep=30)
    no_results = CompetitionPageFactory(parent=index, edition=4)
    entries = [*_entries(short, ["approved"]), *_entries(long, ["approved"])]
    entries += _entries(no_results, ["approved"])

    assert services.purge_entries() == 1
    assert _erased(entries) == [True, False, False]


def test_purge_keeps_protected_entry_ids(photo):
    _results_days_ago(photo, 200)
    kept, gone = _entries(photo, [EntryState.APPROVED, EntryState.APPROVED])

    assert services.purge_entries(protected_entry_ids={kept.pk}) == 1
    assert _erased([kept, gone]) == [False, True]


def test_purge_counts_an_old_rejected_entry_once(photo, moderator):
    _results_days_ago(photo, 200)
    entry = submit(photo)
    services.move_entry(entry, EntryState.REJECTED, actor=Actor.MODERATOR, by=moderator)

    assert services.purge_entries(now=timezone.now() + timedelta(days=31)) == 1
    assert services.purge_entries(now=timezone.now() + timedelta(days=31)) == 0


def test_purge_task_runs_the_daily_round(photo):
    _results_days_ago(photo, 181)
    (entry,) = _entries(photo, [EntryState.APPROVED])

    result = purge_entries_task.enqueue()

    assert result.return_value == {"reminded": 0, "expired": 0, "purged": 1}
    assert _erased([entry]) == [True]


def test_purge_command_prints_the_counts(photo, capsys):
    _results_days_ago(photo, 181)
    _entries(photo, [EntryState.APPROVED])

    call_command("purge_entries")

    assert capsys.readouterr().out == "reminded=0 expired=0 purged=1\n"
