"""Full-text search index of vacancies: FTS5 on SQLite, tsvector with GIN on PostgreSQL.

A trigger removes a deleted vacancy's row on both. PostgreSQL has no foreign key to the vacancy
table: Django's flush (between transactional tests) truncates that table without CASCADE, which
a foreign key refuses; a truncate trigger empties the index instead.

The SQL lives in volunteering/search.py (SEARCH_INDEX, a core.vendor_sql.VendorSQL), next to the
code that reads and writes the index; the app runs the same idempotent statements after every
migrate, and `wijkbasis reindex-vacancies` on demand, to repair a trigger that a rebuild of the
vacancy table dropped (SQLite drops triggers with the table).
"""

from django.db import migrations

from wijkbasis.volunteering import search


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0001_vacancy_bank")]

    operations = [search.SEARCH_INDEX.migration()]
