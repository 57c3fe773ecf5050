"""Factories and small helpers for Buurtservice's tests (and the permission matrix's samples)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import factory
from django.utils import timezone
from PIL import Image

from wijkbasis.accounts.tests.factories import ResidentFactory
from wijkbasis.buurtservice import availability
from wijkbasis.buurtservice.models import (
    CertificateKind,
    EligibilityCriterion,
    JobCategory,
    Origin,
    Service,
    Skill,
    Worker,
)
from wijkbasis.core.tests.factories import ModelFactory


def tiny_jpeg(size: tuple[int, int] = (4, 3), colour: str = "green", exif: bytes | None = None) -> bytes:
    output = io.BytesIO()
    image = Image.new("RGB", size, colour)
    if exif is not None:
        image.save(output, format="JPEG", exif=exif)
    else:
        image.save(output, format="JPEG")
    return output.getvalue()


class ServiceFactory(ModelFactory[Service]):
    class Meta:
        model = Service
        django_get_or_create = ("municipality",)

    name = "Buurtservice"
    phone = "0575 000 300"


class SkillFactory(ModelFactory[Skill]):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Vaardigheid {n}")
    slug = factory.Sequence(lambda n: f"vaardigheid-{n}")


class CategoryFactory(ModelFactory[JobCategory]):
    class Meta:
        model = JobCategory
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Klus {n}")
    slug = factory.Sequence(lambda n: f"klus-{n}")
    typical_hours = 2
    crew_size = 2


class CertificateKindFactory(ModelFactory[CertificateKind]):
    class Meta:
        model = CertificateKind
        django_get_or_create = ("slug",)

    name = "VOG"
    slug = "vog"
    is_conduct_certificate = True
    valid_years = 3


class OriginFactory(ModelFactory[Origin]):
    class Meta:
        model = Origin
        django_get_or_create = ("slug",)

    name = "GelreWerkt"
    slug = "gelrewerkt"


class CriterionFactory(ModelFactory[EligibilityCriterion]):
    class Meta:
        model = EligibilityCriterion

    question = factory.Sequence(lambda n: f"Vraag {n}?")
    short_label = factory.Sequence(lambda n: f"vraag {n}")


class WorkerFactory(ModelFactory[Worker]):
    """A crew member, available on weekdays, who started a while ago."""

    class Meta:
        model = Worker
        skip_postgeneration_save = True

    resident = factory.SubFactory(ResidentFactory)
    kind = Worker.Kind.VOLUNTEER
    started_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))
    availability = availability.EVERY_WEEKDAY | availability.from_days_and_parts([5, 6], [0, 1])

    @factory.post_generation
    def skills(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.skills.set(extracted)
