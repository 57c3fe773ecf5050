"""Reports read from a replica of the database when one is configured (DATABASE_REPLICA_URL).

Only reads inside `reads_from_replica()` go there: the reporting module wraps its figures in it.
Everything else, every write and every read of a page, uses the primary ("default"), so nobody
sees their own change missing because the replica lags a second behind. Migrations run on the
primary only; the replica follows it by streaming replication.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings

REPLICA = "replica"

_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Reads inside this block use the replica, if there is one; writes still go to the primary."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


class ReportingReplicaRouter:
    """settings.DATABASE_ROUTERS when DATABASE_REPLICA_URL is set."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if _reading_from_replica.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None  # the primary

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica holds the same rows as the primary: objects read from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool | None:
        return db != REPLICA
