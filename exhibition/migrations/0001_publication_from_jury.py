"""The exhibition app takes over `Publication` from the jury without touching its rows.

1. State only: the model as the jury left it (table `jury_publication`, its index and constraint
   names), created in this app's state on the existing table (a fresh database gets the table
   from `jury.0003_publication`, as before).
2. Data: the content type `jury.publication` becomes `exhibition.publication`, so that the
   permissions given to role groups and Wagtail's audit-log rows keep pointing at the model; the
   audit-log actions `jury.publication.*` are renamed `exhibition.publication.*`.
`0002_exhibition_tables` then renames the table, its index and its constraints.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import exhibition.models

ACTIONS = [
    "entrant_confirmed",
    "guardian_confirmed",
    "checked",
    "published",
    "taken_down",
    "pending",
]


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="jury", model="publication").first()
    if old is not None:
        if ContentType.objects.filter(app_label="exhibition", model="publication").exists():
            # Made by an earlier run of post_migrate: the old one, with the permissions and
            # audit-log rows pointing at it, is the one to keep.
            ContentType.objects.filter(app_label="exhibition", model="publication").delete()
        old.app_label = "exhibition"
        old.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()
    rename_actions(apps, "jury", "exhibition")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="exhibition", model="publication").update(
        app_label="jury"
    )
    ContentType.objects.clear_cache()
    rename_actions(apps, "exhibition", "jury")


def rename_actions(apps, old, new):
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    for action in ACTIONS:
        ModelLogEntry.objects.filter(action=f"{old}.publication.{action}").update(
            action=f"{new}.publication.{action}"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("competitions", "0004_default_entrant_messages"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("jury", "0004_publication_moves_to_exhibition"),
        ("wagtailcore", "0068_log_entry_empty_object"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Publication",
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.CharField(default=exhibition.models.new_public_id, max_length=12, unique=True)),
                        ('state', models.CharField(choices=[('pending', 'Waiting for the confirmations'), ('published', 'Published'), ('taken_down', 'Taken down')], default='pending', max_length=12, verbose_name='state')),
                        ('credit', models.CharField(choices=[('real_name', 'My real name'), ('pen_name', 'A pen name'), ('anonymous', 'Anonymously')], default='anonymous', max_length=16, verbose_name='credit')),
                        ('credit_name', models.CharField(blank=True, max_length=150, verbose_name='name shown')),
                        ('caption_sq', models.TextField(blank=True, verbose_name='caption in Albanian')),
                        ('caption_en', models.TextField(blank=True, verbose_name='caption in English')),
                        ('guardian_needed', models.BooleanField(default=False, verbose_name='a parent or guardian must agree')),
                        ('entrant_confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='entrant confirmed at')),
                        ('guardian_confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='guardian confirmed at')),
                        ('no_unconsented_people', models.BooleanField(default=False, verbose_name='No one can be identified who did not agree')),
                        ('no_victim_identifiable', models.BooleanField(default=False, verbose_name='No victim can be identified')),
                        ('caption_reviewed', models.BooleanField(default=False, verbose_name='Caption reviewed')),
                        ('checked_at', models.DateTimeField(blank=True, null=True, verbose_name='checked at')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                        ('taken_down_at', models.DateTimeField(blank=True, null=True, verbose_name='taken down at')),
                        ('taken_down_by', models.CharField(blank=True, choices=[('system', 'System'), ('entrant', 'Entrant'), ('guardian', 'Parent or guardian'), ('moderator', 'Competition moderator'), ('safeguarding', 'Safeguarding officer')], max_length=16, verbose_name='taken down by')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('checked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='checked by')),
                        ('competition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='publications', to='competitions.competitionpage', verbose_name='competition')),
                        ('entry', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='publication', to='competitions.entry', verbose_name='entry')),
                    ],
                    options={
                        'db_table': 'jury_publication',
                        'verbose_name': 'publication',
                        'verbose_name_plural': 'publications',
                        'ordering': ['competition', 'created_at', 'pk'],
                        'indexes': [models.Index(fields=['competition', 'state'], name='jury_public_competi_a9b821_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('state', 'published'), _negated=True), models.Q(('caption_reviewed', True), ('checked_at__isnull', False), ('entrant_confirmed_at__isnull', False), ('no_unconsented_people', True), ('no_victim_identifiable', True)), _connector='OR'), name='jury_publication_published_needs_consent_and_check'), models.CheckConstraint(condition=models.Q(models.Q(('state', 'published'), _negated=True), ('guardian_needed', False), ('guardian_confirmed_at__isnull', False), _connector='OR'), name='jury_publication_published_needs_guardian')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
