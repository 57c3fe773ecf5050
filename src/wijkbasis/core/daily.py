"""Jobs that run once a day from the task worker. Apps register theirs in `ready()`.

One task, `run_daily_jobs`, runs every registered job (a failing job is logged and does not
stop the others) and then schedules itself for the next night, so exactly one run waits in
the queue. `wijkbasis worker` makes sure it is scheduled when the worker starts."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)
DAILY_AT = dt.time(3, 30)

_JOBS: dict[str, Callable[[], Any]] = {}


def register_daily(name: str, job: Callable[[], Any]) -> None:
    _JOBS[name] = job


def registered_jobs() -> dict[str, Callable[[], Any]]:
    return dict(_JOBS)


def next_daily_run(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    run = local.replace(hour=DAILY_AT.hour, minute=DAILY_AT.minute, second=0, microsecond=0)
    if run <= local:
        run += dt.timedelta(days=1)
    return run


def run_jobs() -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, job in _JOBS.items():
        try:
            results[name] = job()
        except Exception:  # one broken job must not stop the clean-up of personal data
            logger.exception("Daily job %s failed", name)
            results[name] = "failed"
    return results


@task(queue_name="default")
def run_daily_jobs() -> dict[str, Any]:
    results = run_jobs()
    logger.info("Daily jobs: %s", results)
    schedule_daily_jobs()
    return {name: str(value) for name, value in results.items()}


def schedule_daily_jobs() -> None:
    """Make sure exactly one next run is waiting in the queue."""
    from django_tasks_db.models import DBTaskResult

    path = f"{run_daily_jobs.func.__module__}.{run_daily_jobs.func.__qualname__}"
    if DBTaskResult.objects.filter(task_path=path, status="READY").exists():
        return
    run_daily_jobs.using(run_after=next_daily_run(timezone.now())).enqueue()
