from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

from wijkbasis.volunteering import search
from wijkbasis.volunteering.models import Vacancy


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index of all vacancies: after an upgrade, after renaming skills, "
        "organisations, places or wijken, or when search results look stale. Safe while the site runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=search.BATCH_SIZE, help="vacancies per transaction")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, batch_size: int, database: str, **options: Any) -> None:
        connection = connections[database]
        # Idempotent; puts back the delete trigger when a rebuild of the vacancy table dropped it.
        search.SEARCH_INDEX.install(connection)
        removed = search.forget_deleted_vacancies(using=database)
        if removed:
            self.stdout.write(f"Removed {removed} index rows of deleted vacancies.")
        vacancies = Vacancy.objects.using(database).all()
        total = vacancies.count()

        def progress(done: int) -> None:
            self.stdout.write(f"Indexed {done} of {total} vacancies ({100 * done // max(total, 1)}%).")

        indexed = search.index_vacancies(vacancies, batch_size=batch_size, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Done: {indexed} vacancies indexed."))
