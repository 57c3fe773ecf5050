"""One runner for wijkbasis's benchmarks, from the repository root:

    uv run python -m bench [options]            # key pages on a generated scale database (bench/pages.py)
    uv run python -m bench search [options]     # the vacancy full-text search (bench/search.py)
    uv run python -m bench matching [options]   # matching: ranking in memory, loading facts (bench/matching.py)
    uv run python -m bench buurtservice [...]   # Buurtservice: re-prioritising 5,000 open requests
                                                #   (bench/buurtservice.py)

`--help` after a sub-command lists its options. Each sets up its own throw-away database (bench/frame.py)
and writes its figures to bench/results/.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from bench import frame

COMMANDS = {
    "pages": "key pages: server time, under load, Lighthouse",
    "search": "the vacancy full-text search at 2,000 and 20,000 vacancies",
    "matching": "matching: ranking in memory, loading facts from SQLite",
    "buurtservice": "Buurtservice: re-prioritising 5,000 open requests",
}


def main(argv: list[str]) -> None:
    command = argv[0] if argv and argv[0] in COMMANDS else "pages"
    arguments = argv[1:] if argv and argv[0] in COMMANDS else argv
    parser = argparse.ArgumentParser(prog=f"python -m bench {command}", description=COMMANDS[command])
    # The options are here, not in the modules: those need Django set up, which needs the options.
    _OPTIONS[command](parser)
    options = parser.parse_args(arguments)
    data_dir = getattr(options, "data_dir", None)
    with frame.environment(
        postgres=bool(getattr(options, "postgres", False)),
        settings="bench.settings" if command == "pages" else "wijkbasis.settings",
        data_dir=Path(data_dir).resolve() if data_dir else None,
        database=getattr(options, "database", None),
        keep=bool(getattr(options, "keep", False)),
    ) as env:
        import django

        django.setup()
        importlib.import_module(f"bench.{command}").main(options, env)


def _pages_options(parser: argparse.ArgumentParser) -> None:
    database = parser.add_argument_group("database")
    database.add_argument("--postgres", action="store_true", help="PostgreSQL on DATABASE_URL's server (else SQLite)")
    database.add_argument(
        "--data-dir", help="SQLite: use and keep this WIJKBASIS_DATA_DIR (generated once, reused after)"
    )
    database.add_argument("--database", help="PostgreSQL: use and keep this database (generated once, reused after)")
    database.add_argument("--keep", action="store_true", help="keep the temporary folder or database afterwards")
    sizes = parser.add_argument_group("scale data (wijkbasis generate-scale-data)")
    sizes.add_argument("--small", action="store_true", help="1/100 of every default size")
    sizes.add_argument("--divide", type=int, default=1, metavar="N", help="1/N of every default size")
    sizes.add_argument("--seed", type=int, default=301)
    runs = parser.add_argument_group("measuring")
    runs.add_argument("--runs", type=int, default=30, help="server time: runs per page (default 30)")
    runs.add_argument("--only", help="only pages whose label contains this text")
    runs.add_argument("--no-load", action="store_true", help="skip the load test (granian + wrk)")
    runs.add_argument("--load-seconds", type=float, default=10, help="wrk: seconds per page per round (default 10)")
    runs.add_argument("--load-rounds", type=int, default=3, help="wrk: rounds (default 3)")
    runs.add_argument("--connections", type=int, default=8, help="wrk: open connections (default 8)")
    runs.add_argument("--workers", type=int, default=2, help="granian: worker processes (default 2)")
    runs.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    runs.add_argument(
        "--lighthouse-only",
        action="store_true",
        help="only Lighthouse (no server time, no load); results in <date>-<database>[-<size>]-lighthouse.md",
    )


def _search_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--postgres", action="store_true", help="use a temporary database on DATABASE_URL's server")
    parser.add_argument("--runs", type=int, default=5, help="runs per search text; the median counts")


def _matching_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--runs", type=int, default=15, help="runs per figure; the median is reported")
    parser.add_argument("--no-db", action="store_true", help="skip loading facts from a temporary SQLite database")
    parser.add_argument("--db-vacancies", type=int, default=20_000)
    parser.add_argument("--db-profiles", type=int, default=20_000)


def _buurtservice_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--postgres", action="store_true", help="use a temporary database on DATABASE_URL's server")
    parser.add_argument("--runs", type=int, default=15, help="runs per figure; the median is reported")
    parser.add_argument("--no-db", action="store_true", help="only the ordering in memory")


_OPTIONS = {
    "pages": _pages_options,
    "search": _search_options,
    "matching": _matching_options,
    "buurtservice": _buurtservice_options,
}

if __name__ == "__main__":
    main(sys.argv[1:])
