"""What a failed attempt to hand an e-mail to the mail server means. Shared by the outbox and
the bulletin sends (newsletter/sending.py)."""

import smtplib

from anymail.exceptions import AnymailError, AnymailRecipientsRefused


def is_mail_error(error):
    """An error of the mail server or provider (as opposed to a bug or a killed worker)."""
    return isinstance(error, smtplib.SMTPException | OSError | AnymailError)


def is_unreachable(error):
    """The server could not be reached or did not answer: connection refused, host unreachable,
    a timeout (EMAIL_TIMEOUT) or a connection dropped before the server said anything."""
    if isinstance(error, smtplib.SMTPConnectError):
        return error.smtp_code < 500
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    # smtplib's errors are OSErrors too: only the socket's own count here.
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def classify(error):
    """(permanent, reason) of a failed attempt: permanent is a 5xx answer of the server (to the
    recipient, the sender, the connection or the login) or the provider's "recipients refused";
    everything else (timeouts, refused connections, 4xx "try again later") is temporary."""
    reason = f"{type(error).__name__}: {error}"[:255]
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes), reason
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600, reason
    if isinstance(error, AnymailRecipientsRefused):
        return True, reason
    return False, reason
