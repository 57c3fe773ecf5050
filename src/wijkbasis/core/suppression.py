"""Small counts are not shown outside the team: 1 to 4 becomes "<5".

A count of 1 to 4 in a small area can point at one person. Reports shown to the municipality
or the public pass every count of people through `suppress`."""

from __future__ import annotations

SMALL_COUNT_THRESHOLD = 5
SUPPRESSED = "<5"


def suppress(count: int) -> str:
    if 0 < count < SMALL_COUNT_THRESHOLD:
        return SUPPRESSED
    return str(count)
