"""The access log becomes append-only in the database itself; the cache table for rate limits."""

from django.core.management import call_command
from django.db import migrations

from wijkbasis.core import guards


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_access_log_and_form_keys")]

    operations = [
        guards.ACCESS_LOG_GUARDS.migration(),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
