"""The signed, expiring, single-use token in a confirmation link."""

import secrets

from django.core import signing

from newsletter import conf

SALT = "newsletter.confirm"


class InvalidToken(Exception):
    """Tampered, expired, already used or unknown: the pages say the same for each."""


def new_nonce():
    return secrets.token_urlsafe(12)


def make_confirm_token(subscriber):
    return signing.dumps([subscriber.pk, subscriber.confirm_nonce], salt=SALT)


def read_confirm_token(token):
    """Returns (subscriber_id, nonce); raises InvalidToken."""
    try:
        value = signing.loads(token, salt=SALT, max_age=conf.get("NEWSLETTER_CONFIRM_MAX_AGE"))
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature
        raise InvalidToken from error
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        raise InvalidToken
    return value[0], str(value[1])
