"""The helpers every e-mail of the site uses: absolute links and rendering in the recipient's
language. Apps keep their templates (`<app>/emails/<name>_subject.txt` and `<name>.txt`) and their
recipient rules; how a link is made absolute and how a language is chosen are decided here once.
"""

from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from website.helplines import DEFAULT_HELP_LINES
from website.i18n import LANGUAGE_CODES


def site_url():
    """The public address of the site, without a trailing slash (SITE_URL)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path):
    """`path` (from `reverse` or a page's URL) on the public address of the site."""
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + path


def absolute_reverse(name, *, language, args=(), kwargs=None):
    """The absolute URL of a named route in `language` (routes have translated prefixes)."""
    with translation.override(language):
        return absolute(reverse(name, args=args, kwargs=kwargs))


def language_of(user_or_code):
    """The language to write to a user (their preference) or to a stored language code; the
    site's default when unknown."""
    code = getattr(user_or_code, "preferred_language", user_or_code) or ""
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def sender(language, address=None):
    """The From of an e-mail written in `language`: the address of `address` (or of
    DEFAULT_FROM_EMAIL) under the sender name of that language (EMAIL_SENDER_NAMES), so an
    Albanian e-mail comes from "Historitë e pathëna". A language without a name keeps the name
    the address came with."""
    name, addr = parseaddr(address or settings.DEFAULT_FROM_EMAIL)
    names = getattr(settings, "EMAIL_SENDER_NAMES", {})
    return str(Address(display_name=names.get(language_of(language), name), addr_spec=addr))


def render_email(template, context, *, language):
    """(subject, body) of `<template>_subject.txt` and `<template>.txt`, rendered in `language`
    with the help lines in the context. The subject is one line."""
    with translation.override(language_of(language)):
        context = {"help_lines": DEFAULT_HELP_LINES, **context}
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return " ".join(subject.split()), body
