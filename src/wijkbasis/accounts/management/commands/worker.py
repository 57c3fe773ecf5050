from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from wijkbasis.core.daily import schedule_daily_jobs


class Command(BaseCommand):
    help = (
        "Run the background worker: sends e-mail and runs the daily jobs (clean-up of expired "
        "personal data, vacancy expiry and reminders, weekly search e-mails), scheduled here if "
        "they are not yet. Run one next to `wijkbasis serve`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="run what is due, then stop")

    def handle(self, *args: Any, batch: bool, **options: Any) -> None:
        schedule_daily_jobs()
        arguments = ["--queue-name", "*", "--no-startup-delay"]
        if batch:
            arguments.append("--batch")
        call_command("db_worker", *arguments, verbosity=options.get("verbosity", 1))
