"""The publication of works moved to the exhibition app (above the jury). Its table and rows stay
where they are: this migration only removes the model from the jury's migration state;
`exhibition.0001_publication_from_jury` takes it over (and moves its content type)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("jury", "0003_publication"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Publication")],
            database_operations=[],
        ),
    ]
