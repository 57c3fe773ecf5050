"""The demo set-up: idempotent, and everything in it is fictional where it should be."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from wijkbasis.areas.models import District, NeighbourhoodTeam, OpeningHours, Place, TeamMember, WalkInHours
from wijkbasis.demo import data

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (District, NeighbourhoodTeam, TeamMember, Place, OpeningHours, WalkInHours)
    )


def test_demo_set_up_twice_duplicates_nothing() -> None:
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    first = _counts()
    call_command("demo", "--no-serve", stdout=StringIO())

    assert _counts() == first
    assert (first[0], first[1], first[3]) == (6, 3, len(data.PLACES))
    # The team members of demo/data.py, and the Buurtservice coordinator's place in the other two
    # teams (not on their public pages: Buurtservice works city-wide, demo/buurtservice.py).
    assert TeamMember.objects.filter(is_public=True).count() == len(data.MEMBERS)
    assert first[2] == len(data.MEMBERS) + TeamMember.objects.filter(is_public=False, role="coordinator").count()
    assert "6 wijken new" in out.getvalue()


def test_demo_teams_cover_the_wijken_of_the_seed_documents(zutphen: Any) -> None:
    coverage = {
        team.slug: sorted(team.districts.values_list("code", flat=True)) for team in NeighbourhoodTeam.objects.all()
    }
    assert coverage == {
        "zuidwijken-warnsveld-leesten": ["WK030103", "WK030104", "WK030105"],
        "waterkwartier": ["WK030101"],
        "centrum-de-hoven-noordveen": ["WK030100", "WK030102"],
    }
    # Every wijk has its team.
    assert not District.objects.filter(teams__isnull=True).exists()


def test_demo_people_cannot_be_reached_for_real(zutphen: Any) -> None:
    for member in TeamMember.objects.all():
        assert member.email.endswith("@perspectief.example.org")
        # Dutch subscriber numbers never start with 0 after the area code: 0575 0… is unused.
        assert member.phone.startswith("0575 000 ")


def test_unverified_demo_addresses_say_so(zutphen: Any) -> None:
    assert not Place.objects.filter(address_verified=True).exists()
    assert not Place.objects.exclude(street="").exists()


def test_demo_accounts_for_every_role(zutphen: Any) -> None:
    from allauth.mfa.models import Authenticator

    from wijkbasis.accounts.models import MunicipalityViewer, Resident, User
    from wijkbasis.demo.services import load_demo

    load_demo()
    load_demo()  # twice: nothing doubles
    assert not TeamMember.objects.filter(user__isnull=True).exists()
    staff = User.objects.filter(team_memberships__isnull=False).distinct()
    assert staff.count() == len(data.MEMBERS)
    assert Authenticator.objects.filter(user__in=staff, type="totp").count() == len(data.MEMBERS)
    assert User.objects.get(email=data.DEMO_ADMIN_EMAIL).is_superuser
    assert MunicipalityViewer.objects.filter(user__email=data.DEMO_VIEWER_EMAIL).count() == 1
    # (Buurtservice's demo adds its own history of residents taken in: demo/buurtservice.py.)
    names = [name for _code, name, _phone, _languages in data.RESIDENTS]
    assert Resident.objects.filter(source="assisted", name__in=names).count() == len(data.RESIDENTS)
