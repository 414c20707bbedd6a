"""Private links without accounts: signed, expiring, and revoked by rotating a nonce; and the
entry form's token, bound to the browser session that rendered the form.

A token carries the entry's id and a random nonce stored on the entry; it is signed with the
site's secret key and a purpose-specific salt. Withdrawing an entry clears the nonce, so every
link to it stops working at once.

The entry form's hidden `form_token` makes a double click or a second tab return the first entry
(the same receipt) instead of a second entry. It is `<random>:<signature>`, the signature made
with a key kept in the session that rendered the form: a token copied into another browser (or
replayed after the session ended) does not verify there, and that browser gets a fresh form and
nothing of the earlier entry. Only the random part is stored on the entry.
"""

import secrets

from django.conf import settings
from django.core import signing

ENTRANT_SALT = "competitions.entry.entrant"
FORM_SALT = "competitions.entry.form"
FORM_SESSION_KEY = "competitions_form_key"
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


def guardian_link_entry_id(token):
    """The entry id a guardian's link was made for, if we made it (at any age, whatever its
    nonce now): enough to tell the holder how their answer ended, never to show the entry."""
    try:
        payload = signing.loads(token, salt=GUARDIAN_SALT)
    except signing.BadSignature:
        return None
    return payload.get("e") if isinstance(payload, dict) else None


# --- The entry form's token, bound to the session --------------------------------------------


def _form_signer(session):
    key = session.get(FORM_SESSION_KEY)
    if not key:
        key = session[FORM_SESSION_KEY] = new_nonce()
    return signing.Signer(salt=f"{FORM_SALT}:{key}")


def new_form_token(session):
    """A fresh form token for a form rendered in `session` (a key is stored there if needed)."""
    return _form_signer(session).sign(secrets.token_urlsafe(24))


def form_token_key(token, session):
    """The random part of `token` when `session` rendered it, else None (another browser, an
    ended session, a forged or malformed token). The random part is the entry's `form_token`."""
    if not token or not session.get(FORM_SESSION_KEY):
        return None
    try:
        return _form_signer(session).unsign(token)
    except signing.BadSignature:
        return None
