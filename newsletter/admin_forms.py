from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsletter import conf
from newsletter.enums import Language
from newsletter.validation import clean_email


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One address per line; a second column may give the language (sq, en or both)."
        ),
    )
    default_language = forms.ChoiceField(
        label=_("Language when the file does not say"), choices=Language.choices
    )
    consent_text = forms.CharField(
        label=_("How and when did these people consent?"),
        help_text=_(
            "Recorded with every address, e.g. “Signed the paper form at the Kukës "
            "workshop, 12 March 2024”. Import only people who agreed to receive the bulletin."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > conf.get("NEWSLETTER_IMPORT_MAX_BYTES"):
            raise ValidationError(_("The file is too large (at most 2 MB)."))
        return upload


class SendTestForm(forms.Form):
    mode = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    addresses = forms.CharField(
        label=_("Send a test to"),
        help_text=_("Up to 10 addresses, one per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_addresses(self):
        lines = [line for line in self.cleaned_data["addresses"].splitlines() if line.strip()]
        if len(lines) > 10:
            raise ValidationError(_("Up to 10 addresses, one per line."))
        return [clean_email(line.strip()) for line in lines]


class SendForm(forms.Form):
    checked = forms.BooleanField(
        label=_("I have looked at the previews and the test e-mail; send to every subscriber.")
    )
