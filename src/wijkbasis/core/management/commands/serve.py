from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from wijkbasis.bootstrap import ensure_ready
from wijkbasis.core.server import parse_address, run_server


class Command(BaseCommand):
    help = (
        "Run wijkbasis with the production web server granian. Builds missing front-end files and "
        "translations and collects static files first. "
        "Put it behind a reverse proxy that terminates https."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000", help="PORT or HOST:PORT")
        parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
        parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
        parser.add_argument("--no-collectstatic", action="store_true", help="skip collectstatic")

    def handle(self, *args: Any, address: str, workers: int, threads: int, **options: Any) -> None:
        host, port = parse_address(address)
        ensure_ready()  # in a checkout: the stylesheet and translations, built when missing or stale
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"wijkbasis: serving on http://{host}:{port}/ (Ctrl+C stops)")
        run_server(host, port, workers=workers, threads=threads)
