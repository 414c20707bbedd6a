"""Private links without accounts: signed, expiring, and revoked by rotating a nonce.

A token carries the entry's id and a random nonce stored on the entry; it is signed with the
site's secret key and a purpose-specific salt. Withdrawing an entry clears the nonce, so every
link to it stops working at once.
"""

import secrets

from django.conf import settings
from django.core import signing

ENTRANT_SALT = "competitions.entry.entrant"
GUARDIAN_SALT = "competitions.entry.guardian"
# An entrant's link lives until well after the results; a guardian's only while consent is open.
ENTRANT_MAX_AGE = getattr(settings, "COMPETITIONS_LINK_MAX_AGE", 60 * 60 * 24 * 400)
GUARDIAN_MAX_AGE_GRACE = 60 * 60 * 24


def new_nonce():
    return secrets.token_urlsafe(16)


def entrant_token(entry):
    return signing.dumps({"e": entry.pk, "n": entry.access_nonce}, salt=ENTRANT_SALT)


def guardian_token(entry):
    return signing.dumps({"e": entry.pk, "n": entry.guardian_nonce}, salt=GUARDIAN_SALT)


def _load(token, salt, max_age, nonce_field, queryset):
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(payload, dict) or not payload.get("n"):
        return None
    entry = queryset.filter(pk=payload.get("e")).first()
    if entry is None or not secrets.compare_digest(getattr(entry, nonce_field), payload["n"]):
        return None
    return entry


def entry_for_entrant(token, queryset):
    return _load(token, ENTRANT_SALT, ENTRANT_MAX_AGE, "access_nonce", queryset)


def entry_for_guardian(token, queryset):
    entry = _load(token, GUARDIAN_SALT, None, "guardian_nonce", queryset)
    if entry is None:
        return None
    max_age = entry.competition.consent_days * 86400 + GUARDIAN_MAX_AGE_GRACE
    return _load(token, GUARDIAN_SALT, max_age, "guardian_nonce", queryset)
