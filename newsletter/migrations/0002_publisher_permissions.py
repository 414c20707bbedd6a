"""Publishers (and superusers) manage subscribers and send bulletins; nobody else does."""

from django.db import migrations

PUBLISHER_PERMS = [
    ("subscriber", "view_subscriber"),
    ("subscriber", "add_subscriber"),
    ("subscriber", "change_subscriber"),
    ("subscriber", "delete_subscriber"),
    ("subscriber", "import_subscribers"),
    ("subscriber", "export_subscribers"),
    ("bulletinsend", "view_bulletinsend"),
    ("bulletinsend", "send_bulletin"),
]


def permission(apps, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="newsletter", model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return perm


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    for model, codename in PUBLISHER_PERMS:
        publishers.permissions.add(permission(apps, model, codename))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    publishers = Group.objects.filter(name="Publishers").first()
    if publishers is not None:
        publishers.permissions.remove(
            *Permission.objects.filter(content_type__app_label="newsletter")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("website", "0003_roles_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
