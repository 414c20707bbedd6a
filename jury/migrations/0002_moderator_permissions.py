"""Competition moderators set up juries and rounds in the admin; Jurors get nothing in the CMS."""

from django.db import migrations

MODELS = ["jury", "round"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name="Competition moderators")
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="jury", model=model)
        for action in ACTIONS:
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("jury", "0001_initial"),
        ("website", "0003_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
