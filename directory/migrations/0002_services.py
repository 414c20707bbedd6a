"""The rows of the service vocabulary (directory.enums.ServiceKind), in its order."""

from django.db import migrations

SERVICE_CODES = [
    "shelter",
    "24-7",
    "counselling",
    "legal-aid",
    "medical-aid",
    "education",
    "vocational-training",
    "employment",
    "family-mediation",
    "parenting",
    "child-protection",
    "mobile-unit",
    "identification",
]


def create_services(apps, schema_editor):
    Service = apps.get_model("directory", "Service")
    for position, code in enumerate(SERVICE_CODES):
        Service.objects.update_or_create(code=code, defaults={"sort_order": position})


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create_services, migrations.RunPython.noop)]
