from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wijkbasis.accounts.services import purge_expired


class Command(BaseCommand):
    help = (
        "Delete or anonymise personal data past its retention period (see the registry in "
        "core/personal_data.py). Runs daily from the task worker. --dry-run only counts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count what would go; change nothing")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        counts = purge_expired(dry_run=dry_run)
        verb = "would be removed" if dry_run else "removed"
        for label, count in sorted(counts.items()):
            self.stdout.write(f"{label}: {count} {verb}")
        self.stdout.write(self.style.SUCCESS(f"Total: {sum(counts.values())} {verb}."))
