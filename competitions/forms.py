"""The public entry form and the forms behind the private links."""

import re
import unicodedata

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from competitions.enums import ContentWarning, CreditChoice, Declaration, EntryLanguage
from competitions.images import MAX_PIXELS, ImageRejected, clean_image
from competitions.services import age_on, count_words
from website.models import Municipality

# Bidirectional-text controls can disguise a name ("evil‮gpj.exe"): never kept in names.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
MAX_STORY_CHARACTERS = 60_000
MB = 1024 * 1024

COUNTRIES = [
    ("AL", _("Albania")),
    ("XK", _("Kosovo")),
    ("MK", _("North Macedonia")),
    ("ME", _("Montenegro")),
    ("GR", _("Greece")),
    ("IT", _("Italy")),
    ("DE", _("Germany")),
    ("GB", _("United Kingdom")),
    ("US", _("United States")),
    ("ZZ", _("Another country")),
]


def strip_bidi(value):
    return BIDI_CONTROLS.sub("", value or "").strip()


class ImageUploadMixin:
    """Cleans the `image` field with `competitions.images.clean_image`."""

    competition = None

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        self.clean_image_result = None
        if not upload:
            return upload
        max_bytes = self.competition.max_file_mb * MB
        if upload.size > max_bytes:
            raise forms.ValidationError(
                _("The file is too large: at most %(mb)s MB.")
                % {"mb": self.competition.max_file_mb}
            )
        try:
            self.clean_image_result = clean_image(
                upload, max_bytes=max_bytes, min_side=self.competition.min_image_side
            )
        except ImageRejected as rejected:
            raise forms.ValidationError(rejected.message) from rejected
        return upload


class StoryMixin:
    competition = None

    def clean_story_text(self):
        text = self.cleaned_data.get("story_text", "")
        words = count_words(text)
        low, high = self.competition.story_min_words, self.competition.story_max_words
        if not low <= words <= high:
            raise forms.ValidationError(
                _("The story has %(words)s words; it must have between %(low)s and %(high)s.")
                % {"words": words, "low": low, "high": high}
            )
        return text


def sort_key(name):
    """Albanian names in alphabetical order, near enough: letters before their diacritics."""
    return unicodedata.normalize("NFD", str(name)).casefold()


def municipality_choices():
    """Every municipality, grouped by its county in alphabetical order (one query)."""
    groups = {}
    for municipality in Municipality.objects.select_related("region"):
        groups.setdefault(municipality.region, []).append(municipality)
    return [
        ("", gettext("Choose your municipality")),
        *(
            (
                str(region),
                [(m.pk, str(m)) for m in sorted(members, key=lambda m: sort_key(m))],
            )
            for region, members in sorted(groups.items(), key=lambda item: sort_key(item[0]))
        ),
    ]


class EntryForm(ImageUploadMixin, StoryMixin, forms.Form):
    """Everything an entrant sends. Fields that do not apply to the competition are removed."""

    # Entrant
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("Never shown to the jury or published unless you choose so below."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    country = forms.ChoiceField(label=_("Country of residence"), choices=COUNTRIES, initial="AL")
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        required=False,
        help_text=_("Only if you live in Albania."),
    )
    message_language = forms.ChoiceField(
        label=_("Language for our messages to you"), choices=settings.LANGUAGES
    )
    credit = forms.ChoiceField(
        label=_("If your work is published, credit it with"),
        choices=CreditChoice.choices,
        widget=forms.RadioSelect,
        initial=CreditChoice.PEN_NAME,
        help_text=_(
            "A pen name or no name protects you and the people in your work; choose your real "
            "name only if you are sure."
        ),
    )
    pen_name = forms.CharField(label=_("Pen name"), max_length=100, required=False)
    guardian_name = forms.CharField(
        label=_("Parent's or guardian's name"), max_length=150, required=False
    )
    guardian_email = forms.EmailField(label=_("Parent's or guardian's e-mail"), required=False)
    # Entry
    category = forms.ModelChoiceField(label=_("Category"), queryset=None, required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description or caption"), max_length=2000, required=False, widget=forms.Textarea
    )
    image = forms.FileField(
        label=_("Image"),
        error_messages={"required": _("Choose the image to send.")},
        widget=forms.FileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"}
        ),
    )
    story_text = forms.CharField(
        label=_("Your story"),
        max_length=MAX_STORY_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 16, "data-word-count": "true"}),
        strip=True,
    )
    language = forms.ChoiceField(label=_("Language of the story"), choices=EntryLanguage.choices)
    content_warning = forms.ChoiceField(
        label=_("Content warning"),
        choices=[("", _("None")), *ContentWarning.choices],
        required=False,
    )
    declare_non_professional = forms.BooleanField(label=Declaration.NON_PROFESSIONAL.label)
    declare_own_work = forms.BooleanField(label=Declaration.OWN_WORK.label)
    declare_people_agreed = forms.BooleanField(label=Declaration.PEOPLE_AGREED.label)
    declare_rules_read = forms.BooleanField(label=Declaration.RULES_READ.label)
    declare_licence = forms.BooleanField(label=Declaration.LICENCE.label)
    # Set once the form has asked for a parent's or guardian's details (by the server, or by
    # entry-form.js when the date of birth shows the entrant is under the consent age).
    guardian_step = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # Bots fill every field; people never see this one.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    # Set by the view: `competitions.tokens.new_form_token(session)`.
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=128)

    def __init__(self, *args, competition, kept=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.competition = competition
        self.clean_image_result = None
        # An image kept from an earlier send of this form (`competitions.models.PendingUpload`).
        self.kept = kept
        # True when the entrant is under the consent age and the form has not yet asked for a
        # parent's or guardian's details: it comes back asking for them, not with an error.
        self.guardian_step_needed = False
        self.fields["municipality"].choices = municipality_choices()
        # Required in some cases (Albania; under the consent age): never labelled optional.
        for name in ("municipality", "guardian_name", "guardian_email"):
            self.fields[name].conditional = True
        self.fields["declare_rules_read"].help_text = format_html(
            gettext(
                'Read <a href="{rules}">the rules</a> and <a href="{privacy}">the privacy notice</a>.'
            ),
            rules=competition.get_url() or "",
            privacy=reverse("competitions:privacy"),
        )
        categories = competition.categories.all()
        if categories:
            self.fields["category"].queryset = categories
            self.fields["category"].required = True
        else:
            del self.fields["category"]
        if competition.takes_image:
            del self.fields["story_text"]
            del self.fields["language"]
            self.fields["image"].help_text = limits_text(competition)
            if kept is not None:
                self.fields["image"].required = False
                self.fields["image"].label = _("Replace it with another image")
        else:
            del self.fields["image"]
            self.fields["language"].choices = competition.accepted_languages

    def _strip(self, name):
        return strip_bidi(self.cleaned_data.get(name, ""))

    def clean_full_name(self):
        return self._strip("full_name")

    def clean_pen_name(self):
        return self._strip("pen_name")

    def clean_guardian_name(self):
        return self._strip("guardian_name")

    def clean_title(self):
        return self._strip("title")

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        age = age_on(born, today)
        if not self.competition.min_age <= age <= self.competition.max_age:
            raise forms.ValidationError(
                _("This competition is for people aged %(low)s to %(high)s.")
                % {"low": self.competition.min_age, "high": self.competition.max_age}
            )
        return born

    def clean(self):
        data = super().clean()
        if data.get("country") == "AL" and not data.get("municipality"):
            self.add_error("municipality", _("Choose your municipality."))
        if data.get("country") != "AL":
            data["municipality"] = None
        if data.get("credit") == CreditChoice.PEN_NAME and not data.get("pen_name"):
            self.add_error("pen_name", _("Write the pen name to use."))
        born = data.get("date_of_birth")
        if born and age_on(born, timezone.localdate()) < self.competition.consent_age:
            if (
                not data.get("guardian_step")
                and not data.get("guardian_name")
                and not data.get("guardian_email")
            ):
                self.guardian_step_needed = True
                return data
            if not data.get("guardian_name"):
                self.add_error(
                    "guardian_name",
                    _("You are under %(age)s: give a parent's or guardian's name.")
                    % {"age": self.competition.consent_age},
                )
            if not data.get("guardian_email"):
                self.add_error("guardian_email", _("Give a parent's or guardian's e-mail."))
            elif data.get("guardian_email", "").lower() == (data.get("email") or "").lower():
                self.add_error(
                    "guardian_email", _("The parent's or guardian's e-mail must be their own.")
                )
        return data

    def is_valid(self):
        return super().is_valid() and not self.guardian_step_needed

    @property
    def needs_guardian(self):
        """The date of birth sent makes the entrant younger than the consent age."""
        born = self.cleaned_data.get("date_of_birth") if hasattr(self, "cleaned_data") else None
        return bool(born) and age_on(born, timezone.localdate()) < self.competition.consent_age

    @property
    def is_spam(self):
        return bool(self.data.get("website"))


def limits_text(competition):
    """What the upload field accepts, in one sentence."""
    return _(
        "JPEG, PNG, WebP or HEIC; at most %(mb)s MB and %(megapixels)s megapixels; the shortest "
        "side at least %(side)s pixels."
    ) % {
        "mb": competition.max_file_mb,
        "megapixels": MAX_PIXELS // 1_000_000,
        "side": competition.min_image_side,
    }


class ChangeForm(ImageUploadMixin, StoryMixin, forms.Form):
    """The entrant's answer to a request for changes."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description or caption"), max_length=2000, required=False, widget=forms.Textarea
    )
    image = forms.FileField(
        label=_("Replace the image"),
        required=False,
        help_text=_("Leave empty to keep the current image."),
    )
    story_text = forms.CharField(
        label=_("Your story"),
        max_length=MAX_STORY_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 16, "data-word-count": "true"}),
    )

    def __init__(self, *args, entry, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "title": entry.title,
                "description": entry.description,
                "story_text": entry.story_text,
            },
        )
        super().__init__(*args, **kwargs)
        self.competition = entry.competition
        self.clean_image_result = None
        if self.competition.takes_image:
            del self.fields["story_text"]
        else:
            del self.fields["image"]

    def clean_title(self):
        return strip_bidi(self.cleaned_data.get("title"))


class GuardianEmailForm(forms.Form):
    """The entrant corrects their parent's or guardian's address after the consent e-mail did
    not arrive."""

    guardian_email = forms.EmailField(label=_("Parent's or guardian's e-mail"), max_length=254)

    def __init__(self, *args, entry, **kwargs):
        kwargs.setdefault("initial", {"guardian_email": entry.entrant.guardian_email})
        super().__init__(*args, **kwargs)
        self.entry = entry

    def clean_guardian_email(self):
        email = self.cleaned_data["guardian_email"].strip().lower()
        if email == self.entry.entrant.email.lower():
            raise forms.ValidationError(_("The parent's or guardian's e-mail must be their own."))
        return email


class ReplyForm(forms.Form):
    """The entrant writes to the organisers from the private page."""

    body = forms.CharField(
        label=_("Write to the organisers"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the organisers who check entries read it; the jury never does."),
    )

    def clean_body(self):
        return strip_bidi(self.cleaned_data["body"])
