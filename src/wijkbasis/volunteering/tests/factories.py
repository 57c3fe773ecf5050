"""factory_boy factories of the vacancy bank. Vacancies and responses are made through the
services (slug, location, index, follow-ups, events), as the application makes them:

    VacancyFactory(organisation=organisation, skills=[gardening])          # published
    VacancyFactory(publish=False, where=Vacancy.Where.CITY_WIDE)          # a draft
    ResponseFactory(vacancy=vacancy)                                       # a form without an account
    ResponseFactory(vacancy=vacancy, user=user)                            # with an account
"""

from __future__ import annotations

from typing import Any

import factory
from django.utils.text import slugify

from wijkbasis.accounts.tests.factories import ResidentFactory, UserFactory
from wijkbasis.areas.models import District
from wijkbasis.areas.tests.factories import OrganisationFactory
from wijkbasis.core.tests.factories import ModelFactory
from wijkbasis.volunteering import services
from wijkbasis.volunteering.models import NotMatchedReason, Response, SavedSearch, Skill, TalentProfile, Vacancy


class SkillFactory(ModelFactory[Skill]):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Vaardigheid {n}")
    slug = factory.LazyAttribute(lambda skill: slugify(skill.name))
    category = Skill.Category.HANDS


class NotMatchedReasonFactory(ModelFactory[NotMatchedReason]):
    class Meta:
        model = NotMatchedReason
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Reden {n}")


def _default_districts() -> list[District]:
    """Waterkwartier when Zutphen is loaded (the `zutphen` fixture), else none."""
    return list(District.objects.filter(code="WK030101"))


class VacancyFactory(ModelFactory[Vacancy]):
    """Saved with services.save_vacancy and, unless `publish=False`, submitted (published at once
    for an approved organisation). `districts` defaults to Waterkwartier; `by` to a new user."""

    class Meta:
        model = Vacancy

    organisation = factory.SubFactory(OrganisationFactory)
    title = "Dieren verzorgen"
    description = "Je helpt met het voeren en verzorgen van de dieren."
    where = Vacancy.Where.DISTRICTS
    contact_name = "Els"
    contact_email = "els@example.org"

    @classmethod
    def _create(cls, model_class: type[Vacancy], *args: Any, **kwargs: Any) -> Vacancy:
        districts = kwargs.pop("districts", None)
        skills = kwargs.pop("skills", None) or []
        publish = kwargs.pop("publish", True)
        by = kwargs.pop("by", None) or UserFactory()
        vacancy = services.save_vacancy(
            vacancy=model_class(*args, **kwargs),
            by=by,
            districts=districts if districts is not None else _default_districts(),
            skills=skills,
        )
        return services.submit_vacancy(vacancy=vacancy, by=by) if publish else vacancy


class ResponseFactory(ModelFactory[Response]):
    """services.respond: by `user` (an account), for a known `resident` (`recorded_by` a team
    member who may see them), or else as a form without an account (name, e-mail, phone)."""

    class Meta:
        model = Response

    vacancy = factory.SubFactory(VacancyFactory)
    message = ""
    # Without an account: who responds.
    name = factory.Sequence(lambda n: f"Vrijwilliger {n}")
    email = factory.Sequence(lambda n: f"vrijwilliger{n}@example.org")
    phone = ""
    postcode = ""

    @classmethod
    def _create(cls, model_class: type[Response], *args: Any, **kwargs: Any) -> Response:
        vacancy = kwargs.pop("vacancy")
        user = kwargs.pop("user", None)
        resident = kwargs.pop("resident", None)
        recorded_by = kwargs.pop("recorded_by", None)
        respondent = services.Respondent(
            name=kwargs.pop("name"),
            email=kwargs.pop("email"),
            phone=kwargs.pop("phone"),
            postcode=kwargs.pop("postcode"),
        )
        response, _created = services.respond(
            vacancy=vacancy,
            message=kwargs.pop("message", ""),
            user=user,
            respondent=respondent if user is None and resident is None else None,
            resident=resident,
            recorded_by=recorded_by,
        )
        return response


class TalentProfileFactory(ModelFactory[TalentProfile]):
    class Meta:
        model = TalentProfile
        skip_postgeneration_save = True

    resident = factory.SubFactory(ResidentFactory)
    visibility = TalentProfile.Visibility.BROKERS

    @factory.post_generation
    def skills(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.skills.set(extracted)

    @factory.post_generation
    def interests(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.interests.set(extracted)

    @factory.post_generation
    def districts(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.districts.set(extracted)


class SavedSearchFactory(ModelFactory[SavedSearch]):
    class Meta:
        model = SavedSearch

    email = factory.Sequence(lambda n: f"zoeker{n}@example.org")
    query = "wijk=waterkwartier"
    label = "in Waterkwartier"
