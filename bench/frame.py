"""What every benchmark shares: a throw-away database (SQLite in a temporary WIJKBASIS_DATA_DIR, or a
temporary PostgreSQL database on DATABASE_URL's server), Django set up on it, the machine and database
description, and writing a results file. Nothing of yours is touched: ./var and DATABASE_URL's own
database are never used.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import machine

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"


@dataclass
class Environment:
    vendor: str  # "sqlite" or "postgresql"
    data_dir: Path
    server_url: str = ""  # PostgreSQL: the server's URL as DATABASE_URL gave it
    database: str = ""  # PostgreSQL: the benchmark's own database
    database_url: str = ""

    def process_environment(self) -> dict[str, str]:
        """The variables a server subprocess needs to use the same database and files."""
        variables = {"WIJKBASIS_DATA_DIR": str(self.data_dir)}
        if self.database_url:
            variables["DATABASE_URL"] = self.database_url
        return variables


def _admin(server_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as server:
        server.execute(sql)


def database_exists(server_url: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as server:
        return server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


@contextmanager
def environment(
    *,
    postgres: bool,
    settings: str = "wijkbasis.settings",
    data_dir: Path | None = None,
    database: str | None = None,
    keep: bool = False,
) -> Iterator[Environment]:
    """Set the process up for a benchmark before Django reads its settings; clean up afterwards.

    data_dir / database: use (and keep) this folder / PostgreSQL database instead of a temporary one,
    so a generated scale database can be reused by a later run."""
    if "django.conf" in sys.modules and getattr(sys.modules["django.conf"].settings, "configured", False):
        raise RuntimeError("The benchmark environment must be set up before Django is.")
    temporary_dir = data_dir is None
    folder = Path(tempfile.mkdtemp(prefix="wijkbasis-bench-")) if data_dir is None else data_dir
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["WIJKBASIS_DATA_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    os.environ["POSTCODE_LOOKUP_ONLINE"] = "false"  # benchmarks never reach the internet
    server_url = os.environ.pop("DATABASE_URL", "")
    env = Environment(vendor="postgresql" if postgres else "sqlite", data_dir=folder)
    created = False
    if postgres:
        if not server_url:
            sys.exit("--postgres needs DATABASE_URL (any database on the server; the benchmark makes its own)")
        env.server_url = server_url
        env.database = database or f"wijkbasis_bench_{os.getpid()}"
        env.database_url = urlunsplit(urlsplit(server_url)._replace(path=f"/{env.database}"))
        os.environ["DATABASE_URL"] = env.database_url
        if not database_exists(server_url, env.database):
            _admin(server_url, f'CREATE DATABASE "{env.database}"')
            created = True
    try:
        yield env
    finally:
        from django.db import connections

        connections.close_all()
        if postgres and created and not (keep or database):
            _admin(server_url, f'DROP DATABASE IF EXISTS "{env.database}" WITH (FORCE)')
        if temporary_dir and not keep:
            shutil.rmtree(folder, ignore_errors=True)
        elif temporary_dir:
            print(f"bench: kept the data folder {folder}", file=sys.stderr)


def database_label() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]} (WAL)"


def analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def today() -> str:
    return dt.date.today().isoformat()  # noqa: DTZ011 - a label only


def describe_machine() -> str:
    return machine.describe()


def write_results(path: Path, text: str) -> Path:
    """Write through a .tmp file (ignored by git), so an interrupted run leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text)
    temporary.replace(path)
    return path
