"""The moderation workflow and its step named in Albanian, the admin's language: editors read
"Dërgo te Rishikim dhe publikim", not "Dërgo te Review and publish" (0003 now makes these names)."""

from django.db import migrations

RENAMES = {
    "Workflow": ("Review and publish", "Rishikim dhe publikim"),
    "GroupApprovalTask": ("Publishers approve", "Miratim nga publikuesit"),
}


def rename(apps, schema_editor, backwards=False):
    for model_name, (english, albanian) in RENAMES.items():
        old, new = (albanian, english) if backwards else (english, albanian)
        apps.get_model("wagtailcore", model_name).objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0007_albanian_municipalities"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
