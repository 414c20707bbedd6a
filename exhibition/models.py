"""Publishing an awarded or exhibited work without harming anyone.

A `Publication` goes public only when the entrant (and, for a minor, the parent or guardian)
confirmed through their private link and a moderator ticked the checklist; its state changes only
through `exhibition.services.move_publication`.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competitions.enums import Actor, CreditChoice
from exhibition.enums import PublicationState
from jury.models import CODE_ALPHABET, in_language


def new_public_id():
    """A random name for the work's public address: says nothing about who made it or when."""
    return "".join(secrets.choice(CODE_ALPHABET.lower()) for _ in range(8))


class Publication(models.Model):
    """Whether, and how, one awarded or exhibited work is shown on the public site."""

    entry = models.OneToOneField(
        "competitions.Entry",
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="publication",
    )
    competition = models.ForeignKey(
        "competitions.CompetitionPage",
        verbose_name=_("competition"),
        on_delete=models.CASCADE,
        related_name="publications",
    )
    public_id = models.CharField(max_length=12, unique=True, default=new_public_id)
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=PublicationState.choices,
        default=PublicationState.PENDING,
    )
    credit = models.CharField(
        _("credit"), max_length=16, choices=CreditChoice.choices, default=CreditChoice.ANONYMOUS
    )
    credit_name = models.CharField(_("name shown"), max_length=150, blank=True)
    caption_sq = models.TextField(_("caption in Albanian"), blank=True)
    caption_en = models.TextField(_("caption in English"), blank=True)

    guardian_needed = models.BooleanField(_("a parent or guardian must agree"), default=False)
    entrant_confirmed_at = models.DateTimeField(_("entrant confirmed at"), null=True, blank=True)
    guardian_confirmed_at = models.DateTimeField(_("guardian confirmed at"), null=True, blank=True)

    no_unconsented_people = models.BooleanField(
        _("No one can be identified who did not agree"), default=False
    )
    no_victim_identifiable = models.BooleanField(_("No victim can be identified"), default=False)
    caption_reviewed = models.BooleanField(_("Caption reviewed"), default=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    taken_down_at = models.DateTimeField(_("taken down at"), null=True, blank=True)
    taken_down_by = models.CharField(
        _("taken down by"), max_length=16, choices=Actor.choices, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["competition", "created_at", "pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            # The database itself refuses a published work that nobody agreed to.
            models.CheckConstraint(
                condition=~Q(state=PublicationState.PUBLISHED)
                | Q(
                    entrant_confirmed_at__isnull=False,
                    checked_at__isnull=False,
                    no_unconsented_people=True,
                    no_victim_identifiable=True,
                    caption_reviewed=True,
                ),
                name="exhibition_publication_needs_consent_and_check",
            ),
            models.CheckConstraint(
                condition=~Q(state=PublicationState.PUBLISHED)
                | Q(guardian_needed=False)
                | Q(guardian_confirmed_at__isnull=False),
                name="exhibition_publication_needs_guardian",
            ),
        ]
        indexes = [models.Index(fields=["competition", "state"])]

    def __str__(self):
        return f"{self.public_id} ({self.get_state_display()})"

    @property
    def caption(self):
        return in_language(self.caption_sq, self.caption_en)

    @property
    def credit_label(self):
        """What the public sees under the work."""
        if self.credit == CreditChoice.ANONYMOUS or not self.credit_name:
            return _("Anonymous")
        return self.credit_name

    @property
    def checklist_complete(self):
        return bool(
            self.checked_at
            and self.no_unconsented_people
            and self.no_victim_identifiable
            and self.caption_reviewed
        )

    @property
    def consent_complete(self):
        return bool(
            self.entrant_confirmed_at and (not self.guardian_needed or self.guardian_confirmed_at)
        )

    @property
    def is_public(self):
        return self.state == PublicationState.PUBLISHED
