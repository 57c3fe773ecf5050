"""Database objects that models cannot declare — triggers, functions, full-text tables — in one way.

An app declares its objects once, as a `VendorSQL`: idempotent create statements and drop
statements per database vendor, and the table they belong to. Then:

- its migration installs them: `operations = [ACCESS_LOG_GUARDS.migration()]`;
- its `AppConfig.ready()` calls `ACCESS_LOG_GUARDS.repair_after_migrate(self)`: a later migration
  that rebuilds the table on SQLite (which it does for many column changes) drops its triggers,
  and running the create statements again after every `migrate` puts them back;
- a management command may `install(connection)` the same statements to repair by hand, and
  `lifted(connection)` takes them away for the duration of a block (a flush).

A vendor without statements (neither SQLite nor PostgreSQL) gets none: the app decides whether
it can work without them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.apps import AppConfig
from django.db import migrations
from django.db.models.signals import post_migrate


@dataclass(frozen=True)
class VendorSQL:
    #: What the statements make, for the dispatch uid and in messages: "access log guards".
    name: str
    #: The table the objects belong to: they are repaired only where it exists.
    table: str
    #: Per vendor ("sqlite", "postgresql"): statements that may run again and again.
    create: Mapping[str, Sequence[str]]
    drop: Mapping[str, Sequence[str]]

    def create_statements(self, vendor: str) -> list[str]:
        return list(self.create.get(vendor, ()))

    def drop_statements(self, vendor: str) -> list[str]:
        return list(self.drop.get(vendor, ()))

    def install(self, connection: Any) -> None:
        with connection.cursor() as cursor:
            for statement in self.create_statements(connection.vendor):
                cursor.execute(statement)

    def uninstall(self, connection: Any) -> None:
        with connection.cursor() as cursor:
            for statement in self.drop_statements(connection.vendor):
                cursor.execute(statement)

    def migration(self) -> migrations.RunPython:
        """The migration operation: create forwards, drop backwards (shown by `sqlmigrate` too)."""

        def forwards(apps: Any, schema_editor: Any) -> None:
            for statement in self.create_statements(schema_editor.connection.vendor):
                schema_editor.execute(statement)

        def backwards(apps: Any, schema_editor: Any) -> None:
            for statement in self.drop_statements(schema_editor.connection.vendor):
                schema_editor.execute(statement)

        return migrations.RunPython(forwards, backwards)

    def repair_after_migrate(self, app_config: AppConfig) -> None:
        """Run the create statements again after every `migrate` of this app (idempotent)."""

        def repair(using: str = "default", **kwargs: object) -> None:
            from django.db import connections

            connection = connections[using]
            if self.table in connection.introspection.table_names():
                self.install(connection)

        # weak=False: the receiver is a closure that nothing else holds.
        post_migrate.connect(repair, sender=app_config, weak=False, dispatch_uid=f"wijkbasis vendor sql: {self.name}")

    @contextmanager
    def lifted(self, connection: Any) -> Iterator[None]:
        """Without the objects for the duration of the block; back afterwards, also after an error."""
        if self.table not in connection.introspection.table_names():
            yield
            return
        self.uninstall(connection)
        try:
            yield
        finally:
            self.install(connection)
