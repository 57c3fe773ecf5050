"""`flush` that can empty the append-only access log too.

Django's flush wipes every table; the test runner uses it between browser tests. On SQLite
it deletes row by row, which the access log's guard trigger refuses (PostgreSQL truncates,
which row triggers do not see). Flushing is a whole-database reset by an operator, not a
path the application offers, so the guard is lifted for the flush only and restored after.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from wijkbasis.core.guards import ACCESS_LOG_GUARDS


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        with ACCESS_LOG_GUARDS.lifted(connection):
            super().handle(**options)
