"""The search index holds only published vacancies (search.index_vacancies): remove the rows of
the others. Nothing to undo: indexing them again (`wijkbasis reindex-vacancies`) would skip them."""

from django.db import migrations


def remove_unlisted(apps, schema_editor):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and "volunteering_vacancy_search" in tables:
            cursor.execute(
                "DELETE FROM volunteering_vacancy_search WHERE vacancy_id IN "
                "(SELECT id FROM volunteering_vacancy WHERE status <> 'published')"
            )
        elif connection.vendor == "sqlite" and "volunteering_vacancy_fts" in tables:
            cursor.execute(
                "DELETE FROM volunteering_vacancy_fts WHERE rowid IN "
                "(SELECT id FROM volunteering_vacancy WHERE status <> 'published')"
            )


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0008_field_labels")]

    operations = [migrations.RunPython(remove_unlisted, migrations.RunPython.noop, elidable=True)]
