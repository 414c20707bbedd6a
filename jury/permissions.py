"""Who may see or do what in judging: every rule of the jury in one place.

Views, services, the e-mail recipient lists, templates and the admin ask this module and nothing
else. Checks return `(allowed, reason)` so that a refusal can be explained; listings start from
the querysets here, so an entry a juror may not see never reaches a template.

The roles:

- a **juror** (a user in the Jurors group, a member of the round's jury) sees the rounds of their
  juries that are open or closed (never a draft) and, in each, only `visible_entries`: entries
  the competitions app calls judgeable (`Entry.objects.judgeable()`), assigned to them, on which
  they declared no conflict of interest. They know an entry only by its anonymous code and see
  only its image or its confirmed redacted text (`jury_text`) and, unless it is an age group the
  competition keeps from the jury, its category (`jury_category`); they mark it only while the
  round accepts marks, and a closed round is read-only;
- the **jury chair** is a juror who also sees the round's results and exports, decides the
  advancement and the awards, and announces the results;
- a **Competition moderator** (`jury.change_round`, given to the group by a migration) sets up
  juries and rounds in the admin and sees every round's results and exports, without being a
  juror: moderators never mark;
- a **superuser** is a moderator (Django gives them every permission) and no more: they enter the
  jury room as a juror only if they sit on the jury;
- nobody else (editors, the public, entrants) sees anything of the jury room.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from competitions.enums import EntryState
from competitions.models import Entry
from jury.enums import RoundState
from jury.models import Assignment, ConflictDeclaration, Round

MANAGE = "jury.change_round"


# --- Staff --------------------------------------------------------------------------------------


def can_manage(user):
    """Competition moderators (and superusers) set up juries and rounds and see every result."""
    if user.is_authenticated and user.has_perm(MANAGE):
        return True, ""
    return False, _("Only Competition moderators can manage juries.")


def is_chair(user, round):
    return bool(user.is_authenticated and round.jury.chair_id == user.pk)


def can_see_results(user, round):
    """The chair of the round's jury and the moderators; never the other jurors."""
    if can_manage(user)[0] or is_chair(user, round):
        return True, ""
    return False, _("Only the jury's chair and the moderators see the results.")


def can_export_results(user, round):
    """The results as CSV or XLSX: the same people as the results page (codes only, no names)."""
    return can_see_results(user, round)


def can_decide(user, round):
    """Open and close the round, advance entries, record awards, announce: the chair (from the
    results page) and the moderators."""
    return can_see_results(user, round)


def awards_open(round):
    """(allowed, reason): does `round`'s ranked list offer awards? Only a closed round's, and
    only once the competition's judging is over (`judging_finished`, which `may_be_awarded`
    checks again when an award is recorded)."""
    if round.state != RoundState.CLOSED:
        return False, _("Awards are chosen from the ranked list of a closed round.")
    return judging_finished(round.jury.competition_id)


# --- Jurors -------------------------------------------------------------------------------------


def juror_rounds(user):
    """The rounds `user` may enter as a juror: open or closed rounds of juries they sit on."""
    if not user.is_authenticated:
        return Round.objects.none()
    return Round.objects.filter(jury__jurors=user, state__in=RoundState.visible_to_jurors())


def chaired_rounds(user):
    """Every round of the juries `user` chairs (the drafts too: the chair opens them)."""
    if not user.is_authenticated:
        return Round.objects.none()
    return Round.objects.filter(jury__chair=user)


def is_juror(user, round):
    """(allowed, reason): may `user` enter `round` as a juror?"""
    if not user.is_authenticated or not round.jury.jurors.filter(pk=user.pk).exists():
        return False, _("You are not on this jury.")
    if round.state not in RoundState.visible_to_jurors():
        return False, _("This round is not open yet.")
    return True, ""


def visible_entries(user, round):
    """The entries `user` sees in `round`: judgeable, assigned to them, without a declared
    conflict of interest (a withdrawn or held entry, or a conflict, leaves the list at once)."""
    return (
        Entry.objects.judgeable()
        .filter(jury_assignments__round=round, jury_assignments__juror=user)
        .exclude(jury_conflicts__juror=user)
    )


def juror_assignments(user, round_ids):
    """The assignments behind `visible_entries` for several rounds at once (progress counts)."""
    return Assignment.objects.filter(
        round_id__in=round_ids, juror=user, entry__state__in=EntryState.judgeable()
    ).exclude(entry__jury_conflicts__juror=user)


def can_see_entry(user, entry):
    """(allowed, reason): is `entry` on `user`'s list in an open or closed round of a jury they
    sit on, judgeable and without a declared conflict?"""
    if is_judgeable(entry) and (
        Assignment.objects.filter(
            juror=user,
            entry=entry,
            round__state__in=RoundState.visible_to_jurors(),
            round__jury__jurors=user,
        )
        .exclude(Q(entry__jury_conflicts__juror=user))
        .exists()
    ):
        return True, ""
    return False, _("This entry is not on your list.")


def jury_category(entry, competition):
    """The entry's category as the jury may see it (jurors, the chair, the results and the
    exports): none when it is an age group, unless the competition lets its jury see age groups
    (`jury_sees_age_groups`; the competitions' privacy notice then says so)."""
    category = entry.category
    if category is None or (category.is_age_group and not competition.jury_sees_age_groups):
        return None
    return category


def jury_text(entry):
    """The story as the jury may read it: the redacted text a moderator confirmed, never
    `story_text` (a story is approved only once its redacted text is confirmed); empty when there
    is none."""
    if entry.redaction_confirmed_at is None:
        return ""
    return entry.redacted_text


def can_mark(*, round, juror, entry, now=None):
    """(allowed, reason): may `juror` mark `entry` in `round` now? A closed round is read-only."""
    now = now or timezone.now()
    if round.state == RoundState.CLOSED:
        return False, _("This round is closed: its marks can no longer change.")
    if not round.accepts_marks_at(now):
        return False, _("This round is not open for marking.")
    if not is_judgeable(entry):
        return False, _("This entry is no longer being judged.")
    if not round.jury.jurors.filter(pk=juror.pk).exists():
        return False, _("You are not on this jury.")
    if ConflictDeclaration.objects.filter(juror=juror, entry=entry).exists():
        return False, _("You declared a conflict of interest on this entry.")
    if not Assignment.objects.filter(round=round, juror=juror, entry=entry).exists():
        return False, _("This entry is not on your list.")
    return True, ""


def can_declare_conflict(*, round, juror, entry):
    """A juror may say "I may know who made this" about an entry on their list."""
    if not round.jury.jurors.filter(pk=juror.pk).exists():
        return False, _("You are not on this jury.")
    if not Assignment.objects.filter(round=round, juror=juror, entry=entry).exists():
        return False, _("This entry is not on your list.")
    return True, ""


# --- Entrants -------------------------------------------------------------------------------------


def notifiable_entries():
    """Entries whose entrant may hear about the outcome: judgeable and not erased (an erased,
    withdrawn, held or rejected entry gets no e-mail)."""
    return Entry.objects.judgeable().filter(erased_at__isnull=True)


def may_be_awarded(entry):
    """(allowed, reason): only an entry still being judged gets a prize or a place, and only once
    the judging of its competition is over (`judging_finished`)."""
    if not is_judgeable(entry):
        return False, _("This entry is no longer being judged.")
    return judging_finished(entry.competition_id)


def judging_finished(competition_id):
    """(allowed, reason): is the competition's last round closed (and no round open)? Awards are
    recorded, and works published by the exhibition, only then: a result of an earlier round is
    not the jury's verdict, and a work published with its author's name would unblind the jurors
    of a round still open."""
    states = list(
        Round.objects.filter(jury__competition_id=competition_id)
        .order_by("position")
        .values_list("state", flat=True)
    )
    if not states or states[-1] != RoundState.CLOSED or RoundState.OPEN in states:
        return False, _(
            "Awards and publication wait until the competition's last jury round is closed."
        )
    return True, ""


def is_judgeable(entry):
    """The entry's state is one the jury may judge (`EntryState.judgeable()`)."""
    return entry.state in EntryState.judgeable()
