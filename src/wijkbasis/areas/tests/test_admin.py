"""The management site: every areas page opens for an administrator, in Dutch."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import login
from django.urls import reverse

from wijkbasis.accounts.models import User
from wijkbasis.areas.models import District, Municipality, NeighbourhoodTeam, Place, TeamMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_nl(client: Any) -> Any:
    admin = User.objects.create_superuser("beheer@example.org", "een-lang-wachtwoord")
    return login(client, admin)


@pytest.mark.parametrize(
    "model", [Municipality, District, NeighbourhoodTeam, TeamMember, Place], ids=lambda model: model.__name__
)
def test_changelist_search_and_change_pages_open(admin_client_nl: Any, zutphen: Any, model: Any) -> None:
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client_nl.get(changelist).status_code == 200
    assert admin_client_nl.get(changelist, {"q": "Zutphen"}).status_code == 200
    obj = model.objects.first()
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert admin_client_nl.get(change).status_code == 200
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    assert admin_client_nl.get(add).status_code == 200


def test_admin_labels_are_dutch(admin_client_nl: Any, zutphen: Any) -> None:
    page = admin_client_nl.get(reverse("admin:areas_teammember_changelist")).content.decode()
    assert "teamleden" in page.lower()
    assert "sociaal makelaar" in page


def test_admin_adds_a_team_member(admin_client_nl: Any, zutphen: Any) -> None:
    team = NeighbourhoodTeam.objects.get(slug="waterkwartier")
    response = admin_client_nl.post(
        reverse("admin:areas_teammember_add"),
        {
            "team": team.pk,
            "name": "Nieuwe Collega",
            "slug": "nieuwe-collega",
            "role": "social_worker",
            "is_public": "on",
            "sort_order": "0",
            "walk_in_hours-TOTAL_FORMS": "0",
            "walk_in_hours-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert team.members.filter(slug="nieuwe-collega").exists()


def test_admin_adds_a_user_by_email(admin_client_nl: Any) -> None:
    response = admin_client_nl.post(
        reverse("admin:accounts_user_add"),
        {"email": "Nieuw@Example.org", "name": "Nieuw", "usable_password": "false"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(email="nieuw@example.org").exists()
