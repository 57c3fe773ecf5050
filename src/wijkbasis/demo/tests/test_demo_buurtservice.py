"""Buurtservice's demo: a year of plausible history, so the waiting list, the estimates and the
charts mean something; the seed's WMO examples; het Ketelhuis with its other users; a coordinator
and a crew member with work today. Idempotent, and every person fictional."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db.models import Count
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(zutphen: Any, settings: Any, tmp_path: Any) -> Any:
    from wijkbasis.demo.services import load_demo

    settings.BUURTSERVICE_PHOTO_ROOT = tmp_path
    load_demo()
    return zutphen


def test_a_year_of_history_makes_the_waiting_list_and_the_estimates_mean_something(demo: Any) -> None:
    from wijkbasis.buurtservice import selectors
    from wijkbasis.buurtservice.models import Request, Service

    service = Service.objects.get(municipality=demo)
    today = timezone.localdate()
    statuses = dict(Request.objects.filter(service=service).values_list("status").annotate(n=Count("id")).order_by())
    assert statuses["evaluated"] > 100 and statuses["accepted"] >= 20 and statuses["declined"] > 5
    oldest = Request.objects.filter(service=service).order_by("created_at")[0]
    assert (today - timezone.localdate(oldest.created_at)).days > 330
    assert len(selectors.waiting_list(service.pk)) == statuses["accepted"]
    per_week = selectors.throughput(service.pk)
    assert sum(per_week.values()) > 2  # jobs started per week lately, over every kind
    estimates = selectors.estimates_for(service.pk)
    assert estimates and all(estimate.known for estimate in estimates.values())
    figures = selectors.buurtservice_figures(municipality_id=demo.pk, start=today - dt.timedelta(days=365), end=today)
    assert figures.done > 100 and figures.wmo_done > 10
    assert figures.months[-2].waiting_at_end > figures.months[0].waiting_at_end  # the list grew, as in the seed
    assert all(month.median_days_waited is not None for month in figures.months[:-1])


def test_new_workers_by_kind_and_origin_come_from_the_crews_records(demo: Any) -> None:
    from wijkbasis.buurtservice import selectors
    from wijkbasis.buurtservice.models import Worker

    today = timezone.localdate()
    half_year = today - dt.timedelta(days=182)
    figures = selectors.buurtservice_figures(municipality_id=demo.pk, start=half_year, end=today)
    expected: dict[tuple[str, str], int] = {}
    for kind, origin in Worker.objects.filter(started_on__gte=half_year, started_on__lte=today).values_list(
        "kind", "origin__name"
    ):
        expected[(kind, origin)] = expected.get((kind, origin), 0) + 1
    assert dict(figures.new_workers) == expected
    # As in the 2023 report: volunteers from the AZC, interns from HAN Social Work, the neighbourhood, the ESC.
    assert figures.new_workers[("volunteer", "AZC Zutphen")] == 8
    assert figures.new_workers[("intern", "HAN Social Work")] == 2
    assert figures.new_workers[("volunteer", "European Solidarity Corps (St. Felis)")] == 1
    assert figures.new_volunteers_from_vacancies == 2  # placements in the vacancy bank, not typed in
    assert set(figures.outcomes) >= {"paid_work", "education"}


def test_the_seeds_wmo_jobs_and_het_ketelhuis(demo: Any) -> None:
    from wijkbasis.areas.models import Place
    from wijkbasis.buurtservice.models import JobCategory, Request

    wmo = set(JobCategory.objects.filter(is_wmo=True).values_list("name", flat=True))
    assert wmo == {
        "WMO: drempel plaatsen",
        "WMO: overkapping scootmobiel",
        "WMO: beugels ophangen",
        "WMO: tuin aanpassen voor scootmobiel",
    }
    assert not Request.objects.filter(is_wmo=True, wmo_reference="").exists()
    ketelhuis = Place.objects.get(slug="het-ketelhuis")
    assert {"Moeders voor Moeders", "Naaiatelier De Gouden Draad (Werkmakers)"} <= set(
        ketelhuis.also_used_by.values_list("name", flat=True)
    )


def test_the_coordinator_and_the_crew_member_have_work_today_and_it_loads_twice(demo: Any) -> None:
    from wijkbasis.buurtservice.models import Assignment, Request, Worker
    from wijkbasis.demo.buurtservice import CREW_EMAIL
    from wijkbasis.demo.services import load_demo

    today = timezone.localdate()
    assert Assignment.objects.filter(worker__resident__user__email=CREW_EMAIL, visit__date=today).count() == 2
    counts = (Request.objects.count(), Worker.objects.count(), Assignment.objects.count())
    load_demo()
    assert (Request.objects.count(), Worker.objects.count(), Assignment.objects.count()) == counts
    mine = Request.objects.filter(resident__user__email="bewoner@example.org")
    assert set(mine.values_list("status", flat=True)) == {"accepted", "done"}


def test_nobody_in_the_history_can_be_reached_for_real(demo: Any) -> None:
    from wijkbasis.buurtservice.models import Request, Worker

    phones = set(Request.objects.values_list("phone", flat=True)) | set(
        Worker.objects.values_list("resident__phone", flat=True)
    )
    assert phones and all(phone.startswith("0575 0") for phone in phones if phone)
    emails = set(Worker.objects.exclude(resident__email="").values_list("resident__email", flat=True))
    assert all(email.endswith("example.org") for email in emails)
