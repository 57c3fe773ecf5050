"""The access log becomes append-only in the database itself; the cache table for rate limits."""

from django.core.management import call_command
from django.db import migrations

from wijkbasis.core import guards


def install_guards(apps, schema_editor):
    for statement in guards.create_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def remove_guards(apps, schema_editor):
    for statement in guards.drop_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_access_log_and_form_keys")]

    operations = [
        migrations.RunPython(install_guards, remove_guards),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
