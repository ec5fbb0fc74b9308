"""``make bench``: what the client adds on top of the network and the API, side by side with raw httpx.

Usage: ``python -m scripts.bench [--out docs/benchmarks.md] [--only SECTION ...]``. Every figure is the median
of repeated runs (with min and max); every ratio compares A and B measured in the same run, alternating. Budgets are
checked here, never in unit tests; the exit code is 1 if any budget fails. Figures that depend on peak
memory run in fresh worker processes (``--worker NAME``), so one measurement cannot inflate another.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.bench._measure import ROOT, Figure
from scripts.bench.batch import bench_batch
from scripts.bench.calls import bench_per_call
from scripts.bench.concurrency import bench_concurrency, worker_concurrency, worker_sequential
from scripts.bench.construction import bench_construction, worker_first_request
from scripts.bench.downloads import bench_download, worker_download
from scripts.bench.polls import bench_polls
from scripts.bench.regeneration import bench_generate
from scripts.bench.startup import bench_import, bench_startup
from scripts.bench.uploads import bench_large_input, worker_large_input


def machine() -> str:
    cpu = "unknown CPU"
    with suppress(OSError, IndexError, ValueError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with suppress(OSError, IndexError, ValueError):
        kib = int(re.findall(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[0])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


SECTIONS: tuple[str, ...] = ("import", "start-up", "per call", "construction", "poll economy", "concurrency")
SECTIONS += ("large input", "download", "regeneration", "batch")


@dataclass
class Kept:
    """A row of the previous report, for a section this run (``--only``) did not measure."""

    line: str
    row: list[str]

    @property
    def section(self) -> str:
        return self.row[0]

    @property
    def ok(self) -> bool | None:
        return {"PASS": True, "FAIL": False}.get(self.row[5])


def _previous(path: Path) -> list[Kept]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = [line for line in lines if line.startswith("| ")]
    rows = [[cell.strip() for cell in line.strip()[1:-1].split("|")] for line in lines]
    kept = [Kept(line, row) for line, row in zip(lines, rows, strict=False) if len(row) == 7]
    return [row for row in kept[1:] if row.section != "---"]


def table(figures: list[Figure | Kept]) -> str:
    header = ["section", "figure", "median", "min .. max", "budget", "", "note"]
    rows = [header, ["---"] * len(header)] + [figure.cells() for figure in figures if isinstance(figure, Figure)]
    made = iter("| " + " | ".join(row) + " |" for row in rows)
    lines = [next(made), next(made)]  # the header, then each row as measured now or as kept from before
    return "\n".join(lines + [figure.line if isinstance(figure, Kept) else next(made) for figure in figures])


def write_report(path: Path, figures: list[Figure | Kept], seconds: float, only: list[str] | None = None) -> None:
    failed = [figure for figure in figures if figure.ok is False]
    partial = f" for {', '.join(only)}; the other rows are from the run before" if only else ""
    path.write_text(
        "# Benchmarks\n\n"
        "Written by `make bench` (`scripts/bench/`); do not edit by hand. Each figure is the median of\n"
        "repeated runs, with min and max; each ratio compares A and B measured in the same run, alternating.\n"
        "Peak-memory figures run in fresh processes. The simulator runs in its own process wherever the\n"
        "client's time or memory is measured against it.\n\n"
        f"Machine: {machine()}. Run took {seconds:.0f} s{partial}. "
        f"Budgets: {'all pass' if not failed else f'{len(failed)} FAIL'}.\n\n"
        f"{table(figures)}\n\n" + Path(ROOT / "docs" / "benchmarks-notes.md").read_text(encoding="utf-8"),
        encoding="utf-8",
    )


WORKERS: dict[str, Callable[..., dict[str, Any]]] = {
    "first-request": worker_first_request,
    "concurrency": worker_concurrency,
    "sequential": worker_sequential,
    "large-input": worker_large_input,
    "download": worker_download,
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--rounds", type=int, default=7, help="repeats of each alternating A/B measurement")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument(
        "--only",
        action="append",
        choices=SECTIONS,
        metavar="SECTION",
        help="run this section only (repeatable); the report keeps the other sections' rows as they were",
    )
    args, rest = parser.parse_known_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](*rest)))
        return 0
    started = time.perf_counter()
    figures: list[Figure | Kept] = []
    kept = _previous(args.out) if args.only else []
    steps: dict[str, Callable[[], list[Figure]]] = {
        "import": lambda: bench_import(max(args.rounds, 11)),
        "start-up": lambda: bench_startup(max(args.rounds, 11)),
        "per call": lambda: bench_per_call(args.rounds),
        "construction": lambda: bench_construction(args.rounds),
        "poll economy": bench_polls,
        "concurrency": lambda: bench_concurrency(3),
        "large input": lambda: bench_large_input(3),
        "download": lambda: bench_download(5),
        "regeneration": lambda: bench_generate(3),
        "batch": lambda: bench_batch(3),
    }
    for name, step in steps.items():
        if args.only and name not in args.only:
            figures += [row for row in kept if row.section == name or row.section.startswith((f"{name} ", f"{name},"))]
            continue
        new = step()
        for figure in new:
            print(" | ".join(cell for cell in figure.cells() if cell), flush=True)
        figures += new
    seconds = time.perf_counter() - started
    write_report(args.out, figures, seconds, args.only)
    failed = [figure for figure in figures if figure.ok is False]
    print(f"\n{len(figures)} figures in {seconds:.0f} s; {len(failed)} budget(s) failed; table in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
