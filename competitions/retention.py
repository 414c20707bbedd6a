"""How long the competitions keep personal data and files: every period and every rule of the
purge in one place (the privacy notice reads its numbers from here).

- **Withdrawn** entries (by the entrant, or by the guardian's refusal or silence): erased at once
  (`services.move_entry`).
- **Awaiting consent**: withdrawn, and so erased, after the competition's `consent_days`
  (default `CONSENT_DAYS`) without an answer (`services.expire_unconsented`).
- **Rejected** entries: erased `REJECTED_KEEP_DAYS` days after the decision to reject them
  (`Entry.decided_at`, set by `services.move_entry`; a later save of the entry, a note or a
  redaction, does not restart the clock).
- **After the results**: every entry of a competition whose results are older than its
  `keep_non_winning_days` (default `KEEP_NON_WINNING_DAYS`) is erased, except entries held for
  safeguarding (the safeguarding officers decide about them) and entries that an app above
  competitions protects (an award, a publication: `competitions.extensions.protected_entry_ids`).

Erasing keeps only anonymous facts (competition, state, age, country) for counts; the apps above
erase their copies at the same time (the publication's credit, captions and public-size images:
`competitions.extensions.entry_erased`), and every erasure is recorded without personal data
(`competitions.models.Erasure`: reference, what, when, why).
"""

from datetime import timedelta

from competitions.enums import EntryState
from competitions.models import CompetitionPage, Entry

# Days after which the personal data of a rejected entry is deleted.
REJECTED_KEEP_DAYS = 30
# Defaults of the per-competition periods (editors may change them on each competition page).
CONSENT_DAYS = CompetitionPage._meta.get_field("consent_days").default
KEEP_NON_WINNING_DAYS = CompetitionPage._meta.get_field("keep_non_winning_days").default


def notice():
    """The periods the privacy notice states (its template context)."""
    return {
        "consent_days": CONSENT_DAYS,
        "rejected_days": REJECTED_KEEP_DAYS,
        "non_winning_days": KEEP_NON_WINNING_DAYS,
    }


def rejected_to_erase(*, now, rejected_after_days=REJECTED_KEEP_DAYS):
    """Ids of rejected entries still holding personal data `rejected_after_days` after the
    rejection (`decided_at`)."""
    return set(
        Entry.objects.filter(
            state=EntryState.REJECTED,
            erased_at__isnull=True,
            decided_at__lte=now - timedelta(days=rejected_after_days),
        ).values_list("pk", flat=True)
    )


def kept_after_results(competition, *, today):
    """True while the entries of `competition` are still kept after its results."""
    if competition.results_on is None:
        return True
    return competition.results_on + timedelta(days=competition.keep_non_winning_days) > today


def after_results_to_erase(*, today, protected):
    """Ids of entries whose competition's keeping period after the results is over, except held
    and withdrawn entries and the ids in `protected`."""
    found = set()
    for competition in CompetitionPage.objects.filter(results_on__isnull=False):
        if kept_after_results(competition, today=today):
            continue
        found |= set(
            Entry.objects.filter(competition=competition, erased_at__isnull=True)
            .exclude(state__in=[EntryState.SAFEGUARDING_HOLD, EntryState.WITHDRAWN])
            .exclude(pk__in=protected)
            .values_list("pk", flat=True)
        )
    return found
