"""The e-mails already sent to an entrant about the outcome of their entry."""

from django.db import models
from django.utils import timezone


class EntrantNotice(models.Model):
    """An e-mail already sent to an entrant about the outcome (so that none goes out twice).

    `key` names the e-mail: "shortlisted:<round>", "awarded:<kind>", "not_selected", and, from the
    exhibition above, "guardian_publication:<nonce>"."""

    entry = models.ForeignKey(
        "competitions.Entry", on_delete=models.CASCADE, related_name="jury_notices"
    )
    key = models.CharField(max_length=64)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "key"], name="jury_entrant_notice_unique"),
        ]

    def __str__(self):
        return f"{self.entry_id}: {self.key}"
