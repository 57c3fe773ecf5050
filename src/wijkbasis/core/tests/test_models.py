"""The core records' names (`__str__`), as the management site shows them."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from wijkbasis.core.models import AccessLogEntry


def test_an_access_log_entry_names_its_moment_in_words_and_local_time() -> None:
    at = dt.datetime(2026, 11, 23, 13, 5, tzinfo=dt.UTC)
    entry = AccessLogEntry(occurred_at=at, action="view", object_type="accounts.resident", object_id="7")
    with translation.override("nl"):
        assert str(entry) == "23 november 2026 14:05 view accounts.resident#7"  # Amsterdam, not UTC nor ISO
