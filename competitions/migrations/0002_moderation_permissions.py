"""Give the moderation permissions to their groups (created by website 0003).

Competition moderators moderate entries; Safeguarding officers see and handle the entries held
for safeguarding. Editors, Publishers and Jurors get neither.
"""

from django.db import migrations

GRANTS = {
    "Competition moderators": ["moderate_entry"],
    "Safeguarding officers": ["handle_safeguarding"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="competitions", model="entry")
    for group_name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for codename in codenames:
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": codename.replace("_", " ")},
            )
            group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("competitions", "0001_initial"),
        ("website", "0003_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
