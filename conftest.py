"""Test set-up shared by every app's tests.

- The front-end build and the translations are prepared once per run (as `wijkbasis demo` does).
- No test reaches the internet: Locatieserver answers come from recorded responses, or the
  network is "down".
- Browser tests use Debian's Chromium through Playwright (never `playwright install`).
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.utils.functional import Promise

from wijkbasis import bootstrap

RECORDINGS = Path(__file__).parent / "src" / "wijkbasis" / "areas" / "tests" / "recordings"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    bootstrap.ensure_ready()
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    # As in production (`check --deploy` asks for it): links in e-mails are absolute.
    settings.BASE_URL = "http://testserver"
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # A file, not shared memory: concurrency tests need real SQLite locking (WAL, IMMEDIATE,
        # busy timeout) between threads, as in production.
        # One file per test process, so parallel runs do not share it.
        database.setdefault("TEST", {})["NAME"] = str(Path(settings.DATA_DIR) / f"test-{os.getpid()}.sqlite3")
    # Tests render pages without running collectstatic first: plain static storage, files
    # found through the finders.
    # Tasks (e-mail) run at once in tests, so the outbox can be read; one test runs the real
    # database queue with its worker (accounts/tests/test_email.py).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # The task backends may have been read already (at import); make them read TASKS again.
    from django.core.signals import setting_changed

    setting_changed.send(sender=type(settings), setting="TASKS", value=settings.TASKS, enter=True)
    # Fast password hashing: tests are about behaviour, not the hasher's cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


class RecordedLocatieserver:
    """Answers Locatieserver requests from files recorded in the documented response format.

    A request for `postcode:7201AB` is answered from recordings/7201AB.json, a PC4 request
    (`postcode:7201*`) from recordings/7201.json; a postcode without a recording gets the
    documented empty answer (numFound 0).
    """

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        query = request.url.params.get("q", "")
        postcode = query.removeprefix("postcode:").rstrip("*")
        recording = RECORDINGS / f"{postcode}.json"
        if recording.exists():
            body: dict[str, Any] = json.loads(recording.read_text())
        else:
            body = {"response": {"numFound": 0, "start": 0, "maxScore": 0.0, "numFoundExact": True, "docs": []}}
        start = int(request.url.params.get("start", "0"))
        rows = int(request.url.params.get("rows", "10"))
        body["response"]["docs"] = body["response"]["docs"][start : start + rows]
        return httpx.Response(200, json=body)


def _offline(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("network is unreachable (test)", request=request)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("wijkbasis.areas.postcodes._transport", lambda: httpx.MockTransport(_offline))


@pytest.fixture(autouse=True)
def empty_shared_cache(request: pytest.FixtureRequest, django_db_blocker: Any) -> Iterator[None]:
    """The shared cache lives in a database table the test database's flush leaves alone, so
    what a test that commits (a live server, a transactional test) cached would reach the next
    test: a cached page or a "lookup failed recently" mark. Such tests leave it empty; the others
    roll back their cache writes with everything else."""
    yield
    if {"live_server", "transactional_db"} & set(request.fixturenames):
        from django.core.cache import cache

        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture
def locatieserver(monkeypatch: pytest.MonkeyPatch) -> RecordedLocatieserver:
    server = RecordedLocatieserver()
    monkeypatch.setattr("wijkbasis.areas.postcodes._transport", lambda: httpx.MockTransport(server))
    return server


#: The rows the first `zutphen` of this test process wrote, per model, to be written again in one
#: bulk insert per table by every later test: importing the CBS files and the demo teams costs
#: most of a second, a test's set-up should not.
_ZUTPHEN_ROWS: list[tuple[Any, list[dict[str, Any]]]] | None = None


def _table_counts() -> dict[Any, int]:
    from django.apps import apps

    return {
        model: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def _load_zutphen() -> None:
    from wijkbasis.areas.services import import_areas
    from wijkbasis.demo.services import load_demo

    import_areas(Path(bootstrap.PACKAGE_DIR) / "areas" / "data" / "zutphen")
    load_demo(with_accounts=False, with_volunteering=False)


def _dependency_order(models: list[Any]) -> list[Any]:
    """Models ordered so that every model comes after the ones its foreign keys point to."""
    ordered: list[Any] = []
    pending = list(models)
    while pending:
        for model in pending:
            targets = {
                field.related_model
                for field in model._meta.concrete_fields
                if field.is_relation and field.related_model is not model
            }
            if not targets & (set(pending) - {model}):
                ordered.append(model)
                pending.remove(model)
                break
        else:  # a cycle: keep the remaining order
            ordered += pending
            break
    return ordered


@pytest.fixture
def zutphen(db: None) -> Any:
    """Zutphen's CBS areas and the demo teams, people and places (not the demo log-ins)."""
    global _ZUTPHEN_ROWS
    from django.db import connection

    from wijkbasis.areas.models import Municipality

    if _ZUTPHEN_ROWS is None or Municipality.objects.exists():
        before = _table_counts()
        _load_zutphen()
        written = [model for model, count in _table_counts().items() if count != before[model]]
        if all(before[model] == 0 for model in written):  # only what it wrote into empty tables is reusable
            _ZUTPHEN_ROWS = [
                (
                    model,
                    list(model._base_manager.order_by("pk").values(*[f.attname for f in model._meta.concrete_fields])),
                )
                for model in _dependency_order(written)
            ]
    else:
        for model, rows in _ZUTPHEN_ROWS:
            model._base_manager.bulk_create([model(**row) for row in rows])
        if connection.vendor == "postgresql":
            from django.core.management.color import no_style

            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), [m for m, _r in _ZUTPHEN_ROWS]):
                    cursor.execute(statement)
    return Municipality.objects.get(code="GM0301")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the live server runs the
    # Django code in its own thread, so the ORM use in the test thread is safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


AXE_SCRIPT = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


class AxeViolations(AssertionError):
    pass


def assert_no_axe_violations(page: Any, *, label: str = "") -> None:
    """Run axe-core (the npm version of the lock file) on the page; fail on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe(axe_script=AXE_SCRIPT.read_text()).run(page)
    violations = results.response["violations"]
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {label or page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']}: {violation['help']}")
            lines.extend(f"    {node['target']}: {node['failureSummary']}" for node in violation["nodes"][:5])
        raise AxeViolations("\n".join(lines))


@pytest.fixture
def page(browser: Any, live_server: Any, settings: Any) -> Iterator[Any]:
    settings.BASE_URL = live_server.url  # links in QR codes and e-mails lead to the live server
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def page_text(response: Any) -> str:
    """The visible text of a page: no scripts or styles, tags as spaces (except <wbr>, a mere
    line-break hint inside a word), entities decoded, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<wbr\s*/?>", "", html)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def found(pattern: str, text: str | Promise, flags: int = 0) -> re.Match[str]:
    """The first match of `pattern` in `text` (a page, a mail's body: str or lazy); a test that
    expects it fails here with the text to read, not later on None.group()."""
    match = re.search(pattern, str(text), flags)
    assert match, f"{pattern!r} not found in:\n{text}"
    return match


def login(client: Any, user: Any, *, two_factor: bool = True) -> Any:
    """Log a user in on the test client; with two_factor, as after a completed 2FA step."""
    import time

    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    if two_factor:
        session = client.session
        session["account_authentication_methods_user"] = str(user.pk)
        session["account_authentication_methods"] = [{"method": "mfa", "at": time.time(), "type": "totp"}]
        session.save()
    return client


def browser_login(page: Any, live_server: Any, user: Any, *, two_factor: bool = True) -> None:
    """Log the browser in as `user` (with 2FA done), without going through the login pages."""
    from django.conf import settings
    from django.test import Client

    client = login(Client(), user, two_factor=two_factor)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
