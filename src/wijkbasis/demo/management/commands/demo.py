from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from wijkbasis.bootstrap import ensure_ready
from wijkbasis.core.server import parse_address, run_server
from wijkbasis.demo import data
from wijkbasis.demo.services import load_demo


def _configure_demo(host: str, port: int) -> None:
    """The demo keeps e-mail on disk (var/mail) instead of sending it, and its e-mails link to
    the address it serves on, unless the environment says otherwise. Set in the environment
    too, so the web server's workers and the task worker, started from here, do the same."""
    public_host = "localhost" if host in ("0.0.0.0", "::", "") else host  # noqa: S104 - only a display name
    defaults = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "BASE_URL": f"http://{public_host}:{port}",
        "DEFAULT_FROM_EMAIL": "noreply@perspectief.example.org",
    }
    for name, value in defaults.items():
        if not os.environ.get(name) and not (name == "BASE_URL" and settings.BASE_URL):
            os.environ[name] = value
            setattr(settings, name, value)


class Command(BaseCommand):
    help = (
        "Set up and run the Zutphen demo: front-end packages and translations, database "
        "migrations, CBS areas of Zutphen, demo teams, people and places; then serve it. "
        "Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000", help="PORT or HOST:PORT")
        parser.add_argument("--no-serve", action="store_true", help="set up the demo data, do not serve")

    def handle(self, *args: Any, address: str, no_serve: bool, **options: Any) -> None:
        host, port = parse_address(address)
        if not no_serve:
            # Before the demo data: the e-mails it queues already carry the right links.
            _configure_demo(host, port)
        self.stdout.write("wijkbasis demo: preparing front-end files and translations…")
        ensure_ready()
        self.stdout.write("wijkbasis demo: updating the database…")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("import_areas", "zutphen", stdout=self.stdout)
        load_demo(progress=lambda message: self.stdout.write(f"  {message}"))
        if no_serve:
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        # The task worker sends the e-mail (to var/mail/) and runs the nightly clean-up.
        worker = subprocess.Popen([sys.executable, "-m", "wijkbasis", "worker", "--verbosity", "0"])
        self.stdout.write(self.style.SUCCESS(f"\nwijkbasis demo is running: http://{host}:{port}/\n(Ctrl+C stops)"))
        self.stdout.write(
            f"Log in as a team member (e.g. noor.bakker@perspectief.example.org), the administrator "
            f"({data.DEMO_ADMIN_EMAIL}), the municipality ({data.DEMO_VIEWER_EMAIL}) or a resident "
            f"({data.DEMO_RESIDENT_EMAIL}). Login codes arrive in {settings.EMAIL_FILE_PATH}/. "
            f"Two-step verification key of the demo accounts: {data.DEMO_TOTP_SECRET}"
        )
        try:
            run_server(host, port, workers=2, threads=4)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
