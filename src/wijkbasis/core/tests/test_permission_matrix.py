"""Every URL × every role against the permission matrix (core/permissions.py).

One world is built once per test: Zutphen with two teams (Waterkwartier is "own team", the
Zuidwijken/Warnsveld/Leesten team is "other team"), a user for each role, a resident taken in
by the Waterkwartier team, and an object of every model in the management site.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from conftest import login
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.text import slugify
from django_tasks_db.models import DBTaskResult

from wijkbasis.accounts.models import (
    Consent,
    MunicipalityViewer,
    OrganisationMembership,
    Resident,
    ResidentShare,
    User,
)
from wijkbasis.areas.models import District, NeighbourhoodTeam, Organisation, PostcodeArea, TeamMember
from wijkbasis.core.access_log import Action, log_access
from wijkbasis.core.models import AccessLogEntry
from wijkbasis.core.permissions import PRIVILEGED, REDIRECT, rule_for
from wijkbasis.core.roles import STAFF_ROLES, Role

pytestmark = pytest.mark.django_db


def url_names(patterns: list[Any] | None = None, namespace: str = "", prefix: str = "/") -> Iterator[tuple[str, Any]]:
    """Every URL in the URL configuration: (name, pattern). Unnamed patterns are named by
    their route, e.g. "admin:/beheer/areas/district/<path:object_id>/"."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            yield from url_names(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = pattern.name or prefix + str(pattern.pattern)
            yield (f"{namespace}:{name}" if namespace else name), pattern


@dataclass
class Identity:
    label: str
    role: Role
    user: User | None
    own_team: bool = True


@dataclass
class World:
    identities: list[Identity]
    resident: Resident
    samples: dict[str, Any]


def build_world(zutphen: Any) -> World:
    own = NeighbourhoodTeam.objects.get(slug="waterkwartier")
    other = NeighbourhoodTeam.objects.get(slug="zuidwijken-warnsveld-leesten")
    identities = [Identity("anonymous", Role.ANONYMOUS, None)]

    def user(email: str, **extra: Any) -> User:
        account = User.objects.create_user(email=email, name=email.split("@")[0], **extra)
        EmailAddress.objects.create(user=account, email=email, verified=True, primary=True)
        return account

    resident_user = user("inwoner.proef@example.org")
    Resident.objects.create(user=resident_user, name="Bewoner", source=Resident.Source.SIGN_UP)
    identities.append(Identity("resident", Role.RESIDENT, resident_user))

    organisation = Organisation.objects.create(municipality=zutphen, name="Kinderboerderij", slug="kinderboerderij")
    member = user("organisatie@example.org")
    OrganisationMembership.objects.create(user=member, organisation=organisation)
    identities.append(Identity("organisation member", Role.ORGANISATION_MEMBER, member))

    for team, own_team in ((own, True), (other, False)):
        for role in STAFF_ROLES:
            staff = user(f"{role}.{team.slug}@example.org")
            TeamMember.objects.create(team=team, user=staff, name=staff.name, slug=slugify(staff.name), role=role)
            identities.append(Identity(f"{role} ({'own' if own_team else 'other'} team)", role, staff, own_team))

    viewer = user("gemeente@example.org")
    MunicipalityViewer.objects.create(user=viewer, municipality=zutphen)
    identities.append(Identity("municipality viewer", Role.MUNICIPALITY_VIEWER, viewer))

    admin = user("beheer@example.org", is_staff=True, is_superuser=True)
    identities.append(Identity("administrator", Role.ADMINISTRATOR, admin))

    waterkwartier = District.objects.get(code="WK030101")
    resident = Resident.objects.create(
        name="Aad Inwoner",
        phone="0575 000 999",
        district=waterkwartier,
        intake_team=own,
        source=Resident.Source.ASSISTED,
    )
    Consent.objects.create(resident=resident, purpose="keep_details", method=Consent.Method.PHONE)
    ResidentShare.objects.create(resident=resident, team=own, reason="test")
    log_access(None, Action.VIEW, resident)
    Group.objects.create(name="Proefgroep")
    PostcodeArea.objects.create(postcode="7201AB", source="manual", retrieved_at="2026-01-01T00:00Z")
    LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(District),
        object_id=str(waterkwartier.pk),
        object_repr="Waterkwartier",
        action_flag=2,
    )
    spare = user("reserve@example.org")  # owns the sample authenticator, so no identity has one
    Authenticator.objects.create(
        user=spare, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "00", "used_mask": 0}
    )
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="x",
        backend_name="default",
        run_after="2026-01-01T00:00Z",
        queue_name="default",
        exception_class_path="",
        traceback="",
    )
    from wijkbasis.volunteering import services as volunteering
    from wijkbasis.volunteering.models import SavedSearch, Vacancy

    vacancy = volunteering.save_vacancy(
        vacancy=Vacancy(
            organisation=organisation,
            title="Dieren verzorgen",
            description="Help bij de kinderboerderij.",
            where=Vacancy.Where.DISTRICTS,
            contact_name="Contact",
            contact_email="contact@example.org",
        ),
        by=admin,
        districts=[waterkwartier],
    )
    vacancy = volunteering.submit_vacancy(vacancy=vacancy, by=admin)
    response, _created = volunteering.respond(vacancy=vacancy, user=resident_user, message="Ik help graag")
    # The sample response is of someone in the own team's wijk: the intake resident.
    response_of_own_wijk, _created = volunteering.respond(
        vacancy=vacancy, respondent=volunteering.Respondent(name="Bram", phone="0575 000 432"), recorded_by=admin
    )
    response_of_own_wijk.resident.district = waterkwartier
    response_of_own_wijk.resident.save()
    saved_search = SavedSearch.objects.create(email="lezer@example.org", query="wijk=waterkwartier", label="test")
    samples = {
        "areas:municipality": {"slug": "zutphen"},
        "areas:district": {"slug": "waterkwartier"},
        "areas:district_qr_svg": {"slug": "waterkwartier"},
        "areas:district_qr_png": {"slug": "waterkwartier"},
        "areas:district_poster": {"slug": "waterkwartier"},
        "areas:team": {"slug": "waterkwartier"},
        "areas:team_member": {"team_slug": "waterkwartier", "slug": "abdi-warsame"},
        "areas:place": {"slug": "hopwoning-waterkwartier"},
        "accounts:withdraw_consent": {"purpose": "contact"},
        "account_reset_password_from_key": {"uidb36": "1", "key": "ongeldig"},
        "mfa_remove_webauthn": {"pk": 999999},
        "mfa_edit_webauthn": {"pk": 999999},
        "media": {"path": "team/bestaat-niet.jpg"},
        "admin:app_list": {"app_label": "areas"},
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(District).pk,
            "object_id": waterkwartier.pk,
        },
        "resident": resident,
        "volunteering:org_vacancy_edit": {"pk": vacancy.pk},
        "volunteering:org_vacancy_close": {"pk": vacancy.pk},
        "volunteering:org_response": {"pk": response.pk},
        "volunteering:org_response_move": {"pk": response.pk},
        "volunteering:broker_response": {"pk": response_of_own_wijk.pk},
        "volunteering:broker_response_move": {"pk": response_of_own_wijk.pk},
        "volunteering:broker_response_note": {"pk": response_of_own_wijk.pk},
        "volunteering:candidates": {"pk": vacancy.pk},
        "volunteering:resident_suggestions": {"pk": resident.pk},
        "volunteering:review_organisation": {"pk": organisation.pk},
        "volunteering:review_vacancy": {"pk": vacancy.pk},
        "volunteering:follow_up_done": {"pk": 999999},
        "volunteering:vacancy": {"slug": vacancy.slug},
        "volunteering:respond": {"slug": vacancy.slug},
        "volunteering:respond_thanks": {"slug": vacancy.slug},
        "volunteering:confirm_search": {"token": saved_search.token},
        "volunteering:unsubscribe": {"token": saved_search.token},
        "volunteering:organisation": {"slug": organisation.slug},
    }
    return World(identities=identities, resident=resident, samples=samples)


def sample_url(name: str, pattern: Any, world: World) -> str:
    if name.startswith("admin:/"):
        # Unnamed admin route (the old-style object URL that redirects to the change page).
        route = name.removeprefix("admin:")
        if "(?P<url>" in route:
            return "/beheer/bestaat-niet/"  # the admin's catch-all for unknown addresses
        return route.replace("<path:object_id>", str(world.resident.pk))
    if name in world.samples:
        return reverse(name, kwargs=world.samples[name])
    params = set(pattern.pattern.converters) | set(pattern.pattern.regex.groupindex)
    if not params:
        return reverse(name)
    if params == {"pk"} and name.startswith("accounts:"):
        return reverse(name, kwargs={"pk": world.resident.pk})
    if name.startswith("admin:") and "object_id" in params:
        # admin:<app>_<model>_<view>: an existing object of that model.
        for model, _admin in __import__("django.contrib.admin", fromlist=["site"]).site._registry.items():
            prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
            if name.startswith(prefix):
                obj = model._default_manager.order_by("pk").first()
                return reverse(name, kwargs={"object_id": obj.pk if obj else 0})
    if name.startswith("admin:") and "id" in params:  # user password change
        return reverse(name, kwargs={"id": world.identities[-1].user.pk})
    raise AssertionError(f"No sample arguments for {name} ({sorted(params)}): add them to build_world()")


def expected_status(name: str, identity: Identity) -> int:
    rule = rule_for(name)
    assert rule is not None
    status = rule.expected(identity.role, own_team=identity.own_team)
    # Django admin specifics: read-only access log, POST-only logout, pages that need parameters.
    if identity.role == Role.ADMINISTRATOR and name.startswith("admin:"):
        read_only = ("core_accesslogentry", "django_tasks_database_dbtaskresult")
        if name in ("admin:autocomplete",) or any(
            name in (f"admin:{model}_add", f"admin:{model}_delete") for model in read_only
        ):
            return 403
        if "(?P<url>" in name:
            return 404
        if name == "admin:logout":
            return 405
        if name in ("admin:login", "admin:view_on_site") or name.startswith("admin:/"):
            return REDIRECT
    return status


def check_matrix(world: World, names: list[tuple[str, Any]]) -> list[str]:
    """Request every URL as every identity; return the differences from the matrix."""
    problems = []
    clients = {}
    for identity in world.identities:
        clients[identity.label] = Client()
        if identity.user is not None:
            login(clients[identity.label], identity.user, two_factor=True)
    for name, pattern in names:
        if rule_for(name) is None:
            problems.append(f"{name}: not in the permission matrix (core/permissions.py)")
            continue
        url = sample_url(name, pattern, world)
        for identity in world.identities:
            status = clients[identity.label].get(url).status_code
            expected = expected_status(name, identity)
            if status != expected:
                problems.append(f"{name} {url} as {identity.label}: {status}, expected {expected}")
    return problems


def test_every_url_answers_every_role_as_the_matrix_says(zutphen: Any) -> None:
    world = build_world(zutphen)
    problems = check_matrix(world, list(url_names()))
    assert not problems, "\n".join(problems)


def test_a_url_missing_from_the_matrix_fails_the_check(zutphen: Any) -> None:
    """The test of the test: a page nobody decided about is reported, not silently passed."""
    from django.http import HttpResponse
    from django.urls import path

    world = build_world(zutphen)
    forgotten = path("vergeten/", lambda request: HttpResponse("geheim"), name="forgotten_page")
    problems = check_matrix(world, [("forgotten_page", forgotten)])
    assert problems == ["forgotten_page: not in the permission matrix (core/permissions.py)"]


def test_no_page_opens_for_staff_without_completed_two_factor(zutphen: Any) -> None:
    """Every URL that the matrix opens to a privileged role, requested by that role after a
    login without 2FA, sends them to set up or use their second factor first."""
    world = build_world(zutphen)
    problems = []
    checked = 0
    clients = {}
    for identity in world.identities:
        if identity.role in PRIVILEGED:
            clients[identity.label] = login(Client(), identity.user, two_factor=False)
    for name, pattern in url_names():
        rule = rule_for(name)
        assert rule is not None, name
        url = sample_url(name, pattern, world)
        if url.startswith(("/account/", "/static/", "/media/", "/taal/")):
            continue  # setting up and using 2FA, logging out
        for identity in world.identities:
            if identity.role not in PRIVILEGED or expected_status(name, identity) not in (200, 302, 403, 405):
                continue
            response = clients[identity.label].get(url)
            checked += 1
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith("/account/2fa/"):
                problems.append(f"{name} as {identity.label}: {response.status_code} {location}")
    assert checked > 100
    assert not problems, "\n".join(problems)


def test_access_log_is_in_the_admin_but_read_only(zutphen: Any) -> None:
    world = build_world(zutphen)
    admin = next(identity.user for identity in world.identities if identity.role == Role.ADMINISTRATOR)
    client = login(Client(), admin)
    assert client.get(reverse("admin:core_accesslogentry_changelist"), {"q": str(world.resident.pk)}).status_code == 200
    entry = AccessLogEntry.objects.first()
    response = client.post(reverse("admin:core_accesslogentry_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()
