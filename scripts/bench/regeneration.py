"""``make bench``, section 8: regeneration."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.bench._measure import ROOT, Figure


def bench_generate(rounds: int) -> list[Figure]:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "openapi", Path(tmp) / "openapi")
        for _ in range(rounds):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "scripts.spec.generate", "--root", tmp], cwd=ROOT, check=True)
            times.append(time.perf_counter() - started)
    return [
        Figure(
            "regeneration",
            "make generate (sources -> spec -> client), 29 models",
            times,
            "s",
            "< 15",
            statistics.median(times) < 15,
        )
    ]
