from dataclasses import dataclass

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from website import content_cache
from website.models import Partner, Region, Topic


@dataclass(frozen=True)
class StoryFilters:
    """The story index's filters (`StoryPageQuerySet.matching` applies them)."""

    topic: Topic | None = None
    region: Region | None = None
    partner: Partner | None = None
    year: int | None = None

    @property
    def active(self):
        return any(
            value is not None for value in (self.topic, self.region, self.partner, self.year)
        )


class StoryFilterForm(forms.Form):
    """The index's filters, read from GET. An unknown value is ignored, never an error page."""

    topic = forms.ModelChoiceField(
        Topic.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Topic"),
        empty_label=_("All topics"),
    )
    region = forms.ModelChoiceField(
        Region.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Region"),
        empty_label=_("All regions"),
    )
    partner = forms.ModelChoiceField(
        Partner.objects.all(),
        required=False,
        label=_("Partner"),
        empty_label=_("All partners"),
    )
    year = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label=_("Year"), choices=[]
    )

    def __init__(self, data, *, years):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]
        # The options come from the content cache (website/content_cache.py: read again after
        # any snippet change), not from three queries on every view; a chosen value is still
        # looked up in the database when the form is validated.
        options = content_cache.kept(f"stories:filter-options:{get_language()}", _options)
        for name, choices in options.items():
            field = self.fields[name]
            field.choices = [("", field.empty_label), *choices]

    def filters(self):
        """The valid filters only; `is_valid()` drops each invalid field from cleaned_data."""
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) for name in ("topic", "region", "partner", "year")
        }


def _options():
    fields = StoryFilterForm.base_fields
    # `.all()`: a new query each time. The class's own field keeps one queryset for the life of
    # the process, and iterating it would keep its first rows for ever (a partner added later
    # would be missing from the options, and a chosen one not marked selected).
    return {
        name: [
            (field.prepare_value(item), field.label_from_instance(item))
            for item in field.queryset.all()
        ]
        for name, field in fields.items()
        if name in ("topic", "region", "partner")
    }
