from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wijkbasis.core.processing import render_register

DOCS = Path(__file__).resolve().parents[5] / "docs" / "processing-register.md"


class Command(BaseCommand):
    help = "Write docs/processing-register.md from the processing activities every app registers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=str(DOCS), help="where to write it (default: docs/)")

    def handle(self, *args: Any, output: str, **options: Any) -> None:
        Path(output).write_text(render_register(), encoding="utf-8")
        self.stdout.write(f"Wrote {output}")
