"""The `wijkbasis` command: Django's management commands under one name.

`wijkbasis demo`, `wijkbasis import-areas …`, `wijkbasis migrate`: hyphens may be used
instead of underscores in command names.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "wijkbasis"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
        if argv[1] == "help" and len(argv) > 2 and not argv[2].startswith("-"):
            argv[2] = argv[2].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkbasis.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
