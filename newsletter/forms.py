from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsletter.enums import ConsentSource, Language
from newsletter.validation import clean_email
from website.models import Topic

CONSENT_TEXT = _(
    "I agree to receive the programme's e-bulletin by e-mail, about once a month. "
    "My address is used for nothing else, and I can unsubscribe at any time with the link "
    "in every e-mail."
)
LANGUAGE_LABEL = _("Language of the bulletin")


class EmailAddressField(forms.CharField):
    """Keeps the raw value, so that a line break is refused instead of trimmed away."""

    def __init__(self, **kwargs):
        kwargs.setdefault("strip", False)
        kwargs.setdefault("max_length", 320)  # the real limit (254) has a clearer message
        kwargs.setdefault(
            "widget", forms.EmailInput(attrs={"autocomplete": "email", "maxlength": 254})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        if value in self.empty_values:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(value) > 320:
            value = value[:320] + "x"  # still too long: `clean_email` says so
        return clean_email(value)


class SubscribeForm(forms.Form):
    email = EmailAddressField(
        label=_("Your e-mail address"), error_messages={"required": _("Enter your e-mail address.")}
    )
    language = forms.ChoiceField(
        label=LANGUAGE_LABEL,
        choices=Language.choices,
        initial=Language.SQ,
        widget=forms.RadioSelect,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics that interest you (optional)"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Tick the box to agree, or we cannot send the bulletin.")},
    )
    source = forms.ChoiceField(
        choices=[(ConsentSource.FOOTER, "footer"), (ConsentSource.PAGE, "page")],
        initial=ConsentSource.PAGE,
        widget=forms.HiddenInput,
    )
    # The honeypot: hidden from people, filled in by bots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=LANGUAGE_LABEL, choices=Language.choices, widget=forms.RadioSelect
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics that interest you (optional)"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
