"""The jury's admin screens, its audit-log actions, and what it provides to competitions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from competitions.extensions import PROTECTED_ENTRY_IDS
from jury.models import Award
from jury.viewsets import JuryViewSetGroup


@hooks.register("register_admin_viewset")
def register_jury_viewsets():
    return JuryViewSetGroup()


@hooks.register(PROTECTED_ENTRY_IDS)
def awarded_entry_ids():
    """The purge keeps every entry with a prize, a mention or a place in the exhibition."""
    return Award.objects.values_list("entry_id", flat=True)


@hooks.register("register_log_actions")
def register_jury_log_actions(actions):
    actions.register_action("jury.round.open", _("Open jury round"), _("Jury round opened"))
    actions.register_action("jury.round.close", _("Close jury round"), _("Jury round closed"))
    actions.register_action(
        "jury.round.advance", _("Advance entries"), _("Entries advanced to the next round")
    )
    actions.register_action("jury.award.record", _("Record award"), _("Award recorded"))
    actions.register_action("jury.juror.remove", _("Remove juror"), _("Juror removed"))
    actions.register_action(
        "jury.round.announce",
        _("Tell the entrants not selected"),
        _("Entrants not selected were told"),
    )
