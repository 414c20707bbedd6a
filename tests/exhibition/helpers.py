"""Steps of the publication check as the people involved take them: the chair awards, the
entrant agrees, a moderator ticks the checklist."""

from competitions.enums import CreditChoice
from exhibition import services
from exhibition.models import Publication
from jury import services as jury_services
from jury.enums import AwardKind


def award(competition, entry, by, kind=AwardKind.FIRST):
    return jury_services.record_award(competition=competition, entry=entry, kind=kind, by=by)


def check(publication, moderator, **overrides):
    values = {
        "no_unconsented_people": True,
        "no_victim_identifiable": True,
        "caption_reviewed": True,
        "caption_sq": "Një titull",
        "caption_en": "A caption",
    }
    values.update(overrides)
    return services.record_checklist(publication, by=moderator, **values)


def publish(competition, entry, moderator, credit=CreditChoice.PEN_NAME, pen_name="Drita"):
    award(competition, entry, moderator)
    publication = Publication.objects.get(entry=entry)
    services.confirm_by_entrant(publication, credit=credit, pen_name=pen_name)
    return check(publication, moderator)
