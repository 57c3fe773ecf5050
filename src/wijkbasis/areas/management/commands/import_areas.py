from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkbasis.areas.services import AreaImportError, import_areas

BUNDLED = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = (
        "Import a municipality's wijken, buurten and CBS key figures from a folder of files shaped "
        "like areas/data/zutphen/ (wijken_<year>.geojson, buurten_<year>.csv/.geojson, "
        "gemeente_<year>.geojson, kerncijfers_*.csv). A bundled data set can be named instead of "
        "a folder: 'zutphen'. Safe to run again; a bad file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="folder with the CBS files, or the name of a bundled data set")

    def handle(self, *args: Any, source: str, **options: Any) -> None:
        directory = Path(source)
        if not directory.exists() and (BUNDLED / source).is_dir():
            directory = BUNDLED / source
        try:
            summary = import_areas(directory, progress=lambda message: self.stdout.write(f"  {message}"))
        except AreaImportError as error:
            raise CommandError(f"{error}\nNothing was changed.") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {', '.join(summary.municipalities)}: "
                f"{summary.districts_created} wijken new, {summary.districts_updated} updated; "
                f"{summary.neighbourhoods_created} buurten new, {summary.neighbourhoods_updated} updated; "
                f"key figures for {summary.areas_with_key_figures} areas."
            )
        )
