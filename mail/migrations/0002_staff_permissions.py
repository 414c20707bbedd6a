"""Who sees the outbox: Publishers (they send the bulletin and see subscribers' addresses) and
Competition moderators (they see entrants' data and answer entrants) may list the e-mails and
send failed ones again. Groups are created by website 0003."""

from django.db import migrations

GROUPS = ["Publishers", "Competition moderators"]
CODENAMES = ["view_message", "change_message"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="mail", model="message")
    perms = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ")},
        )[0]
        for codename in CODENAMES
    ]
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0001_initial"),
        ("website", "0003_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
