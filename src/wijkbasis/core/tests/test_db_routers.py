"""Reports read from the replica when one is configured; everything else, and every write, uses
the primary."""

from __future__ import annotations

import datetime as dt
from typing import Any

from wijkbasis.accounts.models import Resident
from wijkbasis.core.db_routers import REPLICA, ReportingReplicaRouter, reads_from_replica

router = ReportingReplicaRouter()


def _databases(monkeypatch: Any, *aliases: str) -> None:
    """What the router sees as settings.DATABASES (the test run itself keeps its one database)."""
    fake = type("Settings", (), {"DATABASES": {alias: {} for alias in aliases}})()
    monkeypatch.setattr("wijkbasis.core.db_routers.settings", fake)


def test_reads_go_to_the_replica_only_inside_a_report(monkeypatch: Any) -> None:
    _databases(monkeypatch, "default", REPLICA)

    assert router.db_for_read(Resident) is None  # the primary
    with reads_from_replica():
        assert router.db_for_read(Resident) == REPLICA
        assert router.db_for_write(Resident) == "default"
        with reads_from_replica():
            assert router.db_for_read(Resident) == REPLICA
        assert router.db_for_read(Resident) == REPLICA
    assert router.db_for_read(Resident) is None


def test_without_a_replica_reports_read_from_the_primary(monkeypatch: Any) -> None:
    _databases(monkeypatch, "default")

    with reads_from_replica():
        assert router.db_for_read(Resident) is None


def test_migrations_run_on_the_primary_only() -> None:
    assert router.allow_migrate("default", "accounts") is True
    assert router.allow_migrate(REPLICA, "accounts") is False


def test_the_figures_are_read_inside_the_replica_block(monkeypatch: Any) -> None:
    from wijkbasis.reporting import selectors

    seen: list[str | None] = []
    monkeypatch.setattr(selectors, "visible_municipalities", lambda user: ["m"])
    monkeypatch.setattr(
        selectors, "municipality_figures", lambda municipality, period: seen.append(router.db_for_read(Resident))
    )
    _databases(monkeypatch, "default", REPLICA)

    from wijkbasis.reporting.forms import Period

    selectors.figures_report(None, Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31)))

    assert seen == [REPLICA]
