"""Database triggers that keep the access log append-only, for SQLite and PostgreSQL.

Updates are always refused. Deletes are refused for entries younger than the retention
period of the access log, so `purge-expired` can remove old entries and nothing else can.
The period is fixed in the trigger; a test checks it equals the registered retention.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

ACCESS_LOG_RETENTION_DAYS = 730
TABLE = "core_accesslogentry"

SQLITE_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
        WHEN OLD.occurred_at > datetime('now', '-{ACCESS_LOG_RETENTION_DAYS} days')
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END""",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_no_update", f"DROP TRIGGER IF EXISTS {TABLE}_no_delete"]

POSTGRES_CREATE = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_guard() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'UPDATE' THEN
            RAISE EXCEPTION 'the access log is append-only';
          END IF;
          IF OLD.occurred_at > now() - interval '{ACCESS_LOG_RETENTION_DAYS} days' THEN
            RAISE EXCEPTION 'the access log is append-only';
          END IF;
          RETURN OLD;
        END; $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS {TABLE}_guard ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_guard BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {TABLE}_guard()""",
]
POSTGRES_DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_guard ON {TABLE}", f"DROP FUNCTION IF EXISTS {TABLE}_guard()"]


def create_statements(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(vendor, [])


def drop_statements(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, [])


def install(connection: Any) -> None:
    with connection.cursor() as cursor:
        for statement in create_statements(connection.vendor):
            cursor.execute(statement)


def uninstall(connection: Any) -> None:
    with connection.cursor() as cursor:
        for statement in drop_statements(connection.vendor):
            cursor.execute(statement)


@contextmanager
def access_log_guards_lifted(connection: Any) -> Iterator[None]:
    if TABLE not in connection.introspection.table_names():
        yield
        return
    uninstall(connection)
    try:
        yield
    finally:
        install(connection)
