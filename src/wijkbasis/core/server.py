"""Running the production web server (granian), shared by `wijkbasis serve` and `demo`."""

from __future__ import annotations

import re

from django.core.management.base import CommandError

_ADDRESS = re.compile(r"^(?:(?P<host>[\w.\-]+|\[[0-9a-fA-F:]+\]):)?(?P<port>\d{1,5})$")


def parse_address(value: str) -> tuple[str, int]:
    """'8000' → ('127.0.0.1', 8000); '0.0.0.0:8080' → ('0.0.0.0', 8080)."""
    match = _ADDRESS.match(value.strip())
    if not match or not 0 < int(match["port"]) < 65536:
        raise CommandError(f"{value!r} is not an address: use PORT or HOST:PORT, e.g. 127.0.0.1:8000")
    return (match["host"] or "127.0.0.1").strip("[]"), int(match["port"])


def run_server(host: str, port: int, *, workers: int, threads: int) -> None:
    from granian import Granian
    from granian.constants import Interfaces

    Granian(
        "wijkbasis.wsgi:application",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        log_access=False,
        respawn_failed_workers=True,
    ).serve()
