"""The controlled vocabulary of help services. Labels come from the catalogue, in both languages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ServiceKind(models.TextChoices):
    """What a help organisation offers. The value is used in filter links (?service=shelter)."""

    SHELTER = "shelter", _("Shelter")
    OPEN_24_7 = "24-7", _("Open 24/7")
    COUNSELLING = "counselling", _("Psychological counselling")
    LEGAL_AID = "legal-aid", _("Legal aid")
    MEDICAL_AID = "medical-aid", _("Medical aid")
    EDUCATION = "education", pgettext_lazy("help service", "Education")
    VOCATIONAL_TRAINING = "vocational-training", _("Vocational training")
    EMPLOYMENT = "employment", _("Employment support")
    FAMILY_MEDIATION = "family-mediation", _("Family mediation")
    PARENTING = "parenting", _("Parenting support")
    CHILD_PROTECTION = "child-protection", _("Child protection")
    MOBILE_UNIT = "mobile-unit", _("Mobile unit")
    IDENTIFICATION = "identification", _("Identification of victims")


SERVICE_ORDER = {kind.value: position for position, kind in enumerate(ServiceKind)}
