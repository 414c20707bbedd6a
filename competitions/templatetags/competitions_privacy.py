"""What the competitions' privacy notice reads from the competitions themselves."""

from django import template

from competitions.models import CompetitionPage

register = template.Library()


@register.simple_tag
def age_group_competitions():
    """The live competitions whose jury sees age-group categories (`jury_sees_age_groups` with
    at least one category that is an age group), by title: the notice names them."""
    return list(
        CompetitionPage.objects.live()
        .filter(jury_sees_age_groups=True, categories__is_age_group=True)
        .distinct()
        .order_by("title")
    )
