"""The frame of the scale-data generator (`wijkbasis generate-scale-data`).

Each app that has data to generate owns a `scale.py` with `generate(ctx)`; the command finds
them in INSTALLED_APPS order (an app runs after the apps in its module's `REQUIRES`) and gives
them one `ScaleContext`: the sizes, one seeded `random.Random` and one seeded Faker (nl_NL),
a bulk-insert helper with a progress bar on stderr, and what earlier apps generated (`ids`,
`facts`). An app's `bench_pages(ctx)` names the pages worth measuring, chosen from the data in
the database (so a benchmark can reuse a database generated earlier).

Everything generated is fictional: names and addresses come from Faker, e-mail addresses end in
example.org or example.net, phone numbers lie in the 0575 0… range that is never given out.
Rows are written with `bulk_create` in batches: no model `save()`, no signals, no access log.
The same seed and sizes give the same rows (names, texts, choices), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import importlib
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from random import Random
from types import ModuleType
from typing import Any, NamedTuple, TextIO, TypeVar

from django.apps import apps
from django.db import models

ModelT = TypeVar("ModelT", bound=models.Model)

#: The phone numbers of generated people: 0575 0…, a range that is never given out.
PHONE_PREFIX = "0575 0"


@dataclass(frozen=True)
class ScaleSizes:
    """How much to generate. `districts` counts every wijk, the real (imported) ones included."""

    residents: int = 1_000_000
    districts: int = 200
    vacancies: int = 50_000
    profiles: int = 100_000
    organisations: int = 2_000

    def divided(self, divisor: int, *, min_districts: int = 20) -> ScaleSizes:
        """Every size divided (the region keeps at least `min_districts` wijken, so it stays a region)."""
        return ScaleSizes(
            residents=max(1, self.residents // divisor),
            districts=max(min_districts, self.districts // divisor),
            vacancies=max(1, self.vacancies // divisor),
            profiles=max(0, self.profiles // divisor),
            organisations=max(1, self.organisations // divisor),
        )


class BenchPage(NamedTuple):
    """A page worth measuring. `user_id`: measured as that user (logged in with two-factor done)."""

    label: str
    path: str
    user_id: int | None = None
    #: "key" pages are also measured under load and by Lighthouse when they are in these groups.
    groups: tuple[str, ...] = ()


class Progress:
    """A text progress bar on one line of stderr (a line per quarter when stderr is not a terminal)."""

    def __init__(self, label: str, total: int | None, stream: TextIO) -> None:
        self.label, self.total, self.stream = label, total, stream
        self.done = 0
        self.started = time.perf_counter()
        self._shown_at = 0.0
        self._quarter = 0
        self._tty = stream.isatty()

    def advance(self, count: int) -> None:
        self.done += count
        now = time.perf_counter()
        if self._tty:
            if now - self._shown_at >= 0.2:
                self._shown_at = now
                self.stream.write("\r" + self._line(now))
                self.stream.flush()
        elif self.total:
            quarter = min(4, self.done * 4 // self.total)
            if quarter > self._quarter and quarter < 4:
                self._quarter = quarter
                self.stream.write(self._line(now) + "\n")
                self.stream.flush()

    def _line(self, now: float) -> str:
        elapsed = now - self.started
        if self.total:
            width = 24
            filled = min(width, self.done * width // max(self.total, 1))
            bar = "#" * filled + "." * (width - filled)
            return f"  {self.label:<28} [{bar}] {self.done:>11,}/{self.total:,} {elapsed:6.1f} s"
        return f"  {self.label:<28} {self.done:>11,} {elapsed:6.1f} s"

    def finish(self) -> float:
        elapsed = time.perf_counter() - self.started
        end = "\r" if self._tty else ""
        self.stream.write(f"{end}  {self.label:<28} {self.done:>11,} rows in {elapsed:.1f} s{' ' * 30}\n")
        self.stream.flush()
        return elapsed


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@contextmanager
def explicit_timestamps(model: type[models.Model]) -> Iterator[None]:
    """Let rows keep the created_at/updated_at they were given (auto_now and auto_now_add would
    overwrite them with now), so generated data can be spread over the years."""
    fields = [
        (item, item.auto_now, item.auto_now_add)
        for item in model._meta.concrete_fields
        if isinstance(item, models.DateField) and (item.auto_now or item.auto_now_add)
    ]
    for item, _now, _add in fields:
        item.auto_now = item.auto_now_add = False
    try:
        yield
    finally:
        for item, auto_now, auto_now_add in fields:
            item.auto_now, item.auto_now_add = auto_now, auto_now_add


@dataclass
class ScaleContext:
    sizes: ScaleSizes
    seed: int = 301
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    batch_size: int = 2_000
    #: The ids generated so far by kind, e.g. ids["residents"], for the apps that come later.
    ids: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    #: Other facts for later apps, e.g. facts["district_weights"] = {district_id: weight}.
    facts: dict[str, Any] = field(default_factory=dict)
    #: Rows written per table label, and seconds per app: for the command's summary.
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    random: Random = field(init=False)
    faker: Any = field(init=False)

    def __post_init__(self) -> None:
        from faker import Faker

        self.random = Random(self.seed)  # noqa: S311 - reproducible fictional data, not secrets
        self.faker = Faker("nl_NL")
        self.faker.seed_instance(self.seed)

    def say(self, message: str) -> None:
        self.stream.write(message + "\n")
        self.stream.flush()

    @contextmanager
    def progress(self, label: str, total: int | None = None) -> Iterator[Progress]:
        bar = Progress(label, total, self.stream)
        yield bar
        bar.finish()
        self.counts[label] = self.counts.get(label, 0) + bar.done

    def insert(
        self,
        model: type[ModelT],
        rows: Iterable[ModelT],
        *,
        label: str,
        total: int | None = None,
        keep_timestamps: bool = False,
    ) -> list[int]:
        """Write rows with bulk_create in batches, with a progress bar; returns their ids in order."""
        ids: list[int] = []
        with self.progress(label, total) as bar:
            for batch in batched(rows, self.batch_size):
                if keep_timestamps:
                    with explicit_timestamps(model):
                        created = model._default_manager.bulk_create(batch)
                else:
                    created = model._default_manager.bulk_create(batch)
                ids.extend(row.pk for row in created)
                bar.advance(len(batch))
        return ids

    def write(
        self, model: type[ModelT], rows: list[ModelT], *, label: str | None, keep_timestamps: bool = False
    ) -> list[int]:
        """Write one batch with bulk_create (no progress bar of its own); counted under `label`
        (None: counted by the progress bar around it)."""
        if not rows:
            return []
        if keep_timestamps:
            with explicit_timestamps(model):
                created = model._default_manager.bulk_create(rows)
        else:
            created = model._default_manager.bulk_create(rows)
        if label is not None:
            self.counts[label] = self.counts.get(label, 0) + len(rows)
        return [row.pk for row in created]

    def phone(self) -> str:
        """A phone number in the range that is never given out (0575 0…)."""
        number = self.random.randrange(100_000)
        return f"{PHONE_PREFIX}{number // 1000:02d} {number % 1000:03d}"

    def weighted_choices(self, population: Sequence[Any], weights: Sequence[float], k: int) -> list[Any]:
        return self.random.choices(population, weights=weights, k=k)


# ---------------------------------------------------------------------------
# Finding the apps' scale modules


def scale_modules() -> list[ModuleType]:
    """`<app>.scale` of every installed app that has one, in INSTALLED_APPS order, except that a
    module runs after the apps named in its `REQUIRES` (app labels)."""
    found: dict[str, ModuleType] = {}
    for config in apps.get_app_configs():
        if config.name == __name__.rsplit(".", 1)[0]:
            continue  # this module is the frame, not an app's data
        try:
            module = importlib.import_module(f"{config.name}.scale")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.scale":
                raise
            continue
        if hasattr(module, "generate") or hasattr(module, "bench_pages"):
            found[config.label] = module
    ordered: list[str] = []

    def visit(label: str, path: tuple[str, ...] = ()) -> None:
        if label in ordered or label not in found:
            return
        if label in path:
            raise RuntimeError(f"scale modules require each other: {' → '.join((*path, label))}")
        for required in getattr(found[label], "REQUIRES", ()):
            visit(required, (*path, label))
        ordered.append(label)

    for label in found:
        visit(label)
    return [found[label] for label in ordered]


def generate_all(ctx: ScaleContext) -> None:
    """Run every app's `generate(ctx)` in order, each in one transaction; then forget the public
    pages' cached parts (bulk writes send no signals)."""
    from django.db import transaction

    from wijkbasis.core.fragments import bump_all

    for module in scale_modules():
        generate = getattr(module, "generate", None)
        if generate is None:
            continue
        name = module.__name__.rsplit(".", 2)[-2]
        ctx.say(f"{name}:")
        started = time.perf_counter()
        with transaction.atomic():
            generate(ctx)
        ctx.timings[name] = time.perf_counter() - started
    bump_all()


def bench_pages(ctx: ScaleContext) -> list[BenchPage]:
    """Every app's pages worth measuring, in app order."""
    pages: list[BenchPage] = []
    for module in scale_modules():
        chooser = getattr(module, "bench_pages", None)
        if chooser is not None:
            pages.extend(chooser(ctx))
    return pages


def replace_sizes(sizes: ScaleSizes, **changes: int | None) -> ScaleSizes:
    return dataclasses.replace(sizes, **{name: value for name, value in changes.items() if value is not None})
