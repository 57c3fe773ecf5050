"""The `wijkbasis` command passes Django's commands through, with hyphens allowed."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from wijkbasis.areas.models import District
from wijkbasis.cli import main
from wijkbasis.core.server import parse_address


def test_python_m_wijkbasis_runs_django_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wijkbasis", "help", "import-areas"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "kerncijfers" in result.stdout


def test_hyphenated_command_names(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["wijkbasis", "import-postcodes", "--help"])
    assert exit_info.value.code == 0
    assert "pc6hnr" in capsys.readouterr().out


@pytest.mark.django_db
def test_import_areas_command_with_a_bundled_data_set() -> None:
    out = StringIO()
    call_command("import_areas", "zutphen", stdout=out)
    assert District.objects.count() == 6
    assert "Waterkwartier" in out.getvalue()


@pytest.mark.django_db
def test_import_areas_command_reports_a_bad_folder_plainly(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("import_areas", str(tmp_path), stdout=StringIO())


@pytest.mark.django_db
def test_import_postcodes_command(tmp_path: Path) -> None:
    call_command("import_areas", "zutphen", stdout=StringIO())
    path = tmp_path / "pc6.csv"
    path.write_text("PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024\n7201AB;1;3010000;30100;301\n")
    out = StringIO()
    call_command("import_postcodes", str(path), stdout=out)
    assert "1 lines" in out.getvalue()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("8000", ("127.0.0.1", 8000)), ("0.0.0.0:8080", ("0.0.0.0", 8080)), ("[::1]:9000", ("::1", 9000))],  # noqa: S104
)
def test_parse_address(value: str, expected: tuple[str, int]) -> None:
    assert parse_address(value) == expected


@pytest.mark.parametrize("value", ["", "abc", "host:", "1:99999", "127.0.0.1:80:80"])
def test_parse_address_refuses_nonsense(value: str) -> None:
    with pytest.raises(CommandError):
        parse_address(value)
