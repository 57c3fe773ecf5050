"""Retention of accounts: the last sign of life counts, and sign-ups never confirmed expire within days."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client
from django.utils import timezone

from wijkbasis.accounts import services
from wijkbasis.accounts.models import Resident, User
from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import NeighbourhoodTeam
from wijkbasis.core.access_log import Action, actor_for, log_access

pytestmark = pytest.mark.django_db

YEAR = dt.timedelta(days=365)


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    from django.core.cache import cache

    cache.clear()


def _sign_up(email: str) -> User:
    response = Client().post("/account/signup/", {"email": email})
    assert response.status_code == 302
    return User.objects.get(email=email)


def test_a_sign_up_never_confirmed_expires_with_its_record_after_some_days(zutphen: Any, settings: Any) -> None:
    settings.UNVERIFIED_SIGNUP_DAYS = 7
    now = timezone.now()
    with time_machine.travel(now - dt.timedelta(days=8), tick=False):
        typed = _sign_up("iemand.anders@example.org")
        confirmed = _sign_up("zelf@example.org")
        EmailAddress.objects.filter(user=confirmed).update(verified=True)
    with time_machine.travel(now - dt.timedelta(days=6), tick=False):
        recent = _sign_up("net.aangemeld@example.org")
    assert Resident.objects.filter(user=typed, source=Resident.Source.SIGN_UP).exists()
    record = typed.resident.pk

    with time_machine.travel(now, tick=False):
        counts = services.purge_expired()

    assert not User.objects.filter(pk=typed.pk).exists()
    assert not Resident.objects.filter(pk=record).exists()
    assert not EmailAddress.objects.filter(email="iemand.anders@example.org").exists()
    assert counts["accounts.User"] == 1 and counts["accounts.Resident"] == 1
    # Confirmed, or still within the days it may take: kept.
    assert User.objects.filter(pk__in=[confirmed.pk, recent.pk]).count() == 2
    assert Resident.objects.filter(user__in=[confirmed, recent]).count() == 2


def test_an_account_an_administrator_made_is_no_unconfirmed_sign_up(zutphen: Any) -> None:
    team = NeighbourhoodTeam.objects.get(slug="waterkwartier")
    with time_machine.travel(timezone.now() - dt.timedelta(days=60), tick=False):
        no_address_yet = User.objects.create_user(email="nieuwe.collega@perspectief.example.org")
        member = staff_user(team)  # a role given, the address not confirmed yet
        EmailAddress.objects.filter(user=member).update(verified=False)
    services.purge_expired()
    assert User.objects.filter(pk__in=[no_address_yet.pk, member.pk]).count() == 2


def test_retention_counts_from_the_last_sign_of_life(zutphen: Any) -> None:
    now = timezone.now()
    with time_machine.travel(now - 4 * YEAR, tick=False):
        never_logged_in = UserFactory()  # joined four years ago: last_login is NULL
        logged_in_long_ago = UserFactory(last_login=timezone.now())
        still_uses_the_site = UserFactory(last_login=timezone.now())
        services.ensure_resident_for_user(user=still_uses_the_site)
        Authenticator.objects.create(user=never_logged_in, type=Authenticator.Type.RECOVERY_CODES, data={})
        joined_long_ago = UserFactory()
    with time_machine.travel(now - YEAR, tick=False):
        # Looking at their own data on a remembered device: no new login, but a sign of life.
        log_access(Action.VIEW, still_uses_the_site.resident, purpose="own_data", actor=actor_for(still_uses_the_site))
        joined_long_ago.last_login = timezone.now()
        joined_long_ago.save()

    with time_machine.travel(now, tick=False):
        services.purge_expired()

    assert not User.objects.filter(pk__in=[never_logged_in.pk, logged_in_long_ago.pk]).exists()
    assert not Authenticator.objects.filter(user_id=never_logged_in.pk).exists()
    assert not EmailAddress.objects.filter(user_id=logged_in_long_ago.pk).exists()
    assert User.objects.filter(pk__in=[still_uses_the_site.pk, joined_long_ago.pk]).count() == 2


def test_a_dry_run_counts_what_would_go(zutphen: Any) -> None:
    with time_machine.travel(timezone.now() - 4 * YEAR, tick=False):
        user = UserFactory()
    counts = services.purge_expired(dry_run=True)
    assert counts["accounts.User"] == 1 and counts["account.EmailAddress"] == 1
    assert User.objects.filter(pk=user.pk).exists()
