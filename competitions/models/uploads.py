"""An image kept between two sends of the entry form.

When the form comes back with an error, the cleaned image (never the upload itself) waits here,
in the private entry storage, so that the entrant does not have to send a large file again on a
slow connection. It belongs to one rendering of the form in one browser session: `form_key` is
the random part of the session-bound form token (competitions/tokens.py), which only the
session that rendered the form can present. Rows live a few hours
(`competitions.services.delete_stale_uploads`); a sent entry takes its own copy and the row goes.
The files are in the shared private storage, so any app server can read them back.
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competitions.storage import private_storage

KEEP_FOR = timedelta(hours=6)


class PendingUploadQuerySet(models.QuerySet):
    def fresh(self, now=None):
        return self.filter(created_at__gt=(now or timezone.now()) - KEEP_FOR)


class PendingUpload(models.Model):
    competition = models.ForeignKey(
        "competitions.CompetitionPage", on_delete=models.CASCADE, related_name="+"
    )
    form_key = models.CharField(max_length=64, unique=True)
    image = models.FileField(storage=private_storage, max_length=200)
    thumbnail = models.FileField(storage=private_storage, max_length=200)
    # The name the entrant's file had, shown back to them only ("IMG_2041.jpg").
    original_name = models.CharField(max_length=120, blank=True)
    extension = models.CharField(max_length=8)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    image_hash = models.CharField(max_length=16, blank=True)
    taken_at = models.DateTimeField(null=True, blank=True)
    camera_model = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = PendingUploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("image kept between two sends of the entry form")

    def __str__(self):
        return self.original_name or self.form_key[:8]
