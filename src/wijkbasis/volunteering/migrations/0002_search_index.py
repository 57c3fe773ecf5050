"""Full-text search index of vacancies: FTS5 on SQLite, tsvector with GIN on PostgreSQL.

A trigger removes a deleted vacancy's row on both. PostgreSQL has no foreign key to the vacancy
table: Django's flush (between transactional tests) truncates that table without CASCADE, which
a foreign key refuses; a truncate trigger empties the index instead.

The SQL lives in volunteering/search.py, next to the code that reads and writes the index;
`wijkbasis reindex-vacancies` runs the same idempotent statements to repair a trigger that a
rebuild of the vacancy table dropped (SQLite drops triggers with the table).
"""

from typing import Any

from django.db import migrations

from wijkbasis.volunteering import search


def create_index(apps: Any, schema_editor: Any) -> None:
    for statement in search.create_index_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def drop_index(apps: Any, schema_editor: Any) -> None:
    for statement in search.drop_index_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0001_vacancy_bank")]

    operations = [migrations.RunPython(create_index, drop_index)]
