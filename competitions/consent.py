"""Checks on a parent's or guardian's address that a child cannot pass so easily.

Addresses are compared normalised (`normalise_email`): lower case, without a `+tag`, and
without dots for the providers that ignore them (Gmail, whose two domains are one). A guardian
address that shares the entrant's mailbox after that, or whose domain is a known throwaway one,
does not stop the entry: it flags it for a moderator's check (`Entry.consent_check`), shown in
the queue and on the entry's screen.
"""

from competitions.enums import ConsentCheck

# Providers where "a.b@" and "ab@" are one mailbox; the key is the canonical domain.
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}
# A small list of well-known throwaway mail services (shipped, never fetched).
DISPOSABLE_DOMAINS = frozenset(
    {
        "10minutemail.com",
        "dispostable.com",
        "emailondeck.com",
        "fakeinbox.com",
        "getnada.com",
        "guerrillamail.com",
        "guerrillamailblock.com",
        "maildrop.cc",
        "mailinator.com",
        "mailnesia.com",
        "mintemail.com",
        "mohmal.com",
        "sharklasers.com",
        "spamgourmet.com",
        "temp-mail.org",
        "tempail.com",
        "tempmail.com",
        "tempr.email",
        "throwawaymail.com",
        "trashmail.com",
        "yopmail.com",
    }
)


def normalise_email(address):
    """The mailbox an address reaches: "Kid.Name+mum@googlemail.com" → "kidname@gmail.com"."""
    local, _at, domain = (address or "").strip().lower().rpartition("@")
    if not local:
        return domain
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        domain = DOTLESS_DOMAINS[domain]
        local = local.replace(".", "")
    return f"{local}@{domain}"


def is_disposable(address):
    domain = (address or "").strip().lower().rpartition("@")[2]
    return domain in DISPOSABLE_DOMAINS or any(
        domain.endswith(f".{known}") for known in DISPOSABLE_DOMAINS
    )


def guardian_check(entrant_email, guardian_email):
    """The flag for a moderator (a `ConsentCheck`), or "" when the address looks like a parent's."""
    if not guardian_email:
        return ""
    if normalise_email(guardian_email) == normalise_email(entrant_email):
        return ConsentCheck.SAME_MAILBOX
    if is_disposable(guardian_email):
        return ConsentCheck.DISPOSABLE
    return ""
