"""How long a login lasts: "stay logged in" for a login by code too, staff never beyond the browser
and their idle limit."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from conftest import login
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from wijkbasis.accounts.models import User
from wijkbasis.accounts.tests.factories import UserFactory, staff_user
from wijkbasis.areas.models import NeighbourhoodTeam

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    cache.clear()


def _code_in_last_mail() -> str:
    found = re.search(r"\b[A-Z0-9]{4}-?[A-Z0-9]{4}\b|\b\d{6}\b", str(mail.outbox[-1].body))
    assert found is not None
    return found.group(0)


def _log_in_by_code(client: Client, email: str, **form: str) -> None:
    response = client.post("/account/login/", {"login": email, **form})
    assert response.status_code == 302, response.content.decode()[:500]
    response = client.post("/account/login/code/confirm/", {"code": _code_in_last_mail()})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(User.objects.get(email=email).pk)


def _cookie_lifetime(client: Client, settings: Any) -> str:
    """Max-Age of the session cookie: '' for a cookie that ends with the browser."""
    return str(client.cookies[settings.SESSION_COOKIE_NAME]["max-age"])


def test_a_login_by_code_without_stay_logged_in_ends_with_the_browser(zutphen: Any, settings: Any) -> None:
    UserFactory(email="kort@example.org")
    client = Client()
    _log_in_by_code(client, "kort@example.org")
    assert client.session.get_expire_at_browser_close()
    assert _cookie_lifetime(client, settings) == ""


def test_a_login_by_code_with_stay_logged_in_lasts_the_session_days(zutphen: Any, settings: Any) -> None:
    UserFactory(email="lang@example.org")
    client = Client()
    _log_in_by_code(client, "lang@example.org", remember="on")
    assert not client.session.get_expire_at_browser_close()
    assert _cookie_lifetime(client, settings) == str(settings.SESSION_COOKIE_AGE)


def test_the_choice_is_for_that_address_only_and_for_a_while() -> None:
    """A choice left behind by a login that was not completed does not carry over to another."""
    import time

    from wijkbasis.accounts.adapter import remember_choice, remembers

    user = User(email="eerst@example.org")
    choice = remember_choice(email="Eerst@example.org ", remember=True)
    assert remembers(choice, user)
    assert not remembers(choice, User(email="daarna@example.org"))
    assert not remembers({**choice, "at": time.time() - 3600}, user)
    assert not remembers(remember_choice(email="eerst@example.org", remember=False), user)
    assert not remembers(None, user) and not remembers("ja", user)


def test_the_login_page_shows_stay_logged_in_next_to_the_code_button(client: Client, zutphen: Any) -> None:
    content = client.get("/account/login/").content.decode()
    details = content.index("<details")
    assert content.index('name="remember"') < content.index("Stuur mij een code") < details


def test_a_staff_session_ends_with_the_browser_and_after_idle_minutes(zutphen: Any, settings: Any) -> None:
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    client = login(Client(), broker)
    client.session.set_expiry(settings.SESSION_COOKIE_AGE)  # as if "stay logged in" was ticked
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get("/werkplek/").status_code == 200
    assert client.session.get_expire_at_browser_close()
    with time_machine.travel(start + dt.timedelta(seconds=settings.STAFF_IDLE_TIMEOUT - 5), tick=False):
        assert client.get("/werkplek/").status_code == 200  # still active: the idle time starts again
    with time_machine.travel(start + dt.timedelta(seconds=2 * settings.STAFF_IDLE_TIMEOUT - 10), tick=False):
        assert client.get("/werkplek/").status_code == 200
    with time_machine.travel(start + dt.timedelta(seconds=3 * settings.STAFF_IDLE_TIMEOUT + 60), tick=False):
        response = client.get("/werkplek/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert "_auth_user_id" not in client.session


def _session_writes(client: Client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    statements = [query["sql"].lstrip().upper() for query in queries]
    return sum(1 for sql in statements if sql.startswith("UPDATE") and "DJANGO_SESSION" in sql)


def test_a_staff_session_is_written_at_most_once_a_minute(zutphen: Any) -> None:
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    client = login(Client(), broker)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/werkplek/")
        seen = client.session["wijkbasis_last_seen"]
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        assert _session_writes(client, "/werkplek/") == 0
        assert client.session["wijkbasis_last_seen"] == seen
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        assert _session_writes(client, "/werkplek/") == 1
        assert client.session["wijkbasis_last_seen"] > seen


def test_a_staff_session_ends_at_its_maximum_age_however_active(zutphen: Any, settings: Any) -> None:
    broker = staff_user(NeighbourhoodTeam.objects.get(slug="waterkwartier"))
    client = login(Client(), broker)
    start = timezone.now()
    minutes = 0
    while minutes * 60 <= settings.STAFF_SESSION_MAXIMUM:
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            assert client.get("/werkplek/").status_code == 200, minutes  # active every 20 minutes
        minutes += 20
    with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
        response = client.get("/werkplek/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    assert "_auth_user_id" not in client.session


def test_a_resident_session_ends_at_its_maximum_age(zutphen: Any, settings: Any) -> None:
    from wijkbasis.accounts.middleware import LOGGED_IN_AT_SESSION_KEY

    UserFactory(email="blijft@example.org")
    client = Client()
    _log_in_by_code(client, "blijft@example.org", remember="on")
    assert client.get("/mijn/").status_code == 200
    session = client.session
    session[LOGGED_IN_AT_SESSION_KEY] -= settings.SESSION_COOKIE_AGE + 60
    session.save()
    response = client.get("/mijn/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
