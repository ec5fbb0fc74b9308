"""``make bench``, section 1: import."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from scripts.bench._measure import ROOT, Figure, alternate, ratios


def import_cost(statement: str) -> float:
    """Microseconds ``statement`` spends importing, from ``python -X importtime`` in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement], capture_output=True, text=True, check=True, cwd=ROOT
    )
    total = 0
    for line in result.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit() and not parts[2].startswith("  "):
            total += int(parts[1])  # cumulative time of each top-level import
    return float(total)


def startup_cost(code: str) -> float:
    """Milliseconds ``code`` takes in a fresh interpreter, timed from inside it (imports included)."""
    timed = f"import time\n_start = time.perf_counter()\n{code}\nprint(time.perf_counter() - _start)"
    result = subprocess.run([sys.executable, "-c", timed], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(result.stdout.strip().splitlines()[-1]) * 1000


def process_cost(*args: str) -> float:
    """Milliseconds of wall time for a whole fresh process, interpreter start-up included."""
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], capture_output=True, check=True, cwd=ROOT)
    return (time.perf_counter() - started) * 1000


def bench_startup(rounds: int) -> list[Figure]:
    """With every model shipped: a client and its first resource, and the command line's help."""
    client = "from freepik_kling import Freepik\nclient = Freepik(api_key='k')\nclient.kling_v2_1_pro"
    raw = "import httpx\nhttpx.Client()"
    ours, theirs = alternate(lambda: startup_cost(client), lambda: startup_cost(raw), rounds)
    helps, imports = alternate(
        lambda: process_cost("-m", "freepik_kling", "--help"), lambda: process_cost("-c", "import httpx"), rounds
    )
    ratio, help_ratio = ratios(ours, theirs), ratios(helps, imports)
    return [
        Figure("start-up", "Freepik() and its first resource, fresh process", ours, "ms"),
        Figure("start-up", "import httpx; httpx.Client(), fresh process", theirs, "ms"),
        Figure(
            "start-up",
            "client and first resource / httpx + Client()",
            ratio,
            "x",
            "<= 1.3",
            statistics.median(ratio) <= 1.3,
        ),
        Figure("start-up", "freepik-kling --help, whole process", helps, "ms"),
        Figure("start-up", "python -c 'import httpx', whole process", imports, "ms"),
        Figure(
            "start-up",
            "freepik-kling --help / import httpx",
            help_ratio,
            "x",
            "<= 1.3",
            statistics.median(help_ratio) <= 1.3,
        ),
    ]


def bench_import(rounds: int) -> list[Figure]:
    statements = {
        "httpx": "import httpx",
        "freepik_kling": "import freepik_kling",
        "Freepik": "from freepik_kling import Freepik",
    }
    times: dict[str, list[float]] = {name: [] for name in statements}
    for _ in range(rounds):
        for name, statement in statements.items():
            times[name].append(import_cost(statement) / 1000)
    ratios = [a / b for a, b in zip(times["Freepik"], times["httpx"], strict=True)]
    bare = [a / b for a, b in zip(times["freepik_kling"], times["httpx"], strict=True)]
    return [
        Figure("import", "import httpx", times["httpx"], "ms"),
        Figure("import", "import freepik_kling", times["freepik_kling"], "ms"),
        Figure("import", "import freepik_kling / import httpx", bare, "x", "<= 1.3", statistics.median(bare) <= 1.3),
        Figure("import", "from freepik_kling import Freepik", times["Freepik"], "ms", note="httpx + attrs + facade"),
        Figure(
            "import",
            "from freepik_kling import Freepik / import httpx",
            ratios,
            "x",
            "<= 1.3",
            statistics.median(ratios) <= 1.3,
        ),
    ]
