import datetime
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsletter import conf
from newsletter.enums import Language
from newsletter.validation import clean_email
from website.models import Topic


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
        help_text=_("Up to 10 addresses, one per line. They are kept for your next test."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_addresses(self):
        lines = [line for line in self.cleaned_data["addresses"].splitlines() if line.strip()]
        if len(lines) > 10:
            raise ValidationError(_("Up to 10 addresses, one per line."))
        return [clean_email(line.strip()) for line in lines]


# Times of scheduled sends are typed and shown in the programme's time zone, whatever the
# time zone of the staff member's admin profile.
SEND_TIME_ZONE = zoneinfo.ZoneInfo("Europe/Tirane")
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class TiraneDateTimeField(forms.DateTimeField):
    """A date and time in Europe/Tirane (an `<input type=datetime-local>`)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL)

    def to_python(self, value):
        with timezone.override(SEND_TIME_ZONE):
            return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value, SEND_TIME_ZONE).replace(tzinfo=None)
        return value


class SegmentForm(forms.Form):
    """Who a send goes to: every confirmed subscriber, or those who chose one of the topics."""

    topics = forms.ModelMultipleChoiceField(
        label=_("Only subscribers interested in"),
        help_text=_(
            "Leave empty to send to every subscriber. With topics, the bulletin goes to those "
            "who chose at least one of them; subscribers who chose no topic do not get it."
        ),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class SendForm(SegmentForm):
    WHEN_NOW = "now"
    WHEN_LATER = "later"

    when = forms.ChoiceField(
        label=_("When"),
        choices=[
            (WHEN_NOW, _("Now")),
            (WHEN_LATER, _("At a date and time (Tirana time)")),
        ],
        initial=WHEN_NOW,
        required=False,  # not given: now
        widget=forms.RadioSelect,
    )
    scheduled_for = TiraneDateTimeField(
        label=_("Date and time (Tirana time)"),
        help_text=_("For example 2026-12-15 09:00. The worker starts the send within a minute."),
        required=False,
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M"],
    )
    checked = forms.BooleanField(
        label=_("I have looked at the previews and the test e-mail, and the recipients are right.")
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when") != self.WHEN_LATER:
            cleaned["scheduled_for"] = None
            return cleaned
        at = cleaned.get("scheduled_for")
        if at is None and "scheduled_for" not in self.errors:
            self.add_error("scheduled_for", _("Choose the date and time of the send."))
        elif at is not None and at <= timezone.now():
            self.add_error("scheduled_for", _("Choose a time in the future."))
        return cleaned
