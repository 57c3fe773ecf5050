"""What the benchmarks say about the machine they ran on."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def describe() -> str:
    """One line for a results file: Python, architecture, cores and processor."""
    return f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPU(s), {cpu_name()}."
