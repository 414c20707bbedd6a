"""Who may see or do what with entries: every rule of the competitions in one place.

Views, services, the e-mail recipient lists, templates and the admin ask this module and nothing
else. Checks return `(allowed, reason)` so that a refusal can be explained; listings start from
the querysets here, so an entry a user may not see never reaches a template.

The roles (groups are created by migrations; the rules depend on permissions, never on group
names):

- a **Competition moderator** holds `competitions.moderate_entry`: the moderation queue (entries
  being checked, with changes requested, approved or rejected), their files, possible duplicates,
  history and exports, and the moderation moves;
- a **Safeguarding officer** holds `competitions.handle_safeguarding` *explicitly* (through a group
  or on the account): the entries held for safeguarding, their files and history, and the alert
  e-mail when an entry is flagged. Nobody else sees a held entry, not even a moderator who also
  moderates it otherwise;
- a **superuser** moderates (Django gives them every permission) but is *not* a safeguarding
  officer by being a superuser: the README promises that only safeguarding officers see flagged
  entries, and the alert goes to the same people the screens let in (`safeguarding_officers()`).
  A superuser who must handle holds joins the *Safeguarding officers* group, which is visible;
- the **entrant** (no account) sees their own entry through the private link until it is
  withdrawn; a held entry reads as "being checked";
- the **parent or guardian** (no account) sees the entry through their link only while their
  consent is awaited;
- **jurors**, the **jury chair** and the public exhibition: `jury/permissions.py` (they only ever
  see entries in `EntryState.judgeable()`).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from competitions import tokens
from competitions.enums import ConsentState, EntryState
from competitions.models import Entry, PossibleDuplicate

APP_LABEL = "competitions"
MODERATE_CODENAME = "moderate_entry"
SAFEGUARD_CODENAME = "handle_safeguarding"
MODERATE = f"{APP_LABEL}.{MODERATE_CODENAME}"
SAFEGUARD = f"{APP_LABEL}.{SAFEGUARD_CODENAME}"

# The states each staff role works on. A safeguarding hold is never among the moderators'.
MODERATED_STATES = tuple(EntryState.moderation_queue())
SAFEGUARDED_STATES = (EntryState.SAFEGUARDING_HOLD,)

_OFFICER_CACHE = "_competitions_is_safeguarding_officer"


def _no_entry():
    return _("There is no such entry here.")


# --- Roles -------------------------------------------------------------------------------------


def _holds_explicitly(app_label, codename):
    """Users who hold a permission through one of their groups or on their own account (what
    Django's `has_perm` says, without a superuser's blanket yes)."""
    return Q(
        groups__permissions__content_type__app_label=app_label,
        groups__permissions__codename=codename,
    ) | Q(
        user_permissions__content_type__app_label=app_label,
        user_permissions__codename=codename,
    )


def safeguarding_officers():
    """Active users who hold the safeguarding permission explicitly (through a group or on their
    account) and may enter the admin: the people who see held entries and who receive the
    safeguarding alert."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(_holds_explicitly(APP_LABEL, SAFEGUARD_CODENAME))
        .filter(Q(is_superuser=True) | _holds_explicitly("wagtailadmin", "access_admin"))
        .distinct()
        .order_by("pk")
    )


def moderators():
    """Active users who hold the moderation permission explicitly (through a group or on their
    account) and may enter the admin: the people an entrant's reply is sent to."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(_holds_explicitly(APP_LABEL, MODERATE_CODENAME))
        .filter(Q(is_superuser=True) | _holds_explicitly("wagtailadmin", "access_admin"))
        .distinct()
        .order_by("pk")
    )


def is_safeguarding_officer(user):
    """True for the users in `safeguarding_officers()` (one query, remembered on `user`)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if _OFFICER_CACHE not in user.__dict__:
        user.__dict__[_OFFICER_CACHE] = safeguarding_officers().filter(pk=user.pk).exists()
    return user.__dict__[_OFFICER_CACHE]


def can_moderate(user):
    """The moderation queue, its moves (one or many entries) and its exports."""
    if getattr(user, "is_active", False) and user.has_perm(MODERATE):
        return True, ""
    return False, _("Only Competition moderators can moderate entries.")


def can_safeguard(user):
    """The safeguarding queue and its moves (note, return to moderation, reject)."""
    if is_safeguarding_officer(user):
        return True, ""
    return False, _("Only Safeguarding officers can see entries held for safeguarding.")


def can_export(user):
    """The queue's CSV and XLSX (personal data of entrants: moderators only)."""
    return can_moderate(user)


# --- What a staff user may see ----------------------------------------------------------------


def states_visible_to(user):
    """The entry states whose entries `user` may open in the admin."""
    states = []
    if can_moderate(user)[0]:
        states += MODERATED_STATES
    if can_safeguard(user)[0]:
        states += SAFEGUARDED_STATES
    return states


def visible_entries(user, queryset=None):
    """Every entry `user` may open in the admin (detail, file, history, duplicates): entries in
    the moderation queue for moderators, held entries for safeguarding officers, none otherwise."""
    queryset = Entry.objects.all() if queryset is None else queryset
    return queryset.filter(state__in=states_visible_to(user))


def moderation_entries(user, queryset=None):
    """The moderation queue as `user` may see it (never a held entry, whoever asks)."""
    queryset = Entry.objects.all() if queryset is None else queryset
    if not can_moderate(user)[0]:
        return queryset.none()
    return queryset.filter(state__in=MODERATED_STATES)


def safeguarding_entries(user, queryset=None):
    """The safeguarding queue as `user` may see it: held entries, for officers only."""
    queryset = Entry.objects.all() if queryset is None else queryset
    if not can_safeguard(user)[0]:
        return queryset.none()
    return queryset.filter(state__in=SAFEGUARDED_STATES)


def can_view_entry(user, entry):
    """An entry's screen in the admin: moderators for the queue's states, safeguarding officers
    for held entries. Other states (submitted, awaiting consent, withdrawn) are nobody's."""
    if entry.state in SAFEGUARDED_STATES:
        return can_safeguard(user)
    if entry.state in MODERATED_STATES:
        return can_moderate(user)
    allowed, reason = can_moderate(user)
    return False, reason if not allowed else _no_entry()


def can_moderate_entry(user, entry):
    """The moderation screen of one entry (its action form): the queue's states only."""
    allowed, reason = can_moderate(user)
    if not allowed:
        return allowed, reason
    if entry.state not in MODERATED_STATES:
        return False, _no_entry()
    return True, ""


def can_safeguard_entry(user, entry):
    """The safeguarding screen of one entry: officers, held entries only."""
    allowed, reason = can_safeguard(user)
    if not allowed:
        return allowed, reason
    if entry.state not in SAFEGUARDED_STATES:
        return False, _no_entry()
    return True, ""


def can_view_file(user, entry):
    """An entry's image or thumbnail in the admin: whoever may see the entry."""
    return can_view_entry(user, entry)


def can_see_audit_log(user, entry):
    """An entry's history (its moves, notes and messages): whoever may see the entry."""
    return can_view_entry(user, entry)


def can_see_duplicates(user, entry):
    """The possible duplicates of an entry; the list itself holds only `visible_duplicates(user)`
    (a moderator never learns the reference of a held entry from it)."""
    return can_moderate_entry(user, entry)


def visible_duplicates(user, queryset=None):
    """The stored possible duplicates (found when each entry arrived) whose other entry `user`
    may see (`visible_entries`): a held entry is never anyone's possible duplicate except a
    safeguarding officer's, and an erased one nobody's. The queue's flag and an entry's screen
    both start from here."""
    queryset = PossibleDuplicate.objects.all() if queryset is None else queryset
    return queryset.filter(
        other__in=visible_entries(user, Entry.objects.filter(erased_at__isnull=True))
    )


# --- People without an account: the private links ----------------------------------------------


def entrant_may_see(entry):
    """The entrant's private page and files: until the entry is withdrawn (then the link is dead
    and the data gone)."""
    if entry.state == EntryState.WITHDRAWN:
        return False, _no_entry()
    return True, ""


def guardian_may_see(entry):
    """The parent's or guardian's page and files: only while their consent is awaited."""
    if entry.state != EntryState.AWAITING_CONSENT:
        return False, _no_entry()
    return True, ""


def entry_for_entrant(token, queryset=None):
    """The entry behind an entrant's private link, or None (bad, expired or revoked link, or an
    entry the entrant may no longer see)."""
    queryset = Entry.objects.all() if queryset is None else queryset
    entry = tokens.entry_for_entrant(token, queryset)
    if entry is None or not entrant_may_see(entry)[0]:
        return None
    return entry


def entry_for_guardian(token, queryset=None):
    """The entry behind a guardian's link, or None."""
    queryset = Entry.objects.all() if queryset is None else queryset
    entry = tokens.entry_for_guardian(token, queryset)
    if entry is None or not guardian_may_see(entry)[0]:
        return None
    return entry


def consent_outcome_for_guardian(token):
    """What a guardian's link shows once it no longer opens the entry: the consent given,
    refused or expired (a `ConsentState`, nothing of the entry), or None for a link we never
    made. A link that is too old, or was replaced when the entrant corrected the address, reads
    as expired while the consent is still awaited."""
    pk = tokens.guardian_link_entry_id(token)
    if pk is None:
        return None
    entry = Entry.objects.filter(pk=pk).only("state", "consent_state").first()
    if entry is None:
        return None
    answered = (ConsentState.GIVEN, ConsentState.REFUSED, ConsentState.EXPIRED)
    if entry.consent_state in answered:
        return ConsentState(entry.consent_state)
    if entry.state == EntryState.AWAITING_CONSENT:
        return ConsentState.EXPIRED
    return None


def state_shown_to_entrant(entry):
    """What the entrant is told: a safeguarding hold (and a bare submission) read as "being
    checked"."""
    if entry.state in (EntryState.SAFEGUARDING_HOLD, EntryState.SUBMITTED):
        return EntryState.IN_MODERATION
    return EntryState(entry.state)
