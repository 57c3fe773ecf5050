"""Every page can be found: crawling from /start/ as each role (the permission matrix's world),
following the links of each page within the site, reaches every page the matrix lets that role
open (200) that needs no object, and the object pages from their lists. A page linked from
nowhere — as /mijn/talenten/ and the brokers' candidates once were — fails here."""

from __future__ import annotations

import html
import re
from collections import Counter, deque
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from wijkbasis.core.roles import Role
from wijkbasis.core.tests.matrix import Identity, build_world, expected_status, logged_in_clients, url_names

pytestmark = pytest.mark.django_db

LINK = re.compile(r"<a\b[^>]*?\shref=\"([^\"]+)\"", re.IGNORECASE)
#: Not pages to find by a link: scripts, form targets, and pages that only follow a form or a
#: state. (name: why), for every role.
NOT_LINKED: dict[str, str] = {
    "admin:jsi18n": "a script the admin's pages load, not a page",
    "admin:password_change_done": "shown after changing the password",
    "account_reset_password_done": "shown after asking for a new password",
    "account_reset_password_from_key_done": "shown after setting a new password from the e-mail",
    "account_inactive": "shown when an inactive account tries to log in",
    "account_logout": "logging out is the header's button (a form); this page confirms a logout by its address",
    "account_request_login_code": "the login page asks for the code itself; this is allauth's own door to it",
    "areas:postcode": "the target of the postcode finder's form (GET)",
    "volunteering:search_saved": "shown after saving a search",
    "volunteering:organisation_registered": "shown after signing up an organisation",
    "mfa_generate_recovery_codes": "linked once an authenticator app is set up (the world's accounts have none)",
    "mfa_list_webauthn": "linked once a security key is added (the world's accounts have none)",
}
#: The same for logged-in roles only.
NOT_LINKED_WHEN_LOGGED_IN: dict[str, str] = {
    "account_reset_password": "linked on the login page; logged in, a password is set under 'Log-in and security'",
    "admin:password_change": "the admin's header links it only to someone with a password (the world's have none)",
}
#: Object pages of one kind visited at most this often: enough to find what they link to.
PER_PAGE_KIND = 2


def _view_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client: Client, start: str, *, limit: int = 800) -> set[str]:
    """The URL names of the pages reached (200, HTML or a download) from `start` by links."""
    queue: deque[str] = deque([start])
    queued = {start}
    visits: Counter[str] = Counter()
    reached: set[str] = set()
    requests = 0
    while queue and requests < limit:
        url = queue.popleft()
        name = _view_name(urlsplit(url).path)
        if name is None or visits[name] >= PER_PAGE_KIND:
            continue
        visits[name] += 1
        requests += 1
        response = client.get(url)
        if response.status_code in (301, 302):
            location = response["Location"]
            if location not in queued:
                queued.add(location)
                queue.append(location)
            continue
        if response.status_code != 200:
            continue
        reached.add(name)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for href in LINK.findall(response.content.decode()):
            target = _within_site(html.unescape(href), base=url)
            if target and target not in queued:
                queued.add(target)
                queue.append(target)
    return reached


def _within_site(href: str, *, base: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != "testserver"):
        return None
    path = parts.path or urlsplit(base).path
    if not path.startswith("/") or path.startswith(("/static/", "/media/")):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _pages_to_find(identity: Identity) -> set[str]:
    found = set()
    for name, pattern in url_names():
        params = set(pattern.pattern.converters) | set(pattern.pattern.regex.groupindex)
        if params or name in NOT_LINKED or name.startswith("admin:/"):
            continue
        if identity.role != Role.ANONYMOUS and name in NOT_LINKED_WHEN_LOGGED_IN:
            continue
        if expected_status(name, identity) == 200:
            found.add(name)
    return found


def test_every_page_of_each_role_is_linked_from_its_start_page(zutphen: Any) -> None:
    world = build_world(zutphen)
    clients = logged_in_clients(world)
    missing = []
    for identity in world.identities:
        if not identity.own_team:
            continue  # the other team's staff see the same pages
        start = "/" if identity.role == Role.ANONYMOUS else "/start/"
        reached = crawl(clients[identity.label], start)
        missing += [f"{identity.label}: {name}" for name in sorted(_pages_to_find(identity) - reached)]
    assert not missing, "\n".join(missing)


def test_the_crawl_finds_a_page_only_through_a_link(zutphen: Any) -> None:
    """The test of the test: a resident's page nobody links to is reported."""
    world = build_world(zutphen)
    client = logged_in_clients(world)["resident"]
    reached = crawl(client, "/start/")
    assert "accounts:my_data" in reached
    assert "accounts:werkplek" not in reached  # not theirs: never linked for them
