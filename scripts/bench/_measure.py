"""What every section of ``make bench`` measures with: figures, worker processes, the simulator, peak memory."""

from __future__ import annotations

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
TASK_ID = "046b6c7f-0b8a-43b9-b35d-6489e6daee91"
MB = 1024 * 1024


@dataclass
class Figure:
    section: str
    name: str
    values: list[float]
    unit: str
    budget: str = ""
    ok: bool | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def cells(self) -> list[str]:
        low, high = min(self.values), max(self.values)
        spread = f"{_fmt(low)} .. {_fmt(high)}" if len(self.values) > 1 else ""
        verdict = "" if self.ok is None else ("PASS" if self.ok else "FAIL")
        return [self.section, self.name, f"{_fmt(self.median)} {self.unit}", spread, self.budget, verdict, self.note]


def _fmt(value: float) -> str:
    if value == 0 or abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def worker(name: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``--worker NAME`` in a fresh interpreter; it prints one JSON object."""
    result = subprocess.run(
        [sys.executable, "-m", "scripts.bench", "--worker", name, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    if result.returncode != 0:
        raise RuntimeError(f"worker {name} failed:\n{result.stderr}")
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


@contextmanager
def simulator(*args: str) -> Iterator[tuple[str, str]]:
    """The simulator in its own process (real time), so its work and memory are not the client's."""
    process = subprocess.Popen(
        [sys.executable, "-m", "freepik_kling.testing", "--port", "0", "--api-key", "bench-key", *args],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().split("=", 1)[1]
        process.stdout.readline()
        # It prints a line per request: drain them, or a full pipe stops it mid-benchmark.
        threading.Thread(target=process.stdout.read, daemon=True).start()
        yield base_url, "bench-key"
    finally:
        process.terminate()
        process.wait(10)


def peak_rss() -> int:
    """Peak resident memory of this process since start or the last :func:`reset_peak`, in bytes."""
    status = Path("/proc/self/status")
    if status.exists():
        return int(re.findall(r"VmHWM:\s+(\d+) kB", status.read_text())[0]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def reset_peak() -> int:
    """Start a new peak-memory window (Linux: clear_refs 5); returns the resident memory now."""
    import gc

    gc.collect()
    with suppress(OSError, IndexError, ValueError):
        Path("/proc/self/clear_refs").write_text("5")
    return int(re.findall(r"VmRSS:\s+(\d+) kB", Path("/proc/self/status").read_text())[0]) * 1024


def alternate(first: Callable[[], float], second: Callable[[], float], rounds: int) -> tuple[list[float], list[float]]:
    a, b = [], []
    for _ in range(rounds):
        a.append(first())
        b.append(second())
    return a, b


def per_call(fn: Callable[[], object], calls: int) -> float:
    """Microseconds per call."""
    started = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - started) / calls * 1e6


def ratios(a: list[float], b: list[float]) -> list[float]:
    return [x / y for x, y in zip(a, b, strict=True)]
