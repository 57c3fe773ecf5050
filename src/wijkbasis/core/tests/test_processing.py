"""The processing register (verwerkingsregister) is generated from the code and kept current."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijkbasis.core import personal_data
from wijkbasis.core.management.commands.processing_register import DOCS
from wijkbasis.core.processing import activities, activity, render_register


def test_the_register_in_docs_is_the_one_the_code_generates() -> None:
    assert Path(DOCS).read_text(encoding="utf-8") == render_register(), (
        "docs/processing-register.md is out of date: run `uv run wijkbasis processing-register`"
    )


def test_every_registered_kind_of_personal_data_names_a_registered_activity() -> None:
    for registration in personal_data.registrations():
        if registration.activity:
            activity(registration.activity)


def test_every_activity_says_what_the_register_needs() -> None:
    for item in activities():
        assert all(str(value).strip() for value in (item.name, item.purpose, item.data, item.retention)), item.code


def test_an_unknown_activity_is_refused() -> None:
    with pytest.raises(ValueError, match="not a registered processing activity"):
        activity("snuffelen")
