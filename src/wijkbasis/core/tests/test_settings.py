from __future__ import annotations

import re
from pathlib import Path

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
