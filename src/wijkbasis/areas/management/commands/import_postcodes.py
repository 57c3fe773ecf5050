from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkbasis.areas.services import AreaImportError, import_postcodes


class Command(BaseCommand):
    help = (
        "Fill the postcode table from the CBS file 'buurt, wijk en gemeente voor postcode "
        "huisnummer' (pc6hnr<date>_gwb.csv, or the .zip CBS publishes). Only postcodes of the "
        "municipalities in this installation are kept. Lets postcode lookup work without "
        "internet. A bad line changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CBS CSV file, or the ZIP file that holds it")
        parser.add_argument(
            "--municipality",
            action="append",
            dest="municipalities",
            metavar="GMxxxx",
            help="only this municipality (may be given more than once); default: all imported ones",
        )

    def handle(self, *args: Any, file: Path, municipalities: list[str] | None, **options: Any) -> None:
        try:
            summary = import_postcodes(
                file,
                municipality_codes=set(municipalities) if municipalities else None,
                progress=lambda message: self.stdout.write(f"  {message}"),
            )
        except AreaImportError as error:
            raise CommandError(f"{error}\nNothing was changed.") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Read {summary.lines} lines; stored {summary.postcodes} postcodes (PC6 and PC4); "
                f"{summary.skipped_other_municipalities} addresses lie in other municipalities."
            )
        )
