"""`wijkbasis generate-scale-data`: a region's worth of realistic, fictional data, for benchmarks."""

from __future__ import annotations

import time
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from wijkbasis.core.scale import ScaleContext, ScaleSizes, generate_all, replace_sizes, scale_modules

SMALL_DIVISOR = 100


class Command(BaseCommand):
    help = (
        "Fill a fresh database with a region's worth of fictional data for benchmarks: Zutphen's real "
        "areas plus generated municipalities, wijken, buurten, teams, residents, organisations, vacancies, "
        "responses and talent profiles. The same seed and sizes give the same rows. Never on a live database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = ScaleSizes()
        parser.add_argument("--residents", type=int, help=f"residents (default {defaults.residents:,})")
        parser.add_argument(
            "--districts", type=int, help=f"wijken in total, Zutphen's included (default {defaults.districts})"
        )
        parser.add_argument("--vacancies", type=int, help=f"vacancies (default {defaults.vacancies:,})")
        parser.add_argument("--profiles", type=int, help=f"talent profiles (default {defaults.profiles:,})")
        parser.add_argument("--organisations", type=int, help=f"organisations (default {defaults.organisations:,})")
        parser.add_argument("--seed", type=int, default=301, help="seed of the random generators (default 301)")
        parser.add_argument(
            "--small",
            action="store_true",
            help=f"1/{SMALL_DIVISOR} of every default size (at least 20 wijken), for a quick run",
        )
        parser.add_argument(
            "--divide", type=int, default=1, metavar="N", help="1/N of every default size (e.g. 10), before the options"
        )
        parser.add_argument("--batch-size", type=int, default=2_000, help="rows per insert batch (default 2,000)")

    def handle(self, *args: Any, **options: Any) -> None:
        sizes = ScaleSizes()
        divisor = SMALL_DIVISOR if options["small"] else options["divide"]
        if divisor < 1:
            raise CommandError("--divide must be 1 or more.")
        if divisor > 1:
            sizes = sizes.divided(divisor)
        sizes = replace_sizes(
            sizes,
            residents=options["residents"],
            districts=options["districts"],
            vacancies=options["vacancies"],
            profiles=options["profiles"],
            organisations=options["organisations"],
        )
        if min(sizes.residents, sizes.districts, sizes.vacancies, sizes.organisations) < 1 or sizes.profiles < 0:
            raise CommandError("Every size must be at least 1 (talent profiles at least 0).")
        # The stream OutputWrapper wraps (the stubs know only the wrapper): progress lines ask it isatty().
        stream = cast(TextIO, self.stderr._out)
        ctx = ScaleContext(sizes=sizes, seed=options["seed"], stream=stream, batch_size=options["batch_size"])
        apps = ", ".join(module.__name__.rsplit(".", 1)[0].rsplit(".", 1)[-1] for module in scale_modules())
        ctx.say(
            f"Generating on {connection.vendor} (seed {ctx.seed}; apps: {apps}): {sizes.residents:,} residents, "
            f"{sizes.districts} wijken, {sizes.vacancies:,} vacancies, {sizes.profiles:,} talent profiles, "
            f"{sizes.organisations:,} organisations"
        )
        started = time.perf_counter()
        generate_all(ctx)
        if connection.vendor in ("sqlite", "postgresql"):
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - started
        ctx.say("Rows written: " + ", ".join(f"{label} {count:,}" for label, count in ctx.counts.items()))
        ctx.say("Seconds per app: " + ", ".join(f"{name} {seconds:.1f}" for name, seconds in ctx.timings.items()))
        self.stdout.write(f"Scale data generated in {elapsed:.1f} s.")
