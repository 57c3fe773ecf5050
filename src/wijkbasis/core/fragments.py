"""Rendered parts of public pages, kept in the shared cache until their data changes.

A part of a page that is the same for every visitor (a wijk's teams, places and map; the home
page's municipalities) is rendered once per language and kept under the *version* of the data
it shows. An app names its data (`"areas"`) and bumps the version whenever that data changes
(`invalidate_on_change` connects the receivers for its models); a part kept under an older
version is rendered again at its next request. The version lives in the shared cache too
(settings.CACHES, the database by default), so a change made by one server process is seen by
all of them at their next request; each part is kept with the version it was rendered under,
so one read of the cache gets both.

Never personal: cache only what an anonymous visitor sees as well. The page around a part (the
header with the account links, the CSRF token of its forms, messages) is rendered per request.

A kind made of other kinds' data (the vacancy search form shows skills and wijken) is declared
with `follows("vacancy-search-form", "skills", "areas")`: it is bumped whenever one of those is.
Only declared kinds can be cached, so a misspelt kind in a template fails at once instead of
being kept, never invalidated, for hours.

The versions also tell a process-local cache when to rebuild: `version(kind)` is one read of
the shared cache, where comparing the data itself would read every row (volunteering's matching
facts of the shared talent profiles: `selectors.shared_profile_facts`). Such a cache may hold
personal data, in the process's memory only; the shared cache holds just the number.

In templates: `{% load fragments %}{% fragment "areas" "district" district.pk %}…{% endfragment %}`;
in code: `cached_fragment("areas", ("district", pk), render)`.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

#: Parts are kept this long at most, also when nothing changes: a safety net for a change made
#: past the model signals (a raw SQL update) and room for the cache to forget rarely seen parts.
TIMEOUT = 6 * 3600

#: Every declared kind, each with the kinds that follow it (bumped whenever it is).
_FOLLOWERS: dict[str, set[str]] = {}


def _version_key(kind: str) -> str:
    return f"fragments:{kind}:version"


def version(kind: str) -> int:
    """The current version of this kind of data."""
    current = cache.get(_version_key(kind))
    if current is None:
        # A number never used before (not 1: the cache may have forgotten the version while parts
        # made under it remain). `add`, so two processes starting at once agree on one.
        cache.add(_version_key(kind), time.time_ns(), timeout=None)
        current = cache.get(_version_key(kind), 0)
    return int(current)


def bump(kind: str) -> None:
    """This kind of data changed: parts rendered before, of it and of the kinds that follow it,
    are not used again."""
    kinds, todo = set(), [kind]
    while todo:
        current = todo.pop()
        if current not in kinds:
            kinds.add(current)
            todo.extend(_FOLLOWERS.get(current, ()))
    now = time.time_ns()
    cache.set_many({_version_key(each): now for each in kinds}, timeout=None)


def mark_changed(kind: str) -> None:
    """For a receiver: bump `kind` now, and again once the change is committed (a part rendered
    in between from the data as it was must not be kept under the new version)."""
    bump(kind)
    transaction.on_commit(lambda: bump(kind))


def bump_all() -> None:
    """Every kind changed: for commands that write with bulk_create or raw SQL (no signals)."""
    for kind in list(_FOLLOWERS):
        bump(kind)


def declare(kind: str) -> None:
    """`kind` may be cached; `invalidate_on_change` and `follows` declare theirs."""
    _FOLLOWERS.setdefault(kind, set())


def follows(kind: str, *sources: str) -> None:
    """`kind` shows the data of the `sources` kinds: bump it whenever one of them is bumped."""
    declare(kind)
    for source in sources:
        declare(source)
        _FOLLOWERS[source].add(kind)


def _key(kind: str, parts: Iterable[Any]) -> str:
    name = ":".join(str(part) for part in parts)
    if len(name) > 100 or not name.isascii():
        name = hashlib.sha256(name.encode()).hexdigest()
    return f"fragments:{kind}:{get_language()}:{name}"


def cached_fragment(kind: str, parts: Iterable[Any], render: Callable[[], str]) -> SafeString:
    """The part named `parts`, rendered by `render()` when the cache does not have it (in the
    active language) for the current version of `kind`. A part is kept with the version it was
    rendered under, so one read of the shared cache gets both the version and the part."""
    if kind not in _FOLLOWERS:
        raise ImproperlyConfigured(
            f"Fragment kind {kind!r} is not declared: call invalidate_on_change or follows for it in an app's ready()."
        )
    key, version_key = _key(kind, parts), _version_key(kind)
    found = cache.get_many([version_key, key])
    current = found.get(version_key)
    if current is None:
        current = version(kind)
    stored = found.get(key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == current:
        return mark_safe(str(stored[1]))  # rendered by our own templates, escaped there
    html = str(render())
    cache.set(key, (current, html), timeout=TIMEOUT)
    return mark_safe(html)  # rendered by our own templates, escaped there


def invalidate_on_change(
    kind: str, app_label: str, *, except_models: Iterable[str] = (), only_models: Iterable[str] = ()
) -> None:
    """Bump `kind` whenever a model of the app (of `only_models`, if given; never of
    `except_models`) is saved or deleted, a many-to-many relation of one changes, or its rows are
    updated through core.access.logged_update (signals.rows_updated); and after `migrate` (new
    code may render the parts differently, and a test database is emptied that way). Other bulk
    writes pass no signals: commands that make them call `bump_all` themselves."""
    from wijkbasis.core.signals import rows_updated

    declare(kind)
    skipped = set(except_models)
    only = set(only_models)

    def changed(**_kwargs: Any) -> None:
        mark_changed(kind)

    uid = f"fragments:{kind}"
    for model in apps.get_app_config(app_label).get_models():
        if model._meta.model_name in skipped or (only and model._meta.model_name not in only):
            continue
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:save:{model._meta.label}")
        rows_updated.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:update:{model._meta.label}")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:delete:{model._meta.label}")
        for relation in model._meta.local_many_to_many:
            through = relation.remote_field.through
            if through is not None:  # None only before the models are loaded
                m2m_changed.connect(
                    changed, sender=through, weak=False, dispatch_uid=f"{uid}:m2m:{through._meta.label}"
                )
    post_migrate.connect(changed, weak=False, dispatch_uid=f"{uid}:migrate")
