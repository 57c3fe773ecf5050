from __future__ import annotations

from typing import Any

import pytest

from wijkbasis.core import daily


def test_a_failing_daily_job_does_not_stop_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []

    def broken() -> None:
        raise RuntimeError("kapot")

    def second() -> int:
        ran.append("tweede")
        return 3

    monkeypatch.setattr(daily, "_JOBS", {"eerste": broken, "tweede": second})
    results: dict[str, Any] = daily.run_jobs()
    assert results == {"eerste": "failed", "tweede": 3}
    assert ran == ["tweede"]


def test_every_app_registers_its_daily_work() -> None:
    assert {"purge_expired", "vacancies", "saved_search_emails"} <= set(daily.registered_jobs())
