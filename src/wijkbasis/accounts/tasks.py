"""Daily jobs, run by the task worker (`wijkbasis worker`)."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from wijkbasis.accounts.services import purge_expired

logger = logging.getLogger(__name__)
DAILY_AT = dt.time(3, 30)


def next_daily_run(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    run = local.replace(hour=DAILY_AT.hour, minute=DAILY_AT.minute, second=0, microsecond=0)
    if run <= local:
        run += dt.timedelta(days=1)
    return run


@task(queue_name="default")
def purge_expired_daily() -> dict[str, int]:
    """Remove expired personal data, then schedule itself for the next night."""
    counts = purge_expired()
    logger.info("Purged expired personal data: %s", counts)
    schedule_daily_purge()
    return counts


def schedule_daily_purge() -> None:
    """Make sure exactly one next run is waiting in the queue."""
    from django_tasks_db.models import DBTaskResult

    path = f"{purge_expired_daily.func.__module__}.{purge_expired_daily.func.__qualname__}"
    if DBTaskResult.objects.filter(task_path=path, status="READY").exists():
        return
    purge_expired_daily.using(run_after=next_daily_run(timezone.now())).enqueue()
