from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from wijkbasis.accounts.models import User
from wijkbasis.accounts.tests.factories import staff_user
from wijkbasis.areas.models import District, NeighbourhoodTeam, Place
from wijkbasis.buurtservice import services
from wijkbasis.buurtservice.models import JobCategory, Request, Service, Skill, Worker
from wijkbasis.buurtservice.tests.factories import (
    CategoryFactory,
    CertificateKindFactory,
    SkillFactory,
    WorkerFactory,
)


@pytest.fixture(autouse=True)
def photo_root(tmp_path: Path, settings: Any) -> Path:
    """Photos of these tests go to a temporary folder, never to ./var."""
    settings.BUURTSERVICE_PHOTO_ROOT = tmp_path / "photos"
    settings.SMS_BACKEND = "wijkbasis.buurtservice.sms.MemoryBackend"
    from wijkbasis.buurtservice.sms import MemoryBackend

    MemoryBackend.outbox = []
    root: Path = settings.BUURTSERVICE_PHOTO_ROOT
    return root


@pytest.fixture
def team(zutphen: Any) -> NeighbourhoodTeam:
    return NeighbourhoodTeam.objects.get(slug="waterkwartier")


@pytest.fixture
def other_team(zutphen: Any) -> NeighbourhoodTeam:
    return NeighbourhoodTeam.objects.get(slug="zuidwijken-warnsveld-leesten")


@pytest.fixture
def waterkwartier(zutphen: Any) -> District:
    return District.objects.get(code="WK030101")


@pytest.fixture
def service(zutphen: Any) -> Service:
    return Service.objects.create(
        municipality=zutphen, phone="0575 000 300", base=Place.objects.filter(slug="het-ketelhuis").first()
    )


@pytest.fixture
def coordinator(team: NeighbourhoodTeam) -> User:
    return staff_user(team, role="coordinator", name="Ruud Coördinator")


@pytest.fixture
def other_coordinator(other_team: NeighbourhoodTeam) -> User:
    return staff_user(other_team, role="coordinator", name="Olga Anderteam")


@pytest.fixture
def garden(db: None) -> Skill:
    return SkillFactory(name="Tuinwerk", slug="tuinwerk")


@pytest.fixture
def category(garden: Skill) -> JobCategory:
    kind = CategoryFactory(name="Tuin", slug="tuin", typical_hours=2, crew_size=2, what_to_bring="Snoeischaar")
    kind.required_skills.set([garden])
    return kind


@pytest.fixture
def worker(service: Service, garden: Skill) -> Worker:
    """A volunteer with the garden skill and a VOG, available on weekdays."""
    person = WorkerFactory(service=service, skills=[garden], resident__name="Wim Werker")
    services.add_certificate(
        worker=person, kind=CertificateKindFactory(), obtained_on=timezone.localdate() - dt.timedelta(days=100)
    )
    return person


def next_weekday(days: int = 1) -> dt.date:
    day = timezone.localdate() + dt.timedelta(days=days)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def phone_request(
    service: Service,
    coordinator: User,
    team: NeighbourhoodTeam,
    category: JobCategory,
    district: District | None,
    *,
    name: str = "Truus Tuinvraag",
    accept: bool = False,
    **job: Any,
) -> Request:
    request = services.take_request_by_phone(
        service=service,
        by=coordinator,
        team=team,
        job=services.JobDetails(category=category, description="De heg snoeien.", street="Dijkstraat", **job),
        person=services.Person(name=name, phone="0612345678"),
        district=district,
    )
    if accept:
        request = services.decide(request=request, by=coordinator, accept=True)
    return request
