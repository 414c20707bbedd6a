"""The record of every erasure of an entry's personal data: what went, when and why.

No personal data here: the entry's reference, the parts erased (codes of `ErasedPart`, and of
the apps above that erased their share through `competitions_entry_erased`) and the reason.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competitions.enums import ErasureReason


class Erasure(models.Model):
    entry = models.ForeignKey(
        "competitions.Entry",
        verbose_name=_("entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="erasures",
    )
    reference = models.CharField(_("reference"), max_length=32)
    reason = models.CharField(_("why"), max_length=24, choices=ErasureReason.choices)
    erased = models.JSONField(_("what was erased"), default=list)
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)

    class Meta:
        ordering = ["erased_at", "pk"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self):
        return f"{self.reference}: {self.reason}"
