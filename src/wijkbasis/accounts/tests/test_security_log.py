"""Every login, failed login, logout and rejected code is a line of the security log, with the
account's id and the address it came from, never the e-mail address typed."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from conftest import found
from django.core import mail
from django.core.cache import cache
from django.test import Client

from wijkbasis.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    cache.clear()


def _lines(caplog: Any) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "wijkbasis.security"]


def test_logins_failures_codes_and_logouts_are_logged(zutphen: Any, caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="wijkbasis.security")
    user = UserFactory(email="inlogger@example.org")
    user.set_password("een-goed-wachtwoord-42")
    user.save()
    client = Client(REMOTE_ADDR="192.0.2.44")

    client.post("/account/login/", {"login": "inlogger@example.org", "password": "fout", "method": "password"})
    client.post("/account/login/", {"login": "iemand.anders@example.org", "password": "fout", "method": "password"})
    client.post("/account/login/", {"login": "inlogger@example.org"})
    client.post("/account/login/code/confirm/", {"code": "AAAA-AAAA"})
    code = found(r"\b[A-Z0-9]{4}-?[A-Z0-9]{4}\b", mail.outbox[-1].body).group(0)
    client.post("/account/login/code/confirm/", {"code": code})
    client.post("/account/logout/")

    lines = _lines(caplog)
    assert f"event=login_failed user={user.pk} ip='192.0.2.44' path='/account/login/'" in lines
    assert "event=login_failed user='-' ip='192.0.2.44' path='/account/login/'" in lines
    assert any(line.startswith(f"event=login_code_rejected user={user.pk} ") for line in lines)
    assert any(
        line.startswith(f"event=login user={user.pk} ip='192.0.2.44'") and "method='code'" in line for line in lines
    )
    assert any(line.startswith(f"event=logout user={user.pk} ") for line in lines)
    assert not any("@" in line for line in lines)


def test_a_crafted_path_cannot_forge_a_line(rf: Any, caplog: Any) -> None:
    from wijkbasis.accounts.security_log import log_event

    caplog.set_level(logging.INFO, logger="wijkbasis.security")
    request = rf.get("/account/login/")
    request.path = "/account/login/\nevent=login user=1"
    log_event("login_failed", request)
    assert _lines(caplog) == ["event=login_failed user='-' ip='127.0.0.1' path='/account/login/\\nevent=login user=1'"]
