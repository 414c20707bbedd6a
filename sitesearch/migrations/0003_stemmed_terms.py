"""Search on stemmed terms (sitesearch.stemming); on PostgreSQL a text-search configuration that
neither stems nor drops English stop words and ignores accents (`untold_simple`), which the
search backend uses (settings: WAGTAILSEARCH_BACKENDS SEARCH_CONFIG). Existing documents get
their terms here; `manage.py rebuild_sitesearch` then refreshes the backend's index."""

from django.db import migrations, models

from sitesearch.stemming import terms

CREATE_CONFIG = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'untold_simple') THEN
    CREATE TEXT SEARCH CONFIGURATION untold_simple (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION untold_simple
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  END IF;
END $$;
"""


def fill_terms(apps, schema_editor):
    SearchDocument = apps.get_model("sitesearch", "SearchDocument")
    for document in SearchDocument.objects.all().iterator():
        document.title_terms = terms(document.title, document.language)
        document.terms = terms(f"{document.summary} {document.body}", document.language)
        document.save(update_fields=["title_terms", "terms"])


def create_config(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_CONFIG)


def drop_config(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS untold_simple")


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0002_kinds_from_the_apps"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="terms",
            field=models.TextField(blank=True, verbose_name="text, as searched"),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="title_terms",
            field=models.TextField(blank=True, verbose_name="title, as searched"),
        ),
        migrations.RunPython(fill_terms, migrations.RunPython.noop),
        migrations.RunPython(create_config, drop_config),
    ]
