"""The permission matrix: for every URL, who may open it and who may post to it (role × page × object).

Each app declares its own rows in `<app>/permissions.py`:

    ROWS: dict[str, Rule] = {"volunteering:pipeline": Rule(allowed=STAFF), ...}
    def samples(world: World) -> None: ...   # objects and POST bodies for the matrix test

`rows()` collects them from every installed app. `core/tests/test_permission_matrix.py`
requests every URL in the URL configuration as every role — anonymous, resident, organisation
member, each staff role in the object's own team and in another team, municipality viewer,
administrator — with GET and with POST (a valid CSRF token and the sample's plausible body),
compares the answer with the row, and checks that a refused POST changed nothing in the
database. A URL without a row fails that test, so a new module cannot add a page without
deciding who may use it.

Conventions:
- A page someone may not use answers 404 (it does not exist for them), not 403.
- Anonymous visitors of a page that needs an account are sent to the login page (302).
- Objects that belong to a team (a resident in a team's wijk) are 404 for other teams' staff.
- The method decorator (`require_safe`, `require_POST`, `require_http_methods`) is the
  outermost one, so a method a view does not take answers 405 to everyone.
"""

from __future__ import annotations

import fnmatch
import importlib
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any

from django.apps import apps

from wijkbasis.core.roles import STAFF_ROLES, Role

OK = 200
REDIRECT = 302  # to the login page for anonymous visitors, elsewhere for a redirecting view
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
#: For pages of libraries whose answer to a POST depends on their own state (the management
#: site's forms, allauth's flows): any answer below 500 is accepted for the allowed roles. The
#: refused roles are still checked exactly, and that they changed nothing.
ANY = 0

PRIVILEGED = frozenset({*STAFF_ROLES, Role.MUNICIPALITY_VIEWER, Role.ADMINISTRATOR})
LOGGED_IN = frozenset(set(Role) - {Role.ANONYMOUS})
STAFF = frozenset({*STAFF_ROLES, Role.ADMINISTRATOR})
ORGANISATION = frozenset({Role.ORGANISATION_MEMBER, Role.ADMINISTRATOR})
EVERYONE = frozenset(Role)


@dataclass(frozen=True)
class Rule:
    """Who gets which answer. `allowed` roles get `ok` to GET and `post` to POST; other
    logged-in roles get `denied`, anonymous visitors `anonymous`. NOT_ALLOWED as `ok` or
    `post` means the view does not take that method: 405 for everyone."""

    allowed: frozenset[Role]
    ok: int = OK
    post: int = NOT_ALLOWED
    denied: int = NOT_FOUND
    anonymous: int = REDIRECT
    #: Staff of a team other than the object's team get `denied` (the object is not theirs).
    team_scoped: bool = False
    #: Explicit answers for some roles, overriding the above (GET and POST).
    exceptions: dict[Role, int] = field(default_factory=dict)
    post_exceptions: dict[Role, int] = field(default_factory=dict)
    why: str = ""

    def expected(self, role: Role, *, method: str = "GET", own_team: bool = True) -> int:
        allowed_answer = self.ok if method == "GET" else self.post
        exceptions = self.exceptions if method == "GET" else self.post_exceptions
        if role in exceptions:
            return exceptions[role]
        if allowed_answer == NOT_ALLOWED:
            return NOT_ALLOWED
        if role == Role.ANONYMOUS:
            return allowed_answer if role in self.allowed else self.anonymous
        if role in self.allowed:
            if self.team_scoped and role in STAFF_ROLES and not own_team:
                return self.denied
            return allowed_answer
        return self.denied

    def may(self, role: Role, *, method: str = "GET", own_team: bool = True) -> bool:
        """Whether the role may use the page with this method (so a POST may change data)."""
        if (self.ok if method == "GET" else self.post) == NOT_ALLOWED:
            return False
        exceptions = self.exceptions if method == "GET" else self.post_exceptions
        if role in exceptions:
            return exceptions[role] not in (FORBIDDEN, NOT_FOUND, NOT_ALLOWED)
        if role not in self.allowed:
            return False
        return not (self.team_scoped and role in STAFF_ROLES and not own_team)


def public(
    ok: int = OK, post: int = NOT_ALLOWED, why: str = "", post_exceptions: dict[Role, int] | None = None
) -> Rule:
    return Rule(allowed=EVERYONE, ok=ok, post=post, why=why, post_exceptions=post_exceptions or {})


def logged_in(
    ok: int = OK,
    post: int = NOT_ALLOWED,
    anonymous: int = REDIRECT,
    why: str = "",
    post_exceptions: dict[Role, int] | None = None,
) -> Rule:
    return Rule(
        allowed=LOGGED_IN, ok=ok, post=post, anonymous=anonymous, why=why, post_exceptions=post_exceptions or {}
    )


def post_only(allowed: frozenset[Role] = EVERYONE, *, ok: int = REDIRECT, **kwargs: Any) -> Rule:
    """A form target: POST only; GET answers 405 to everyone."""
    kwargs.setdefault("why", "form target, POST only")
    return Rule(allowed=allowed, ok=NOT_ALLOWED, post=ok, **kwargs)


@cache
def rows() -> dict[str, Rule]:
    """Every app's rows (`<app>.permissions.ROWS`), in the order of INSTALLED_APPS."""
    collected: dict[str, Rule] = {}
    for module in permission_modules():
        for name, rule in module.ROWS.items():
            if name in collected:
                raise ValueError(f"{name} has a row in two apps' permissions.py")
            collected[name] = rule
    return collected


@cache
def permission_modules() -> tuple[ModuleType, ...]:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wijkbasis."):
            continue  # libraries' rows (allauth, the admin) are declared by the app that uses them
        try:
            modules.append(importlib.import_module(f"{config.name}.permissions"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.permissions":
                raise
    return tuple(modules)


def rule_for(url_name: str) -> Rule | None:
    table = rows()
    if url_name in table:
        return table[url_name]
    for pattern, rule in table.items():
        if "*" in pattern and fnmatch.fnmatchcase(url_name, pattern):
            return rule
    return None


#: The project's own addresses (wijkbasis/urls.py) that belong to no app.
ROWS: dict[str, Rule] = {
    "set_language": public(ok=REDIRECT, post=REDIRECT, why="sets a cookie and goes back"),
    "media": public(ok=NOT_FOUND, post=NOT_FOUND, why="public uploads only; the sample file does not exist"),
    # The management site: administrators only (and only after 2FA). Its forms' answers to a
    # POST are Django's; the matrix checks that nobody else gets in and that they change nothing.
    "admin:*": Rule(allowed=frozenset({Role.ADMINISTRATOR}), post=ANY, why="Django admin, for administrators"),
}
