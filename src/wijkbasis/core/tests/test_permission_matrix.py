"""Every URL × every role × GET and POST against the permission matrix (every app's permissions.py).

The world is built once per test (core/tests/matrix.py); every POST runs in a savepoint that is
rolled back afterwards, so each request meets the same world, and what a refused POST wrote is
seen table by table.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import login
from django.conf import settings
from django.test import Client
from django.urls import reverse

from wijkbasis.core.models import AccessLogEntry
from wijkbasis.core.permissions import ANY, PRIVILEGED, rule_for
from wijkbasis.core.roles import Role
from wijkbasis.core.tests.matrix import (
    CSRF_TOKEN,
    TABLES_A_REFUSAL_MAY_WRITE,
    World,
    build_world,
    expected_status,
    logged_in_clients,
    refused,
    sample_url,
    url_names,
    watch_changes,
)

pytestmark = pytest.mark.django_db


def check_get(world: World, names: list[tuple[str, Any]]) -> list[str]:
    """Request every URL as every identity; return the differences from the matrix."""
    problems = []
    clients = logged_in_clients(world)
    for name, pattern in names:
        if rule_for(name) is None:
            problems.append(f"{name}: not in the permission matrix (its app's permissions.py)")
            continue
        url = sample_url(name, pattern, world)
        for identity in world.identities:
            status = clients[identity.label].get(url).status_code
            expected = expected_status(name, identity)
            if status != expected:
                problems.append(f"GET {name} {url} as {identity.label}: {status}, expected {expected}")
    return problems


def check_post(world: World, names: list[tuple[str, Any]]) -> tuple[list[str], int]:
    """POST the sample body (with a valid CSRF token) to every URL as every identity; each in a
    savepoint rolled back afterwards. Returns the differences and the number of requests."""
    problems = []
    requests = 0
    clients = logged_in_clients(world, csrf=True)
    cookies = {label: client.cookies.output() for label, client in clients.items()}
    for name, pattern in names:
        if rule_for(name) is None:
            problems.append(f"{name}: not in the permission matrix (its app's permissions.py)")
            continue
        url = sample_url(name, pattern, world)
        sample = world.samples.get(name)
        body = sample.post if sample is not None and sample.post is not None else {}
        for identity in world.identities:
            client = clients[identity.label]
            with watch_changes() as changes:
                status = client.post(url, body, HTTP_X_CSRFTOKEN=CSRF_TOKEN).status_code
            requests += 1
            # A login, logout or token rotation changed the client's cookies: the rolled-back
            # database has the old session again, so the client gets its old cookies back.
            client.cookies.clear()
            client.cookies.load(cookies[identity.label].replace("Set-Cookie: ", "").replace("\r\n", ";"))
            client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_TOKEN
            expected = expected_status(name, identity, "POST")
            if status >= 500 or (expected != ANY and status != expected):
                problems.append(f"POST {name} {url} as {identity.label}: {status}, expected {expected or '<500'}")
            written = changes.tables - TABLES_A_REFUSAL_MAY_WRITE
            if refused(name, identity, "POST") and written:
                problems.append(f"POST {name} as {identity.label} was refused but wrote to {sorted(written)}")
    return problems, requests


def test_every_url_answers_every_role_as_the_matrix_says(zutphen: Any) -> None:
    world = build_world(zutphen)
    problems = check_get(world, list(url_names()))
    assert not problems, "\n".join(problems)


def test_every_url_answers_a_post_of_every_role_as_the_matrix_says(zutphen: Any) -> None:
    world = build_world(zutphen)
    problems, requests = check_post(world, list(url_names()))
    assert requests > 1000
    assert not problems, "\n".join(problems)


def test_a_url_missing_from_the_matrix_fails_the_check(zutphen: Any) -> None:
    """The test of the test: a page nobody decided about is reported, not silently passed."""
    from django.http import HttpResponse
    from django.urls import path

    world = build_world(zutphen)
    forgotten = path("vergeten/", lambda request: HttpResponse("geheim"), name="forgotten_page")
    message = "forgotten_page: not in the permission matrix (its app's permissions.py)"
    assert check_get(world, [("forgotten_page", forgotten)]) == [message]
    assert check_post(world, [("forgotten_page", forgotten)])[0] == [message]


def test_a_refused_post_that_writes_fails_the_check(zutphen: Any, settings: Any) -> None:
    """The test of the test: a view that writes before it refuses is caught, on both databases."""
    from wijkbasis.core.permissions import post_only, rows
    from wijkbasis.core.tests import urls_leaking

    world = build_world(zutphen)
    settings.ROOT_URLCONF = "wijkbasis.core.tests.urls_leaking"
    table = rows()
    table["leaking_form"] = post_only(frozenset({Role.ADMINISTRATOR}))
    try:
        problems, _requests = check_post(world, [("leaking_form", urls_leaking.urlpatterns[0])])
    finally:
        del table["leaking_form"]
    assert "POST leaking_form as resident was refused but wrote to ['areas_municipality']" in problems
    assert not any("as administrator was refused" in problem for problem in problems)


def test_no_page_opens_for_staff_without_completed_two_factor(zutphen: Any) -> None:
    """Every URL that the matrix opens to a privileged role, requested by that role after a
    login without 2FA, sends them to set up or use their second factor first."""
    world = build_world(zutphen)
    problems = []
    checked = 0
    clients = logged_in_clients(world, two_factor=False)
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
    client = login(Client(), world.administrator)
    assert client.get(reverse("admin:core_accesslogentry_changelist"), {"q": str(world.resident.pk)}).status_code == 200
    entry = AccessLogEntry.objects.all()[0]
    response = client.post(reverse("admin:core_accesslogentry_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_every_app_declares_its_own_rows() -> None:
    """No row for one app's URL lives in another app's permissions.py."""
    from wijkbasis.core.permissions import permission_modules

    misplaced = []
    for module in permission_modules():
        app = module.__name__.split(".")[1]
        for name in module.ROWS:
            namespace = name.split(":")[0] if ":" in name else ""
            if namespace in {"areas", "accounts", "volunteering", "reporting", "buurtservice"} and namespace != app:
                misplaced.append(f"{name} in {module.__name__}")
    assert not misplaced, misplaced
    assert Role.ANONYMOUS  # the roles enum is the vocabulary of every row
