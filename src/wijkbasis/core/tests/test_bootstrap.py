"""The set-up that `wijkbasis demo`, `serve` and the test run do before anything else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders

from wijkbasis import bootstrap


def test_a_build_makes_django_look_for_static_files_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """In a fresh checkout the system checks make the static-file finders before the stylesheet
    is built, when ui/static does not exist yet; collectstatic then missed the stylesheet and
    every page of the demo was a 500. After a build the finders must be made again."""
    commands: list[list[str]] = []
    monkeypatch.setattr(bootstrap, "_run", lambda command, what: commands.append(command))
    monkeypatch.setattr(bootstrap, "ASSET_OUTPUTS", (tmp_path / "not-built-yet.css",))
    list(finders.get_finders())
    # get_finder is functools.cache'd; django-stubs declare it a plain function.
    assert finders.get_finder.cache_info().currsize > 0  # type: ignore[attr-defined]
    bootstrap.ensure_frontend()
    assert commands and commands[-1][0] == "node"  # the build ran
    assert finders.get_finder.cache_info().currsize == 0  # type: ignore[attr-defined]  # as above
    assert finders.find("ui/dist/wijkbasis.css")  # found by the finders made afresh


def test_nothing_is_built_when_the_files_are_current(monkeypatch: pytest.MonkeyPatch) -> None:
    commands: list[Any] = []
    monkeypatch.setattr(bootstrap, "_run", lambda command, what: commands.append(command))
    bootstrap.ensure_frontend()
    assert commands == []
