from __future__ import annotations

from typing import Any

import factory
from allauth.account.models import EmailAddress

from wijkbasis.accounts.models import Resident, User
from wijkbasis.areas.models import TeamMember
from wijkbasis.core.tests.factories import ModelFactory


class UserFactory(ModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    name = factory.Sequence(lambda n: f"Persoon {n}")

    @factory.post_generation
    def verified_email(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ResidentFactory(ModelFactory[Resident]):
    class Meta:
        model = Resident

    name = factory.Sequence(lambda n: f"Inwoner {n}")
    phone = "0575 000 123"
    source = Resident.Source.ASSISTED


def staff_user(team: Any, role: str = TeamMember.Role.COMMUNITY_BROKER, **kwargs: Any) -> User:
    user = UserFactory(**kwargs)
    TeamMember.objects.create(team=team, user=user, name=user.name, slug=f"staff-{user.pk}", role=role)
    return user
