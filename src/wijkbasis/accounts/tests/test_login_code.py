"""Logging in by code: the code page offers "Send a new code" (within allauth's limits) and a way
back to type another address."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import page_text
from django.core import mail
from django.core.cache import cache
from django.test import Client

from wijkbasis.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CODE_PAGE = "/account/login/code/confirm/"


@pytest.fixture(autouse=True)
def fresh_rate_limits(db: None) -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def _codes_to(address: str) -> list[str]:
    return [
        match.group(1)
        for message in mail.outbox
        if address in message.to
        for match in [re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", str(message.body), re.MULTILINE)]
        if match
    ]


def _ask_code(client: Client, address: str) -> None:
    response = client.post("/account/login/", {"login": address})
    assert response.status_code == 302 and response["Location"].startswith(CODE_PAGE)


def test_the_code_page_sends_a_new_code_and_the_new_one_works(client: Client, zutphen: Any) -> None:
    user = UserFactory(email="hodan@example.org")
    _ask_code(client, user.email)
    page = client.get(CODE_PAGE).content.decode()
    assert 'name="action" value="resend"' in page and 'form="resend"' in page

    response = client.post(CODE_PAGE, {"action": "resend"})
    assert response.status_code == 302
    first, second = _codes_to(user.email)
    assert first != second
    response = client.post(CODE_PAGE, {"code": second})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(user.pk)


def test_new_codes_stop_at_allauths_limit_and_the_page_says_what_to_do(client: Client, zutphen: Any) -> None:
    user = UserFactory(email="hodan@example.org")
    _ask_code(client, user.email)
    for _resend in range(2):
        client.post(CODE_PAGE, {"action": "resend"})
    assert len(_codes_to(user.email)) == 3
    page = client.get(CODE_PAGE)
    assert 'value="resend"' not in page.content.decode()
    client.post(CODE_PAGE, {"action": "resend"})
    assert len(_codes_to(user.email)) == 3  # nothing more is sent
    assert "logout-from-stage" in page.content.decode()  # starting again remains


def test_the_way_back_lets_someone_type_another_address(client: Client, zutphen: Any) -> None:
    UserFactory(email="hodan@example.org")
    right = UserFactory(email="hodan.ali@example.org")
    _ask_code(client, "hodan@example.org")
    page = client.get(CODE_PAGE).content.decode()
    assert 'action="/account/logout/"' in page
    # The login page itself sends people back to the code they are waiting for…
    assert client.get("/account/login/")["Location"].startswith(CODE_PAGE)
    # …until they choose to start again.
    response = client.post("/account/logout/", {"next": "/account/login/"})
    assert response["Location"] == "/account/login/"
    assert client.get("/account/login/").status_code == 200
    _ask_code(client, right.email)
    assert right.email in page_text(client.get(CODE_PAGE))
    client.post(CODE_PAGE, {"code": _codes_to(right.email)[-1]})
    assert client.session.get("_auth_user_id") == str(right.pk)
