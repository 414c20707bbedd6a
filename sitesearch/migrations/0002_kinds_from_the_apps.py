from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchdocument",
            name="kind",
            field=models.CharField(max_length=16, verbose_name="kind"),
        ),
    ]
