"""One-time set-up that `wijkbasis demo` and the test run do for you.

- front-end packages: `npm ci` from the committed package-lock.json, then the stylesheet
  and htmx are built into ui/static/ui/dist/ (see ui/assets/build.mjs);
- translations: the .po files in locale/ are compiled to .mo files.

Each step only runs when its output is missing or older than its inputs, so calling
`ensure_ready()` on every start costs a few file-system look-ups.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent
DIST_DIR = PACKAGE_DIR / "ui" / "static" / "ui" / "dist"
ASSET_OUTPUTS = (DIST_DIR / "wijkbasis.css", DIST_DIR / "htmx.min.js")


class SetupError(RuntimeError):
    pass


def _newest(paths: Iterable[Path]) -> float:
    return max((path.stat().st_mtime for path in paths if path.exists()), default=0.0)


def _asset_inputs() -> list[Path]:
    inputs = [REPO_DIR / "package-lock.json", PACKAGE_DIR / "ui" / "assets" / "wijkbasis.css"]
    inputs += PACKAGE_DIR.glob("**/templates/**/*.html")
    inputs += (path for path in PACKAGE_DIR.glob("**/*.py") if "tests" not in path.parts)
    inputs.append(PACKAGE_DIR / "ui" / "assets" / "build.mjs")
    return inputs


def _run(command: list[str], what: str) -> None:
    executable = shutil.which(command[0])
    if executable is None:
        raise SetupError(
            f"{what} needs '{command[0]}', which is not installed. Install Node.js and npm "
            "(Debian: apt install nodejs npm) and run this again."
        )
    print(f"wijkbasis: {what}…", file=sys.stderr, flush=True)
    completed = subprocess.run(  # noqa: S603 - fixed commands, no user input
        [executable, *command[1:]], cwd=REPO_DIR, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise SetupError(f"{what} failed:\n{completed.stdout}\n{completed.stderr}")


def ensure_frontend() -> None:
    """Install the npm packages and build the stylesheet when needed."""
    if not (REPO_DIR / "package.json").exists():
        # Installed from a wheel: the built assets ship inside the package.
        if not all(path.exists() for path in ASSET_OUTPUTS):
            raise SetupError("The built front-end files are missing from this installation.")
        return
    installed_marker = REPO_DIR / "node_modules" / ".package-lock.json"
    lock_file = REPO_DIR / "package-lock.json"
    if not installed_marker.exists() or installed_marker.stat().st_mtime < lock_file.stat().st_mtime:
        _run(["npm", "ci", "--no-audit", "--no-fund"], "installing front-end packages (npm ci)")
    built_at = min((path.stat().st_mtime for path in ASSET_OUTPUTS if path.exists()), default=0.0)
    if not all(path.exists() for path in ASSET_OUTPUTS) or _newest(_asset_inputs()) > built_at:
        _run(["node", str(PACKAGE_DIR / "ui" / "assets" / "build.mjs")], "building the stylesheet")
        _forget_static_finders()


def _forget_static_finders() -> None:
    """Django's static-file finders are made once per process, and skip an app whose static
    folder did not exist then (in a fresh checkout the system checks make them before the
    build): a process that looked before building must look again, or collectstatic misses
    the stylesheet."""
    from django.conf import settings

    if not settings.configured:
        return
    from django.contrib.staticfiles import finders

    # Django caches get_finder with functools.cache; django-stubs declare it a plain function.
    finders.get_finder.cache_clear()  # type: ignore[attr-defined]


def ensure_messages() -> None:
    """Compile every locale/*/LC_MESSAGES/*.po that is newer than its .mo."""
    compiled = False
    for po_path in (PACKAGE_DIR / "locale").glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        # Fuzzy entries are guesses by msgmerge; gettext leaves them out, so do we.
        for entry in catalogue.fuzzy_entries():
            catalogue.remove(entry)
        temporary = mo_path.with_suffix(".mo.tmp")
        catalogue.save_as_mofile(str(temporary))
        temporary.replace(mo_path)
        compiled = True
    if compiled:
        _forget_loaded_translations()


def _forget_loaded_translations() -> None:
    """Django caches catalogues once loaded; a process that looked before compiling must look again."""
    from django.conf import settings

    if not settings.configured:
        return
    import gettext

    from asgiref.local import Local
    from django.utils.translation import trans_real

    # Python's gettext keeps every .mo it read, by path, for the life of the process: without
    # this, the first run after a .po change would still show the old translations.
    gettext._translations.clear()  # type: ignore[attr-defined]  # private cache, not in typeshed
    trans_real._translations = {}  # type: ignore[attr-defined]  # private cache, not in django-stubs
    trans_real._default = None  # type: ignore[attr-defined]  # private cache, not in django-stubs
    trans_real._active = Local()  # type: ignore[attr-defined]  # private cache, not in django-stubs


def ensure_ready() -> None:
    ensure_frontend()
    ensure_messages()
