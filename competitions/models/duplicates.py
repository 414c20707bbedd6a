"""Possible duplicates, found when an entry arrives (`competitions.duplicates`) and stored both
ways; who sees which is decided when they are shown (`permissions.visible_duplicates`)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PossibleDuplicate(models.Model):
    entry = models.ForeignKey(
        "competitions.Entry", on_delete=models.CASCADE, related_name="possible_duplicates"
    )
    other = models.ForeignKey("competitions.Entry", on_delete=models.CASCADE, related_name="+")
    # Differing bits of the perceptual hashes (images) or 1 − Jaccard of the shingles (stories).
    distance = models.FloatField(_("distance"))
    found_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["distance", "pk"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["entry", "other"], name="possible_duplicate_unique"),
        ]

    def __str__(self):
        return f"{self.entry_id} ~ {self.other_id}"
