"""Forms of the publication check: the entrant's consent and the moderator's checklist."""

from django import forms
from django.utils.translation import gettext_lazy as _

from competitions.enums import CreditChoice


class PublicationConsentForm(forms.Form):
    credit = forms.ChoiceField(
        label=_("How should the work be credited?"),
        choices=CreditChoice.choices,
        widget=forms.RadioSelect,
    )
    pen_name = forms.CharField(label=_("Pen name"), max_length=100, required=False)
    agree = forms.BooleanField(
        label=_("I agree that this work is published on the website with this credit."),
        required=True,
    )

    def clean(self):
        data = super().clean()
        if data.get("credit") == CreditChoice.PEN_NAME and not data.get("pen_name", "").strip():
            self.add_error("pen_name", _("Write the pen name to show."))
        return data


class ChecklistForm(forms.Form):
    no_unconsented_people = forms.BooleanField(
        label=_("No one can be identified who did not agree to it."), required=False
    )
    no_victim_identifiable = forms.BooleanField(
        label=_("No victim of trafficking can be identified."), required=False
    )
    caption_reviewed = forms.BooleanField(
        label=_("The caption has been reviewed in both languages."), required=False
    )
    caption_sq = forms.CharField(
        label=_("Caption in Albanian"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    caption_en = forms.CharField(
        label=_("Caption in English"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
