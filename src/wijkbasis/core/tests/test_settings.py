from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from wijkbasis import settings as settings_module

DOCS = Path(__file__).parents[4] / "docs" / "configuration.md"


def test_every_environment_variable_is_documented() -> None:
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", DOCS.read_text(), flags=re.M))
    assert documented == set(settings_module.ENVIRONMENT_VARIABLES)


def test_sqlite_runs_in_wal_mode_with_immediate_transactions() -> None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


def test_env_reads_typed_values_and_refuses_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WB_TEST_FLAG", "yes")
    monkeypatch.setenv("WB_TEST_LIST", "a.nl, b.nl,")
    monkeypatch.setenv("WB_TEST_NUMBER", "drie")
    assert settings_module.env("WB_TEST_FLAG", False, "test", bool) is True
    assert settings_module.env("WB_TEST_LIST", [], "test", list) == ["a.nl", "b.nl"]
    assert settings_module.env("WB_TEST_MISSING", 7, "test", int) == 7
    with pytest.raises(ImproperlyConfigured):
        settings_module.env("WB_TEST_NUMBER", 0, "test", int)
    monkeypatch.setenv("WB_TEST_FLAG", "misschien")
    with pytest.raises(ImproperlyConfigured):
        settings_module.env("WB_TEST_FLAG", False, "test", bool)
    for name in ("WB_TEST_FLAG", "WB_TEST_LIST", "WB_TEST_NUMBER", "WB_TEST_MISSING"):
        settings_module.ENVIRONMENT_VARIABLES.pop(name)


def test_deploy_check_asks_for_base_url(settings: Any) -> None:
    """E-mails are rendered by the task worker, without a request: their links need BASE_URL."""
    from wijkbasis.core.checks import base_url_is_set

    settings.BASE_URL = ""
    assert [warning.id for warning in base_url_is_set()] == ["wijkbasis.W001"]
    settings.BASE_URL = "https://wijkbasis.example.nl"
    assert base_url_is_set() == []


def test_the_demo_links_its_emails_to_where_it_serves(settings: Any, monkeypatch: Any) -> None:
    from wijkbasis.core.links import absolute_url
    from wijkbasis.demo.management.commands.demo import _configure_demo

    monkeypatch.setenv("BASE_URL", "")  # restored after the test, whatever _configure_demo sets
    monkeypatch.setenv("EMAIL_BACKEND", "")
    settings.BASE_URL = ""
    settings.EMAIL_BACKEND = settings.EMAIL_BACKEND  # so the fixture puts the test backend back afterwards
    _configure_demo("0.0.0.0", 8080)  # noqa: S104
    assert absolute_url("/vrijwilligerswerk/") == "http://localhost:8080/vrijwilligerswerk/"
    assert settings.EMAIL_BACKEND.endswith("filebased.EmailBackend")
    assert os.environ["BASE_URL"] == "http://localhost:8080"
