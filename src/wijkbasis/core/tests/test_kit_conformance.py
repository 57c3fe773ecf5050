"""The module kit keeps its shape: every kind of a resident's data is scoped by one rule and read
through one helper, and no view or selector filters it by hand (docs/architecture.md, "Who may
see what").

- Every registered kind of a resident's data (the registry's logged registrations) has
  `objects.visible_to(user)`.
- Every such kind is fetched by an `access_*` helper in some app's access.py, or is only ever
  shown on its parent's pages (`shown_with` in the registry) and reuses the parent's rule.
- Views and selectors never read such a kind through `<Model>.objects...` without
  `.visible_to(...)` in the same chain or an `access*` helper around it (directly, or through a
  variable the function hands to one). The few justified exceptions are in ALLOWED, with why.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import models

from wijkbasis.core import personal_data

SRC = Path(__file__).resolve().parents[2]

#: Calls after `.objects` that read nothing (`create` writes, `none` is empty).
NOT_A_READ = frozenset({"create", "bulk_create", "none", "model"})

_WAITING_LIST = (
    "The order of a service's whole waiting list: a request's place depends on every request of the "
    "service, whoever looks (the public page too). Ids, kinds and priority facts only, never a person; "
    "pages show the rows through access_request_page / log_requests_shown."
)
_REPORT = "Counts for the reports, per wijk and period, never a person; reporting suppresses small counts."
_IN_WORDS = (
    "Names the records of access-log entries the reader already may see (about their own data, or what "
    "they opened themselves): the hook of accounts.selectors.objects_in_words."
)

#: (module, function) → why its reads of a resident's data are not through visible_to or an
#: access_* helper. Keep it short: every entry is a hole in the rule and needs a reason.
ALLOWED: dict[tuple[str, str], str] = {
    ("wijkbasis.accounts.selectors", "resident_counts_by_district"): _REPORT,
    ("wijkbasis.accounts.selectors", "search_residents"): (
        "A search still to be scoped: its one caller (accounts.views.residents) hands it to access_resident_page."
    ),
    ("wijkbasis.accounts.selectors", "look_alikes"): (
        "Finding look-alikes must search every record (someone known to another team is still the same "
        "person); callers show only what visible_to allows (look_alikes_shown_to) or record a "
        "PossibleDuplicate for both teams (services.flag_possible_duplicates)."
    ),
    ("wijkbasis.accounts.selectors", "logged_objects_in_words"): _IN_WORDS,
    ("wijkbasis.accounts.views", "my_accesses"): (
        "Logs (access_list) that 'what I opened' names these residents; the names come from the reader's "
        "own log entries (objects_in_words), nothing else of them is read."
    ),
    ("wijkbasis.volunteering.selectors", "logged_objects_in_words"): _IN_WORDS,
    ("wijkbasis.buurtservice.selectors", "waiting_facts"): _WAITING_LIST,
    ("wijkbasis.buurtservice.selectors", "_ordered"): _WAITING_LIST,
    ("wijkbasis.buurtservice.selectors", "throughput"): _WAITING_LIST,
    ("wijkbasis.buurtservice.selectors", "typical_waits"): _WAITING_LIST,
    ("wijkbasis.buurtservice.selectors", "buurtservice_figures"): _REPORT,
    ("wijkbasis.volunteering.selectors", "volunteering_figures"): _REPORT,
    ("wijkbasis.volunteering.selectors", "organisation_recruitment"): _REPORT,
    ("wijkbasis.buurtservice.selectors", "crew_candidates"): (
        "The active crew of the service of a request the coordinator opened with access_request (the "
        "coordinators of its municipality see that whole crew, Worker.visible_to); the demo plans with it "
        "without a user."
    ),
    ("wijkbasis.buurtservice.selectors", "hours_of"): (
        "One sum for a worker the caller fetched with access_worker or own_worker; every visit counts, also "
        "those in wijken the coordinator does not follow (Assignment.visible_to would drop them)."
    ),
    ("wijkbasis.volunteering.selectors", "teams_for_response"): (
        "Reads only the wijk ids of a response the caller holds, to name the teams that follow it."
    ),
    ("wijkbasis.volunteering.selectors", "shared_profile_facts"): (
        "The cached matching facts of every shared profile, one copy for everyone; its one caller "
        "(profile_facts_visible_to) keeps the ones visible_to allows."
    ),
    ("wijkbasis.volunteering.selectors", "suggested_vacancies"): (
        "Re-reads, for its matching facts, a profile the caller fetched with access_own_talent_profile or "
        "access_resident_talent_profile; returns vacancies."
    ),
}


def personal_models() -> list[type[models.Model]]:
    return [registration.model for registration in personal_data.logged_registrations()]


def scanned_modules() -> list[Path]:
    """Every app's views and selectors (views.py, views/*.py, selectors.py)."""
    found = [*SRC.glob("*/views.py"), *SRC.glob("*/views/*.py"), *SRC.glob("*/selectors.py")]
    return sorted(path for path in found if "tests" not in path.parts)


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_names(tree: ast.AST, module: str) -> dict[str, Any]:
    """Local name → the object it is bound to, for every `from x import y` in the file (also the
    ones inside functions), and the module's own globals."""
    names: dict[str, Any] = dict(vars(importlib.import_module(module)))
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                source = importlib.util.resolve_name("." * node.level + source, package)
            try:
                imported = importlib.import_module(source)
            except ImportError:
                continue
            for alias in node.names:
                if hasattr(imported, alias.name):
                    names[alias.asname or alias.name] = getattr(imported, alias.name)
    return names


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


#: `access*` helpers that log rows without scoping them: handing rows to these proves nothing.
LOGGING_ONLY = frozenset({"access_list"})


def _is_access_helper(name: str) -> bool:
    return (name == "access" or name.startswith("access_")) and name not in LOGGING_ONLY


def _chain(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> tuple[list[str], list[ast.Call], ast.AST]:
    """The method names called on `node` (`.filter(...).select_related(...)`), those calls, and
    the outermost expression of that chain."""
    names: list[str] = []
    calls: list[ast.Call] = []
    while True:
        parent = parents.get(node)
        if isinstance(parent, ast.Attribute) and parent.value is node:
            names.append(parent.attr)
            node = parent
        elif isinstance(parent, ast.Call) and parent.func is node:
            calls.append(parent)
            node = parent
        else:
            return names, calls, node


def _mentions_visible(expression: ast.AST, visible_names: set[str]) -> bool:
    """`expression` contains a `.visible_to(...)`, or a variable bound to one."""
    return any(
        (isinstance(node, ast.Attribute) and node.attr == "visible_to")
        or (isinstance(node, ast.Name) and node.id in visible_names)
        for node in ast.walk(expression)
    )


def _through_a_scoped_parent(calls: list[ast.Call], visible_names: set[str]) -> bool:
    """`.filter(response__in=Response.objects.visible_to(user))`: rows of parents the user may see."""
    return any(
        keyword.arg is not None and keyword.arg.endswith("__in") and _mentions_visible(keyword.value, visible_names)
        for call in calls
        for keyword in call.keywords
    )


def _inside_access_call(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """The expression is (part of) an argument of an `access*` helper, or the queryset of a
    `Prefetch` (which only fetches the related rows of parents already fetched)."""
    while node in parents:
        parent = parents[node]
        if isinstance(parent, ast.Call) and parent.func is not node:
            called = _called_name(parent)
            if _is_access_helper(called) or called == "Prefetch":
                return True
        if isinstance(parent, (ast.stmt, ast.Lambda, ast.comprehension)):
            return False
        node = parent
    return False


def _function_of(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return node
    return None


def _scoped_names(function: ast.AST) -> set[str]:
    """Variables the function scopes later: `x.visible_to(...)`, or handed to an `access*` helper."""
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Attribute) and node.attr == "visible_to" and isinstance(node.value, ast.Name):
            names.add(node.value.id)
        if isinstance(node, ast.Call) and _is_access_helper(_called_name(node)):
            for argument in [*node.args, *(keyword.value for keyword in node.keywords)]:
                names.update(name.id for name in ast.walk(argument) if isinstance(name, ast.Name))
    return names


def _visible_names(function: ast.AST | None) -> set[str]:
    """Variables bound to an expression with `.visible_to(...)` in it."""
    if function is None:
        return set()
    return {
        target.id
        for node in ast.walk(function)
        if isinstance(node, ast.Assign) and _mentions_visible(node.value, set())
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _assigned_to(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> set[str]:
    while node in parents and not isinstance(node, ast.stmt):
        node = parents[node]
    if isinstance(node, ast.Assign):
        return {target.id for target in node.targets if isinstance(target, ast.Name)}
    if isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
        return {node.target.id}
    return set()


def hand_filters(source: str, module: str, personal: set[type[models.Model]]) -> Iterator[tuple[str, str, str, int]]:
    """(module, function, model, line) of every unscoped read of a resident's data in a module."""
    tree = ast.parse(source)
    names = _imported_names(tree, module)
    parents = _parents(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager"}):
            continue
        if not isinstance(node.value, ast.Name):
            continue
        model = names.get(node.value.id)
        if model not in personal:
            continue
        chain, calls, outer = _chain(node, parents)
        if chain and chain[0] in NOT_A_READ:
            continue
        if "visible_to" in chain or _inside_access_call(outer, parents):
            continue
        function = _function_of(node, parents)
        if _through_a_scoped_parent(calls, _visible_names(function)):
            continue
        if function is not None and _assigned_to(outer, parents) & _scoped_names(function):
            continue
        yield module, function.name if function else "<module>", model.__name__, node.lineno


# ---------------------------------------------------------------------------


@pytest.mark.parametrize("model", personal_models(), ids=lambda model: model._meta.label)
def test_every_kind_of_a_residents_data_has_visible_to(model: type[models.Model]) -> None:
    manager: Any = model._default_manager
    assert callable(getattr(manager, "visible_to", None)), f"{model._meta.label}: its QuerySet needs visible_to(user)"
    queryset = manager.all()
    if getattr(queryset, "visible_through", ""):
        queryset._parent_model()  # the lookup names a real parent


def _access_helpers() -> dict[str, set[str]]:
    """Model class name → the `access_*` helpers (in every app's access.py) that name it."""
    helpers: dict[str, set[str]] = {}
    for path in SRC.glob("*/access.py"):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and _is_access_helper(node.name):
                for name in ast.walk(node):
                    if isinstance(name, ast.Name):
                        helpers.setdefault(name.id, set()).add(f"{path.parent.name}.{node.name}")
    return helpers


def _parent_of(registration: personal_data.PersonalData) -> type[models.Model]:
    model: Any = registration.model
    for part in registration.shown_with.split("__"):
        model = model._meta.get_field(part).related_model
    parent: type[models.Model] = model
    return parent


def test_every_kind_of_a_residents_data_is_fetched_by_an_access_helper() -> None:
    """Fetched by its own `access_*` helper, or shown only on its parent's pages (`shown_with`),
    whose helper fetches it."""
    helpers = _access_helpers()
    registered = {registration.model: registration for registration in personal_data.logged_registrations()}
    problems = []
    for model, registration in registered.items():
        seen = {model}
        shown: personal_data.PersonalData | None = registration
        while model.__name__ not in helpers and shown is not None and shown.shown_with:
            model = _parent_of(shown)
            shown = registered.get(model)
            if model in seen:
                break
            seen.add(model)
        if model.__name__ not in helpers:
            problems.append(
                f"{'/'.join(m._meta.label for m in seen)}: no access_* helper in an access.py fetches it "
                "(or declare shown_with= in its registration, when it is only shown on its parent's pages)"
            )
    assert not problems, "\n".join(problems)


def test_no_view_or_selector_reads_a_residents_data_by_hand() -> None:
    personal = set(personal_models())
    found = [hit for path in scanned_modules() for hit in hand_filters(path.read_text(), _module_name(path), personal)]
    problems = sorted(
        f"{module}.{function} line {line}: {model}.objects… without .visible_to(user) or an access_* helper"
        for module, function, model, line in found
        if (module, function) not in ALLOWED
    )
    assert not problems, "\n".join(problems)
    unused = set(ALLOWED) - {(module, function) for module, function, _model, _line in found}
    assert not unused, f"allowed but no longer needed, remove from ALLOWED: {sorted(unused)}"


def test_the_scan_finds_a_hand_filter() -> None:
    """The scanner itself: a raw filter is found, a scoped one is not."""
    from wijkbasis.accounts.models import Resident

    source = (
        "from wijkbasis.accounts.models import Resident\n"
        "from wijkbasis.accounts.access import access_resident_page\n"
        "def raw(user):\n    return Resident.objects.filter(name='x')\n"
        "def scoped(user):\n    return Resident.objects.filter(name='x').visible_to(user)\n"
        "def handed(user):\n    shown = Resident.objects.all()\n"
        "    return access_resident_page(user, shown, 1, per_page=2)\n"
        "def through_parent(user):\n    mine = Resident.objects.visible_to(user)\n"
        "    return Resident.objects.filter(pk__in=mine)\n"
        "def unscoped_subquery(user):\n    return Resident.objects.filter(pk__in=Resident.objects.all())\n"
        "def wrapped(user):\n    return access_resident_page(user, Resident.objects.all(), 1, per_page=2)\n"
    )
    hits = list(hand_filters(source, __name__, {Resident}))
    assert sorted({function for _module, function, _model, _line in hits}) == ["raw", "unscoped_subquery"]
