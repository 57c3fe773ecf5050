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

    # The list shows the wijk's name: not its boundary and key figures (big JSON, per row).
    residents = (
        Resident.objects.select_related("district")
        .defer("district__boundary", "district__key_figures")
        .order_by("name", "pk")
    )
    query = (query or "").strip()
    if not query:
        return residents
    # A name always; a postcode or phone number only when the words can be one, so a search for
    # a name is one condition an index serves (accounts_resident_name_trgm on PostgreSQL).
    compact = query.replace(" ", "").upper()
    conditions = []
    if any(character.isalpha() for character in query):
        conditions.append(Q(name__icontains=query))
    if POSTCODE_START.fullmatch(compact):
        conditions.append(Q(postcode__startswith=compact))
    if PHONE_PART.fullmatch(query):
        conditions.append(Q(phone__icontains=query))
    if not conditions:
        conditions.append(Q(name__icontains=query))
    matches = conditions[0]
    for condition in conditions[1:]:
        matches |= condition
    return residents.filter(matches)


#: The start of a Dutch postcode, spaces removed: "72", "7203", "7203A", "7203AA".
POSTCODE_START = re.compile(r"[1-9]\d{0,3}|[1-9]\d{3}[A-Z]{1,2}")
#: Part of a phone number as stored: digits with spaces, dashes or a leading +, three digits at least.
PHONE_PART = re.compile(r"\+?[\d\s-]*\d[\d\s-]*\d[\d\s-]*\d[\d\s-]*")


def accesses_of_resident(resident: Any, *, excluding_user: Any = None) -> Any:
    """Access-log entries about a resident's data, newest first (their own actions left out)."""
    from wijkbasis.core.models import AccessLogEntry

    entries = AccessLogEntry.objects.filter(subject_resident_id=resident.pk)
    if excluding_user is not None:
        entries = entries.exclude(actor_id=excluding_user.pk)
    return entries


def accesses_by(user: Any) -> Any:
    """What this user opened or changed, newest first (not their looking at this list itself)."""
    from wijkbasis.core.models import AccessLogEntry

    return AccessLogEntry.objects.filter(actor_id=user.pk).exclude(purpose="access_log_review")


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
    return look_alikes(
        name=resident.name,
        email=resident.email,
        phone=resident.phone,
        postcode=resident.postcode,
        excluding=resident.pk,
    )


def look_alikes(*, name: str, email: str, phone: str, postcode: str, excluding: Any = None) -> list[tuple[Any, str]]:
    """Records that may be the person these values describe (as typed in a form, before anything
    is saved): (record, reason) for the same e-mail address, phone number, or name and postcode.
    Three queries at most. Not scoped: the caller decides what the user may see of them."""
    from django.db.models import F, Value
    from django.db.models.functions import Replace

    from wijkbasis.accounts.models import PossibleDuplicate, Resident

    others = Resident.objects.select_related("district", "intake_team")
    if excluding is not None:
        others = others.exclude(pk=excluding)
    found: dict[int, tuple[Any, str]] = {}
    email = (email or "").strip()
    if email:
        for other in others.filter(email__iexact=email):
            found.setdefault(other.pk, (other, PossibleDuplicate.Reason.SAME_EMAIL))
    phones = _phone_forms(phone)
    if phones:
        compact = Replace(
            Replace(Replace(F("phone"), Value(" "), Value("")), Value("-"), Value("")), Value("."), Value("")
        )
        for other in others.alias(compact_phone=compact).filter(compact_phone__in=phones):
            found.setdefault(other.pk, (other, PossibleDuplicate.Reason.SAME_PHONE))
    if name and postcode:
        for other in others.filter(name__iexact=name.strip(), postcode=postcode):
            found.setdefault(other.pk, (other, PossibleDuplicate.Reason.SAME_NAME_AND_POSTCODE))
    return list(found.values())


@dataclass(frozen=True)
class LookAlikes:
    """What a member of staff may be told about records like the one they are about to make: the
    ones they may open, with why, and of the others only that they exist elsewhere, and why."""

    visible: list[tuple[Any, str]] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)  # "Someone with this phone number is known to another team."

    def __bool__(self) -> bool:
        return bool(self.visible or self.elsewhere)


def look_alikes_shown_to(user: Any, *, name: str, email: str, phone: str, postcode: str) -> LookAlikes:
    """Look-alikes of typed values, scoped with Resident.objects.visible_to: a record of another
    team is never shown, only that someone with this phone (e-mail, name and postcode) is known
    to another team. One query more than look_alikes."""
    from wijkbasis.accounts.models import PossibleDuplicate, Resident

    found = look_alikes(name=name, email=email, phone=phone, postcode=postcode)
    if not found:
        return LookAlikes()
    visible_ids = set(
        Resident.objects.visible_to(user)
        .filter(pk__in=[other.pk for other, _reason in found])
        .values_list("pk", flat=True)
    )
    from django.utils.translation import gettext as _

    reasons = dict(PossibleDuplicate.Reason.choices)
    known_elsewhere: dict[str, str] = {
        PossibleDuplicate.Reason.SAME_EMAIL: _("Someone with this e-mail address is known to another team."),
        PossibleDuplicate.Reason.SAME_PHONE: _("Someone with this phone number is known to another team."),
        PossibleDuplicate.Reason.SAME_NAME_AND_POSTCODE: _(
            "Someone with this name and postcode is known to another team."
        ),
    }
    return LookAlikes(
        visible=[(other, str(reasons[reason])) for other, reason in found if other.pk in visible_ids],
        elsewhere=list(
            dict.fromkeys(str(known_elsewhere[reason]) for other, reason in found if other.pk not in visible_ids)
        ),
    )


def look_alike_signature(*, name: str, email: str, phone: str, postcode: str) -> str:
    """A short fingerprint of the values a warning was about: "save anyway" holds only for them."""
    import hashlib

    phones = sorted(_phone_forms(phone))
    text = "|".join([(name or "").strip().lower(), (email or "").strip().lower(), ",".join(phones), postcode or ""])
    return hashlib.sha256(text.encode()).hexdigest()[:20]


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


# ---------------------------------------------------------------------------
# The access log in words: who did what with whose data, and why


@dataclass(frozen=True)
class LoggedObject:
    """A logged record in words: as the person whose data it is reads it ("your response to
    Kookvrijwilliger"), and as a member of staff reads it ("response of Hodan Ali to
    Kookvrijwilliger")."""

    own: str
    other: str


@dataclass(frozen=True)
class AccessInWords:
    entry: Any
    who: str  # "Abdi Warsame, sociaal makelaar, Waterkwartier", "the system", …
    did: str  # "looked at your details", "saw response of Hodan Ali to Kookvrijwilliger in a list"
    why: str  # the processing activity's name

    @property
    def when(self) -> Any:
        return self.entry.occurred_at

    @property
    def line(self) -> str:
        return f"{self.who} — {self.did}"


#: The hook each app may offer in its selectors.py to name its logged records (constant queries):
#: `logged_objects_in_words(model_label: str, ids: list[str]) -> dict[str, LoggedObject] | None`
#: (None: not one of this app's models).
LOGGED_OBJECTS_HOOK = "logged_objects_in_words"


def app_hooks(name: str) -> list[Any]:
    """The function `name` of every wijkbasis app's selectors.py that has one (cross-app hooks
    by convention, like permissions.py: no app imports another's models for it)."""
    import importlib

    from django.apps import apps

    hooks = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wijkbasis."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.selectors")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.selectors":
                raise
            continue
        hook = getattr(module, name, None)
        if hook is not None:
            hooks.append(hook)
    return hooks


def _action_in_words(action: str, what: str) -> str:
    from django.utils.translation import gettext as _

    from wijkbasis.core.models import AccessLogEntry

    Action = AccessLogEntry.Action
    phrases: dict[str, str] = {
        Action.VIEW: _("looked at %(what)s"),
        Action.LIST: _("saw %(what)s in a list"),
        Action.EXPORT: _("downloaded %(what)s"),
        Action.CREATE: _("recorded %(what)s"),
        Action.CHANGE: _("changed %(what)s"),
        Action.DELETE: _("deleted %(what)s"),
        Action.ERASE: _("erased %(what)s"),
        Action.LINK: _("linked %(what)s to an account"),
        Action.SHARE: _("shared %(what)s with another team"),
    }
    return phrases.get(action, _("used %(what)s")) % {"what": what}


def logged_objects_in_words(model_label: str, ids: list[str]) -> dict[str, LoggedObject] | None:
    """The accounts app's own records in words (the hook every app may offer, see app_hooks). Not
    scoped with visible_to: the ids come from the access-log entries the reader may see (about
    their own data, or what they opened themselves), and a record they opened then stays named."""
    from django.utils.translation import gettext as _

    from wijkbasis.accounts.consent import purpose_label
    from wijkbasis.accounts.models import (
        AccountLink,
        Consent,
        PossibleDuplicate,
        Resident,
        ResidentMerge,
        ResidentShare,
    )

    numbers = [int(pk) for pk in ids if pk.isdigit()]
    if model_label == "accounts.resident":
        names = dict(Resident.objects.filter(pk__in=numbers).values_list("pk", "name"))
        return {
            str(pk): LoggedObject(own=_("your details"), other=_("the details of %(name)s") % {"name": name})
            for pk, name in names.items()
        }
    if model_label == "accounts.consent":
        rows = Consent.objects.filter(pk__in=numbers).values_list("pk", "purpose", "resident__name")
        return {
            str(pk): LoggedObject(
                own=_("your permission “%(purpose)s”") % {"purpose": purpose_label(purpose)},
                other=_("a permission of %(name)s") % {"name": name},
            )
            for pk, purpose, name in rows
        }
    if model_label == "accounts.residentshare":
        rows = ResidentShare.objects.filter(pk__in=numbers).values_list("pk", "team__name", "resident__name")
        return {
            str(pk): LoggedObject(
                own=_("the sharing of your details with %(team)s") % {"team": team},
                other=_("the sharing of the details of %(name)s with %(team)s") % {"name": name, "team": team},
            )
            for pk, team, name in rows
        }
    if model_label == "accounts.possibleduplicate":
        rows = PossibleDuplicate.objects.filter(pk__in=numbers).values_list("pk", "resident__name")
        return {
            str(pk): LoggedObject(
                own=_("the question whether two records are both you"),
                other=_("the question whether %(name)s is someone already known") % {"name": name},
            )
            for pk, name in rows
        }
    if model_label == "accounts.residentmerge":
        rows = ResidentMerge.objects.filter(pk__in=numbers).values_list("pk", "kept__name")
        return {
            str(pk): LoggedObject(
                own=_("the merge of two records of you into one"),
                other=_("the merge of two records of %(name)s") % {"name": name},
            )
            for pk, name in rows
        }
    if model_label == "accounts.accountlink":
        rows = AccountLink.objects.filter(pk__in=numbers).values_list("pk", "resident__name")
        return {
            str(pk): LoggedObject(
                own=_("a request to link your details to an account"),
                other=_("a request to link %(name)s to an account") % {"name": name},
            )
            for pk, name in rows
        }
    return None


def objects_in_words(records: list[tuple[str, str]]) -> dict[tuple[str, str], LoggedObject]:
    """Records given as (model label, id) in words: per kind one call of its app's hook."""
    ids_by_type: dict[str, set[str]] = {}
    for object_type, object_id in records:
        ids_by_type.setdefault(object_type, set()).add(object_id)
    hooks = app_hooks(LOGGED_OBJECTS_HOOK)
    found: dict[tuple[str, str], LoggedObject] = {}
    for object_type, ids in ids_by_type.items():
        for hook in hooks:
            named = hook(object_type, sorted(ids))
            if named is not None:
                found.update({(object_type, pk): words for pk, words in named.items()})
                break
    return found


def _kind_in_words(object_type: str) -> str:
    from django.apps import apps

    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def _actors_in_words(entries: list[Any]) -> dict[int, str]:
    """Name, role and team (or organisation) of the people in these entries, in three queries."""
    from django.utils.translation import gettext as _

    from wijkbasis.accounts.models import MunicipalityViewer, OrganisationMembership, User
    from wijkbasis.areas.models import TeamMember

    ids = {entry.actor_id for entry in entries if entry.actor_id is not None}
    if not ids:
        return {}
    names = dict(User.objects.filter(pk__in=ids).values_list("pk", "name"))
    teams: dict[int, list[tuple[str, str]]] = {}
    for user_id, team_name, role in TeamMember.objects.filter(user_id__in=ids).values_list(
        "user_id", "team__name", "role"
    ):
        teams.setdefault(user_id, []).append((str(TeamMember.Role(role).label), team_name))
    organisations: dict[int, list[str]] = {}
    for user_id, name in OrganisationMembership.objects.filter(user_id__in=ids).values_list(
        "user_id", "organisation__name"
    ):
        organisations.setdefault(user_id, []).append(name)
    municipalities: dict[int, list[str]] = {}
    for user_id, name in MunicipalityViewer.objects.filter(user_id__in=ids).values_list(
        "user_id", "municipality__name"
    ):
        municipalities.setdefault(user_id, []).append(name)

    described: dict[int, str] = {}
    for entry in entries:
        user_id = entry.actor_id
        if user_id is None or user_id in described:
            continue
        role = entry.actor_role
        if user_id not in names:
            described[user_id] = _("someone whose account no longer exists")
        elif role == Role.ORGANISATION_MEMBER and user_id in organisations:
            # For an organisation its name: the resident responded to the organisation.
            described[user_id] = _("%(organisation)s (organisation)") % {
                "organisation": ", ".join(sorted(organisations[user_id]))
            }
        elif role == Role.MUNICIPALITY_VIEWER and user_id in municipalities:
            described[user_id] = _("the municipality of %(name)s") % {"name": ", ".join(municipalities[user_id])}
        elif role in (Role.RESIDENT, Role.ANONYMOUS, "user") and user_id not in teams:
            described[user_id] = _("someone with an account")
        else:
            parts = [names[user_id] or _("a member of staff")]
            if user_id in teams:
                label = TeamMember.Role(role).label if role in TeamMember.Role.values else teams[user_id][0][0]
                parts += [str(label), ", ".join(sorted({team for _role, team in teams[user_id]}))]
            elif role == Role.ADMINISTRATOR:
                parts.append(_("administrator"))
            described[user_id] = ", ".join(parts)
    return described


def describe_accesses(entries: Any, *, reader: str) -> list[AccessInWords]:
    """Access-log entries in words, in a fixed number of queries for a page of them.

    `reader="subject"`: for the person whose data it is (who looked, their export): the record
    is "your …", never another resident's name. `reader="actor"`: for the member of staff who
    did it ("what I opened"): the record by the resident's name. Never an IP address."""
    from django.utils.translation import gettext as _

    from wijkbasis.core.processing import activity

    entries = list(entries)
    actors = _actors_in_words(entries)
    objects = objects_in_words([(entry.object_type, entry.object_id) for entry in entries])
    described = []
    for entry in entries:
        if entry.actor_id is not None:
            who = actors[entry.actor_id]
        elif entry.actor_role == "system":
            who = _("the system")
        else:
            who = _("someone on the website without logging in")
        words = objects.get((entry.object_type, entry.object_id))
        if words is not None:
            what = words.own if reader == "subject" else words.other
        else:
            kind = _kind_in_words(entry.object_type)
            what = _("your %(kind)s") % {"kind": kind} if reader == "subject" else _("a %(kind)s") % {"kind": kind}
        try:
            why = str(activity(entry.purpose).name) if entry.purpose else ""
        except ValueError:
            why = entry.purpose
        described.append(AccessInWords(entry=entry, who=who, did=_action_in_words(entry.action, what), why=why))
    return described


# ---------------------------------------------------------------------------
# Where someone belongs: their wijk, its team and its sociaal makelaars


@dataclass(frozen=True)
class WijkAndTeam:
    district: Any
    teams: list[Any]
    brokers: list[Any]  # the teams' public sociaal makelaars, TeamMember rows


def wijk_and_team(district: Any) -> WijkAndTeam | None:
    """The team(s) serving a wijk and their public sociaal makelaars, in two queries."""
    if district is None:
        return None
    from wijkbasis.areas.models import NeighbourhoodTeam, TeamMember

    teams = list(NeighbourhoodTeam.objects.filter(districts=district).order_by("name"))
    brokers = list(
        TeamMember.objects.filter(team__in=teams, role=TeamMember.Role.COMMUNITY_BROKER, is_public=True)
        .select_related("team")
        .order_by("sort_order", "name")
    )
    return WijkAndTeam(district=district, teams=teams, brokers=brokers)


def wijk_in_words(district: Any, *, own: bool) -> str:
    """ "Your wijk: Waterkwartier. Your sociaal makelaars: Abdi Warsame and Samira Bakker." (for the
    person, `own`), or "Wijk: Waterkwartier, team: Sociaal wijkteam Waterkwartier." (for staff)."""
    from django.utils.text import get_text_list
    from django.utils.translation import gettext as _

    found = wijk_and_team(district)
    if found is None:
        return _("We do not know your neighbourhood (wijk) yet.") if own else _("The neighbourhood is not known yet.")
    teams = get_text_list([team.name for team in found.teams], _("and"))
    if not own:
        return _("Neighbourhood: %(wijk)s, team: %(team)s.") % {"wijk": district.name, "team": teams or "—"}
    if found.brokers:
        names = get_text_list([member.name for member in found.brokers], _("and"))
        return _("Your neighbourhood: %(wijk)s. Your sociaal makelaars: %(names)s.") % {
            "wijk": district.name,
            "names": names,
        }
    return _("Your neighbourhood: %(wijk)s. Your team: %(team)s.") % {"wijk": district.name, "team": teams or "—"}


# ---------------------------------------------------------------------------
# The werkplek home: what waits for this member of staff


@dataclass(frozen=True)
class WorkItem:
    count: int
    text: str  # "3 new responses wait for contact"
    url: str


#: The hook each app may offer in its selectors.py: `werkplek_tasks(user) -> list[WorkItem]`, a
#: fixed number of counting queries, no names.
WERKPLEK_HOOK = "werkplek_tasks"


def werkplek_tasks(user: Any) -> list[WorkItem]:
    """Everything that waits for this member of staff, from every app (counts with a link), and
    the possible duplicates to decide here."""
    from django.urls import reverse
    from django.utils.translation import ngettext

    from wijkbasis.accounts.models import PossibleDuplicate, Resident

    tasks: list[WorkItem] = []
    for hook in app_hooks(WERKPLEK_HOOK):
        if hook is werkplek_tasks:
            continue
        tasks += hook(user)
    open_questions = PossibleDuplicate.objects.visible_to(user).filter(resolved_at__isnull=True)
    duplicates = open_questions.count()
    # The link opens the oldest question, on a record of the two that this user may open.
    from django.db.models import Exists, OuterRef

    visible = Resident.objects.visible_to(user).filter(pk=OuterRef("resident_id"))
    oldest = (
        open_questions.annotate(resident_visible=Exists(visible))
        .order_by("found_at", "pk")
        .values_list("resident_id", "other_id", "resident_visible")
        .first()
    )
    first = (oldest[0] if oldest[2] else oldest[1]) if oldest else None
    tasks.append(
        WorkItem(
            count=duplicates,
            text=ngettext(
                "%(count)s possible duplicate to decide", "%(count)s possible duplicates to decide", duplicates
            )
            % {"count": duplicates},
            url=reverse("accounts:resident_detail", args=[first]) if first else reverse("accounts:resident_list"),
        )
    )
    return tasks


# ---------------------------------------------------------------------------
# Where a person without a staff, municipality or organisation role lands after logging in

#: The hook each app may offer in its selectors.py: `start_page(user) -> str | None`, the URL of
#: that app's page which is this person's day (a Buurtservice crew member's work today), or None.
#: One small query at most. The first app that names a page wins; none: "Mijn gegevens".
START_PAGE_HOOK = "start_page"


def start_page(user: Any) -> str | None:
    """The page an app names as this person's start page, if any (accounts:start asks it for
    someone whose roles do not decide already)."""
    for hook in app_hooks(START_PAGE_HOOK):
        if hook is start_page:
            continue
        url = hook(user)
        if url:
            return str(url)
    return None


# ---------------------------------------------------------------------------
# The navigation of "Mijn" and of the werkplek: each app adds its own pages


@dataclass(frozen=True)
class NavLink:
    text: str
    url: str


#: The hooks each app may offer in its selectors.py: `mijn_links(user) -> list[NavLink]` (the
#: person's own pages of that app) and `werkplek_links(user) -> list[NavLink]` (its staff pages
#: this user may open). No queries beyond what access_of holds, or one small one.
MIJN_LINKS_HOOK = "mijn_links"
WERKPLEK_LINKS_HOOK = "werkplek_links"


def nav_links(user: Any, hook_name: str) -> list[NavLink]:
    links: list[NavLink] = []
    for hook in app_hooks(hook_name):
        links += hook(user)
    return links
