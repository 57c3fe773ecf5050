"""The world the permission matrix is checked in, and the tools to check it.

`build_world(zutphen)` makes Zutphen with two teams (Waterkwartier is "own team", the
Zuidwijken/Warnsveld/Leesten team is "other team"), a user for each role, a resident taken in
by the own team, an organisation (of the organisation member), and then asks every app's
`permissions.samples(world)` for its own objects, URL arguments and POST bodies.

`watch_changes()` tells which tables a request wrote to: temporary triggers on SQLite, the
transaction's own statistics on PostgreSQL. Both see only this connection, so the check is
exact and cheap.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.text import slugify
from django_tasks_db.models import DBTaskResult

from wijkbasis.accounts.models import Consent, MunicipalityViewer, OrganisationMembership, Resident, User
from wijkbasis.areas.models import District, NeighbourhoodTeam, Organisation, PostcodeArea, TeamMember
from wijkbasis.core.access_log import Action, log_access
from wijkbasis.core.permissions import REDIRECT, permission_modules, rule_for
from wijkbasis.core.roles import STAFF_ROLES, Role

#: A CSRF secret the matrix's clients send as cookie and header: a valid token, so a refused
#: POST is refused by the permission rules, not by the CSRF check.
CSRF_TOKEN = "wijkbasisMatrixCsrfToken00000000"
#: Tables a refused request may write: the session (messages, login state) and the cache
#: (rate-limit counters). Anything else written by a refused request is a leak.
TABLES_A_REFUSAL_MAY_WRITE = {"django_session", "wijkbasis_cache"}


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
class Sample:
    kwargs: dict[str, Any]
    post: dict[str, Any] | None = None


@dataclass
class World:
    identities: list[Identity]
    own_team: NeighbourhoodTeam
    other_team: NeighbourhoodTeam
    resident: Resident
    organisation: Organisation
    administrator: User
    samples: dict[str, Sample] = field(default_factory=dict)

    def add(self, name: str, *, post: dict[str, Any] | None = None, **kwargs: Any) -> None:
        """The URL arguments of `name` and, for a form, a plausible body to POST."""
        self.samples[name] = Sample(kwargs=kwargs, post=post)

    def user_of(self, role: Role, *, own_team: bool = True) -> User:
        for identity in self.identities:
            if identity.role == role and identity.own_team == own_team and identity.user is not None:
                return identity.user
        raise LookupError(role)


def build_world(zutphen: Any) -> World:
    own = NeighbourhoodTeam.objects.get(slug="waterkwartier")
    other = NeighbourhoodTeam.objects.get(slug="zuidwijken-warnsveld-leesten")
    identities = [Identity("anonymous", Role.ANONYMOUS, None)]

    def user(email: str, **extra: Any) -> User:
        account = User.objects.create_user(email=email, name=email.split("@")[0], **extra)
        EmailAddress.objects.create(user=account, email=email, verified=True, primary=True)
        return account

    resident_user = user("inwoner.proef@example.org")
    Resident.objects.create(
        user=resident_user, name="Berber Bewonersproef", email=resident_user.email, source="sign_up"
    )
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

    administrator = user("beheer@example.org", is_staff=True, is_superuser=True)
    identities.append(Identity("administrator", Role.ADMINISTRATOR, administrator))

    waterkwartier = District.objects.get(code="WK030101")
    resident = Resident.objects.create(
        name="Aad Inwoner", phone="0575 000 999", district=waterkwartier, intake_team=own, source="assisted"
    )
    Consent.objects.create(resident=resident, purpose="keep_details", method=Consent.Method.PHONE)
    log_access(Action.VIEW, resident, purpose="resident_support")

    # One object of every other model the management site shows, so its change pages open.
    Group.objects.create(name="Proefgroep")
    PostcodeArea.objects.create(postcode="7201AB", source="manual", retrieved_at="2026-01-01T00:00Z")
    LogEntry.objects.create(
        user=administrator,
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
    world = World(
        identities=identities,
        own_team=own,
        other_team=other,
        resident=resident,
        organisation=organisation,
        administrator=administrator,
    )
    world.add("media", path="team/bestaat-niet.jpg")
    world.add("admin:app_list", app_label="areas")
    world.add(
        "admin:view_on_site",
        content_type_id=ContentType.objects.get_for_model(District).pk,
        object_id=waterkwartier.pk,
    )
    for module in permission_modules():
        add_samples = getattr(module, "samples", None)
        if add_samples is not None:
            add_samples(world)
    return world


def sample_url(name: str, pattern: Any, world: World) -> str:
    if name.startswith("admin:/"):
        # Unnamed admin route (the old-style object URL that redirects to the change page).
        route = name.removeprefix("admin:")
        if "(?P<url>" in route:
            return "/beheer/bestaat-niet/"  # the admin's catch-all for unknown addresses
        return route.replace("<path:object_id>", str(world.resident.pk))
    if name in world.samples:
        return reverse(name, kwargs=world.samples[name].kwargs)
    params = set(pattern.pattern.converters) | set(pattern.pattern.regex.groupindex)
    if not params:
        return reverse(name)
    if name.startswith("admin:") and "object_id" in params:
        # admin:<app>_<model>_<view>: an existing object of that model.
        for model, _admin in admin.site._registry.items():
            prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
            if name.startswith(prefix):
                obj = model._default_manager.order_by("pk").first()
                return reverse(name, kwargs={"object_id": obj.pk if obj else 0})
    if name.startswith("admin:") and "id" in params:  # user password change
        return reverse(name, kwargs={"id": world.administrator.pk})
    raise AssertionError(f"No sample arguments for {name} ({sorted(params)}): add them to its app's samples()")


def expected_status(name: str, identity: Identity, method: str = "GET") -> int:
    rule = rule_for(name)
    assert rule is not None
    status = rule.expected(identity.role, method=method, own_team=identity.own_team)
    # Django admin specifics (GET): read-only access log, POST-only logout, pages that need parameters.
    if method == "GET" and identity.role == Role.ADMINISTRATOR and name.startswith("admin:"):
        read_only = ("core_accesslogentry", "django_tasks_database_dbtaskresult", "mfa_authenticator")
        if name in ("admin:autocomplete",) or any(
            name in (f"admin:{model}_add", f"admin:{model}_delete") for model in read_only
        ):
            return 403
        # Made only through their service (a response comes from "Ik wil helpen"): no add page.
        if name == "admin:volunteering_response_add":
            return 403
        if "(?P<url>" in name:
            return 404
        if name == "admin:logout":
            return 405
        if name in ("admin:login", "admin:view_on_site") or name.startswith("admin:/"):
            return REDIRECT
    return status


def logged_in_clients(world: World, *, two_factor: bool = True, csrf: bool = False) -> dict[str, Client]:
    from conftest import login

    clients = {}
    for identity in world.identities:
        client = Client(enforce_csrf_checks=csrf)
        if identity.user is not None:
            login(client, identity.user, two_factor=two_factor)
        if csrf:
            client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_TOKEN
        clients[identity.label] = client
    return clients


# ---------------------------------------------------------------------------
# Which tables did a request write to?


class _Changes:
    def __init__(self) -> None:
        self.tables: set[str] = set()


def _user_tables() -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
            )
        else:
            cursor.execute("SELECT relname FROM pg_stat_xact_user_tables")
        return [row[0] for row in cursor.fetchall()]


def _install_sqlite_watch(tables: list[str]) -> None:
    """Temporary triggers (they live as long as the connection) that note every write."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE IF NOT EXISTS wb_matrix_changes (tbl TEXT)")
        cursor.execute("SELECT name FROM sqlite_temp_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
        for table in tables:
            if table.startswith("volunteering_vacancy_fts"):
                continue
            for event in ("INSERT", "UPDATE", "DELETE"):
                name = f"wb_matrix_{table}_{event}"
                if name not in present:
                    cursor.execute(
                        f'CREATE TEMP TRIGGER "{name}" AFTER {event} ON main."{table}" '
                        f"BEGIN INSERT INTO wb_matrix_changes VALUES ('{table}'); END"
                    )


def _pg_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables")
        return dict(cursor.fetchall())


@contextmanager
def watch_changes() -> Iterator[_Changes]:
    """Run a block (a request) and roll it back; `.tables` are the tables it wrote to."""
    changes = _Changes()
    if connection.vendor == "sqlite":
        _install_sqlite_watch(_user_tables())
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM wb_matrix_changes")
    else:
        before = _pg_counts()
    with transaction.atomic():
        yield changes
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("SELECT DISTINCT tbl FROM wb_matrix_changes")
                changes.tables = {row[0] for row in cursor.fetchall()}
        else:
            after = _pg_counts()
            changes.tables = {table for table, count in after.items() if count != before.get(table, 0)}
        transaction.set_rollback(True)


def refused(name: str, identity: Identity, method: str) -> bool:
    rule = rule_for(name)
    assert rule is not None
    return not rule.may(identity.role, method=method, own_team=identity.own_team)
