"""Reads about who a user is and what they may see. Other apps and reports import these."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from wijkbasis.core.roles import STAFF_ROLES, Role


@dataclass(frozen=True)
class UserAccess:
    """Everything access decisions need about one user, fetched once per request."""

    user_id: int | None = None
    is_administrator: bool = False
    team_roles: dict[int, str] = field(default_factory=dict)  # team id → TeamMember role
    team_municipalities: dict[int, int] = field(default_factory=dict)  # team id → municipality id
    district_ids: frozenset[int] = frozenset()
    organisation_ids: frozenset[int] = frozenset()
    municipality_ids: frozenset[int] = frozenset()  # as municipality viewer

    @property
    def team_ids(self) -> frozenset[int]:
        return frozenset(self.team_roles)

    @property
    def roles(self) -> frozenset[Role]:
        roles: set[Role] = set()
        if self.user_id is None:
            return frozenset({Role.ANONYMOUS})
        roles.add(Role.RESIDENT)
        roles.update(Role(role) for role in self.team_roles.values())
        if self.organisation_ids:
            roles.add(Role.ORGANISATION_MEMBER)
        if self.municipality_ids:
            roles.add(Role.MUNICIPALITY_VIEWER)
        if self.is_administrator:
            roles.add(Role.ADMINISTRATOR)
        return frozenset(roles)

    @property
    def is_team_staff(self) -> bool:
        return bool(self.team_roles)

    @property
    def needs_two_factor(self) -> bool:
        """Staff, municipality viewers and administrators work with sensitive data: 2FA."""
        return self.is_team_staff or bool(self.municipality_ids) or self.is_administrator

    @property
    def primary_role(self) -> Role:
        for role in (Role.ADMINISTRATOR, *STAFF_ROLES, Role.MUNICIPALITY_VIEWER, Role.ORGANISATION_MEMBER):
            if role in self.roles:
                return role
        return Role.RESIDENT if self.user_id is not None else Role.ANONYMOUS

    def municipality_ids_as(self, *roles: Role) -> frozenset[int]:
        """The municipalities where this user is a team member in one of these roles (all roles
        when none are given)."""
        return frozenset(
            self.team_municipalities[team] for team, role in self.team_roles.items() if not roles or Role(role) in roles
        )

    def has_team_role(self, *roles: Role, team_id: int | None = None) -> bool:
        return any(
            (team_id is None or team == team_id) and Role(role) in roles for team, role in self.team_roles.items()
        )


ANONYMOUS_ACCESS = UserAccess()


def access_of(user: Any) -> UserAccess:
    """The access of a user, cached on the user object for the rest of the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS_ACCESS
    cached = getattr(user, "_wijkbasis_access", None)
    if cached is not None:
        return cached
    from wijkbasis.accounts.models import MunicipalityViewer, OrganisationMembership
    from wijkbasis.areas.models import TeamMember

    team_roles: dict[int, str] = {}
    team_municipalities: dict[int, int] = {}
    district_ids: set[int] = set()
    for team_id, role, municipality_id, district_id in TeamMember.objects.filter(user=user).values_list(
        "team_id", "role", "team__municipality_id", "team__districts"
    ):
        team_roles[team_id] = role
        team_municipalities[team_id] = municipality_id
        if district_id is not None:
            district_ids.add(district_id)
    access = UserAccess(
        user_id=user.pk,
        is_administrator=bool(user.is_superuser or user.is_staff),
        team_roles=team_roles,
        team_municipalities=team_municipalities,
        district_ids=frozenset(district_ids),
        organisation_ids=frozenset(
            OrganisationMembership.objects.filter(user=user).values_list("organisation_id", flat=True)
        ),
        municipality_ids=frozenset(
            MunicipalityViewer.objects.filter(user=user).values_list("municipality_id", flat=True)
        ),
    )
    user._wijkbasis_access = access
    return access


def primary_role_of(user: Any) -> str:
    """The role a user acts in, for the access log."""
    return str(access_of(user).primary_role)


def resident_counts_by_district(municipality_id: int) -> dict[int, int]:
    """Registered residents per wijk: raw counts, for reports (which suppress small ones)."""
    from django.db.models import Count

    from wijkbasis.accounts.models import Resident

    rows = (
        Resident.objects.filter(district__municipality_id=municipality_id)
        .values("district_id")
        .annotate(total=Count("id"))
    )
    return {row["district_id"]: row["total"] for row in rows}


def search_residents(query: str) -> Any:
    """Residents matching a search of the werkplek (name, start of the postcode, phone), in name
    order; still to be scoped with `visible_to` (the access helpers do)."""
    from django.db.models import Q

    from wijkbasis.accounts.models import Resident

    residents = Resident.objects.select_related("district").order_by("name", "pk")
    query = (query or "").strip()
    if not query:
        return residents
    compact = query.replace(" ", "").upper()
    return residents.filter(Q(name__icontains=query) | Q(postcode__startswith=compact) | Q(phone__icontains=query))


def accesses_of_resident(resident: Any, *, excluding_user: Any = None) -> Any:
    """Access-log entries about a resident's data, newest first (their own actions left out)."""
    from wijkbasis.core.models import AccessLogEntry

    entries = AccessLogEntry.objects.filter(subject_resident_id=resident.pk)
    if excluding_user is not None:
        entries = entries.exclude(actor_id=excluding_user.pk)
    return entries


def accesses_by(user: Any) -> Any:
    """What this user opened or changed, newest first."""
    from wijkbasis.core.models import AccessLogEntry

    return AccessLogEntry.objects.filter(actor_id=user.pk)


def _phone_forms(phone: str) -> set[str]:
    """'0575 000 999', '+31 575 000999' → the forms a stored number may have without spaces or dashes."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    if not digits:
        return set()
    national = (
        "0" + digits[3:] if digits.startswith("+31") else "0" + digits[4:] if digits.startswith("0031") else digits
    )
    return {national, "+31" + national[1:]} if national.startswith("0") else {digits}


def possible_duplicates_of(resident: Any) -> list[tuple[Any, str]]:
    """Other records that may be this person: the same e-mail address, the same phone number,
    or the same name and postcode. For a team member to decide; never joined automatically."""
    from django.db.models import F, Value
    from django.db.models.functions import Replace

    from wijkbasis.accounts.models import PossibleDuplicate, Resident

    others = Resident.objects.exclude(pk=resident.pk)
    found: dict[int, tuple[Any, str]] = {}
    if resident.email:
        for other in others.filter(email__iexact=resident.email):
            found.setdefault(other.pk, (other, PossibleDuplicate.Reason.SAME_EMAIL))
    phones = _phone_forms(resident.phone)
    if phones:
        compact = Replace(
            Replace(Replace(F("phone"), Value(" "), Value("")), Value("-"), Value("")), Value("."), Value("")
        )
        for other in others.alias(compact_phone=compact).filter(compact_phone__in=phones):
            found.setdefault(other.pk, (other, PossibleDuplicate.Reason.SAME_PHONE))
    if resident.name and resident.postcode:
        for other in others.filter(name__iexact=resident.name.strip(), postcode=resident.postcode):
            found.setdefault(other.pk, (other, PossibleDuplicate.Reason.SAME_NAME_AND_POSTCODE))
    return list(found.values())


def open_duplicates_shown_to(user: Any, resident: Any) -> list[tuple[Any, Any, bool]]:
    """The open "same person?" questions about this record: (question, the other record, whether
    `user` may open the other record). Of a record they may not see, only that it exists."""
    from django.db.models import Q

    from wijkbasis.accounts.models import PossibleDuplicate, Resident

    questions = list(
        PossibleDuplicate.objects.visible_to(user)
        .filter(Q(resident=resident) | Q(other=resident), resolved_at__isnull=True)
        .select_related("resident__district", "other__district", "resident__intake_team", "other__intake_team")
    )
    others = [question.other if question.resident_id == resident.pk else question.resident for question in questions]
    visible = set(
        Resident.objects.visible_to(user).filter(pk__in=[other.pk for other in others]).values_list("pk", flat=True)
    )
    from wijkbasis.core.access import access_list

    access_list([other for other in others if other.pk in visible], user, purpose="record_linking")
    return [(question, other, other.pk in visible) for question, other in zip(questions, others, strict=True)]
