"""Database triggers that keep the access log append-only, for SQLite and PostgreSQL.

Updates are always refused. Deletes are refused for entries younger than the retention
period of the access log, so `purge-expired` can remove old entries and nothing else can.
The period is fixed in the trigger; a test checks it equals the registered retention.
Installed and repaired through `core.vendor_sql` (see ACCESS_LOG_GUARDS).
"""

from __future__ import annotations

from wijkbasis.core.vendor_sql import VendorSQL

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


ACCESS_LOG_GUARDS = VendorSQL(
    name="access log guards",
    table=TABLE,
    create={"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE},
    drop={"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP},
)
