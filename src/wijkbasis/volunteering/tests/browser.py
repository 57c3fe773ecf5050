"""What every browser test of the vacancy bank checks on a page, and where its screenshots go."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from conftest import assert_no_axe_violations

#: Screenshots to look at after a run (at 320 and 1280 px).
SHOTS = Path(tempfile.gettempdir()) / "shape-shots"


def fits(page: Any, width: int, label: str) -> None:
    """axe finds nothing, and nothing sticks out sideways (no horizontal scrolling)."""
    assert_no_axe_violations(page, label=f"{label} at {width}px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, label


def screenshot(page: Any, name: str, width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
