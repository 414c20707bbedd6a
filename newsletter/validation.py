"""Checks of e-mail addresses typed into a form or found in an import file."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

MAX_EMAIL_LENGTH = 254

MESSAGES = {
    "required": _("Enter your e-mail address."),
    "line_break": _("An e-mail address cannot contain line breaks or control characters."),
    "several": _("Enter one e-mail address only."),
    "too_long": _("This e-mail address is too long (at most 254 characters)."),
    "invalid": _("Enter a valid e-mail address, for example name@example.com."),
}


def clean_email(raw):
    """The address, trimmed; raises ValidationError with a message the reader understands.

    Any control character (a line break could smuggle a mail header in) is refused before
    trimming, so that "a@b.al\\nBcc: …" is an error and not silently cut.
    """
    if raw is None:
        raise ValidationError(MESSAGES["required"], code="required")
    value = str(raw)
    if any(ord(char) < 32 or ord(char) == 127 for char in value.strip(" ")):
        raise ValidationError(MESSAGES["line_break"], code="line_break")
    value = value.strip()
    if not value:
        raise ValidationError(MESSAGES["required"], code="required")
    if len(value) > MAX_EMAIL_LENGTH:
        raise ValidationError(MESSAGES["too_long"], code="too_long")
    if "," in value or ";" in value or value.count("@") > 1:
        raise ValidationError(MESSAGES["several"], code="several")
    try:
        validate_email(value)
    except ValidationError as error:
        raise ValidationError(MESSAGES["invalid"], code="invalid") from error
    return value
