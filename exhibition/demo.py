"""Demo exhibition for the third edition ("Untold Stories 3", artwork, 2024), after the demo jury
(`jury/demo.py`): the 30 works of the first round's shortlist are selected for the exhibition and,
like the three prizes, confirmed for publication (the made-up entrant's consent and the demo
moderator's checklist), so that the public results and exhibition pages show them in both
languages.

Idempotent. Only with DEBUG on and once the demo jury has a chair (like the jury's marks), and
only when a Competition moderator (or a superuser) exists to tick the checklist.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from competitions.enums import CreditChoice
from competitions.models import Entry
from exhibition import permissions, services
from exhibition.enums import PublicationState
from exhibition.models import Publication
from jury import services as jury_services
from jury.demo import COMPETITION_SLUG
from jury.enums import AwardKind
from jury.models import Advancement, Award, Jury, Round

# How the three prize-winners chose to be credited (the others keep "anonymously", their choice
# when entering).
PRIZE_CREDITS = {
    AwardKind.FIRST: (CreditChoice.PEN_NAME, "Drita e Re"),
    AwardKind.SECOND: (CreditChoice.REAL_NAME, ""),
    AwardKind.THIRD: (CreditChoice.ANONYMOUS, ""),
}
CAPTION_SQ = "Vepër e përzgjedhur nga juria për ekspozitën në Tiranë, 19 mars 2024."
CAPTION_EN = "A work chosen by the jury for the exhibition in Tirana, 19 March 2024."


def load(home, stdout):
    jury = (
        Jury.objects.select_related("competition", "chair")
        .filter(competition__slug_sq=COMPETITION_SLUG)
        .first()
    )
    first = Round.objects.filter(jury=jury, position=1).first() if jury else None
    if not settings.DEBUG or first is None or jury.chair_id is None:
        stdout.write("Exhibition: no demo jury yet; nothing to publish.\n")
        return {}
    _publish(jury, first, stdout)
    return {}


def _moderator():
    user_model = get_user_model()
    for user in user_model.objects.filter(is_active=True).order_by("is_superuser", "pk"):
        if permissions.can_check(user)[0]:
            return user
    return None


def _publish(jury, first, stdout):
    """The shortlist goes to the exhibition; every awarded work is confirmed and checked."""
    moderator = _moderator()
    if moderator is None:
        stdout.write("Exhibition: no Competition moderator yet; the demo works stay unpublished.\n")
        return
    chair = jury.chair
    selected = Entry.objects.filter(
        pk__in=Advancement.objects.filter(round=first).values("entry_id")
    ).order_by("number")
    exhibited = set(
        Award.objects.filter(kind=AwardKind.EXHIBITION).values_list("entry_id", flat=True)
    )
    for entry in selected:
        if entry.pk not in exhibited:
            jury_services.record_award(
                competition=jury.competition, entry=entry, kind=AwardKind.EXHIBITION, by=chair
            )
    for entry in Entry.objects.filter(
        jury_awards__competition=jury.competition, publication__isnull=True
    ).distinct():
        services.ensure_publication(entry)
    prizes = dict(
        Award.objects.filter(
            competition=jury.competition, kind__in=list(PRIZE_CREDITS)
        ).values_list("entry_id", "kind")
    )
    pending = Publication.objects.filter(
        competition=jury.competition, state=PublicationState.PENDING
    ).select_related("entry__entrant", "entry__competition")
    for publication in pending:
        credit, pen_name = PRIZE_CREDITS.get(
            prizes.get(publication.entry_id), (publication.credit, "")
        )
        if publication.entrant_confirmed_at is None:
            services.confirm_by_entrant(publication, credit=credit, pen_name=pen_name)
        if publication.checked_at is None:
            services.record_checklist(
                publication,
                by=moderator,
                no_unconsented_people=True,
                no_victim_identifiable=True,
                caption_reviewed=True,
                caption_sq=CAPTION_SQ,
                caption_en=CAPTION_EN,
            )
    published = Publication.objects.filter(
        competition=jury.competition, state=PublicationState.PUBLISHED
    ).count()
    stdout.write(f"Exhibition: {published} works published.\n")
