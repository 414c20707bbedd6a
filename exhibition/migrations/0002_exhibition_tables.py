"""The publication table, its index and its constraints take the exhibition's names (the rows
stay as they are)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exhibition", "0001_publication_from_jury"),
    ]

    operations = [
        migrations.AlterModelTable(name="publication", table=None),
        migrations.RenameIndex(
            model_name="publication",
            new_name="exhibition__competi_572653_idx",
            old_name="jury_public_competi_a9b821_idx",
        ),
        migrations.RemoveConstraint(
            model_name="publication",
            name="jury_publication_published_needs_consent_and_check",
        ),
        migrations.RemoveConstraint(
            model_name="publication",
            name="jury_publication_published_needs_guardian",
        ),
        migrations.AddConstraint(
            model_name="publication",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("state", "published"), _negated=True),
                    models.Q(
                        ("caption_reviewed", True),
                        ("checked_at__isnull", False),
                        ("entrant_confirmed_at__isnull", False),
                        ("no_unconsented_people", True),
                        ("no_victim_identifiable", True),
                    ),
                    _connector="OR",
                ),
                name="exhibition_publication_needs_consent_and_check",
            ),
        ),
        migrations.AddConstraint(
            model_name="publication",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("state", "published"), _negated=True),
                    ("guardian_needed", False),
                    ("guardian_confirmed_at__isnull", False),
                    _connector="OR",
                ),
                name="exhibition_publication_needs_guardian",
            ),
        ),
    ]
