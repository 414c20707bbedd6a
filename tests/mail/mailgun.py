"""Mailgun's tracking webhook as Mailgun sends it: a JSON body with its HMAC-SHA256 signature
of timestamp + token under the webhook signing key (ANYMAIL in website/settings/test.py),
posted to the URL django-anymail wires (website/urls.py)."""

import hashlib
import hmac
import json
import secrets
import time

from django.conf import settings

URL = "/anymail/mailgun/tracking/"


def signature(timestamp, token, key=None):
    key = key or settings.ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"]
    return hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()


def payload(*, message_id, recipient, event="failed", severity="permanent", key=None):
    """A Mailgun event about the message with that Message-ID header (Mailgun gives it without
    the angle brackets)."""
    timestamp, token = str(int(time.time())), secrets.token_hex(25)
    return {
        "signature": {
            "timestamp": timestamp,
            "token": token,
            "signature": signature(timestamp, token, key),
        },
        "event-data": {
            "event": event,
            "severity": severity,
            "reason": "bounce",
            "timestamp": float(timestamp),
            "id": secrets.token_hex(8),
            "recipient": recipient,
            "message": {"headers": {"message-id": message_id.strip("<>"), "to": recipient}},
            "delivery-status": {
                "code": 550,
                "message": "5.1.1 The email account that you tried to reach does not exist",
                "description": "",
            },
        },
    }


def post(client, **kwargs):
    return client.post(URL, json.dumps(payload(**kwargs)), content_type="application/json")
