"""``make bench``, section 9: batch."""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from scripts.bench._measure import Figure

BATCH_JOBS = 30
BATCH_TASK = (5.0, 115.0)  # seconds CREATED, then IN_PROGRESS: a 2-minute task
BATCH_SLOTS = 3  # the simulator's (and the API's) tasks in progress per key


def bench_batch(rounds: int) -> list[Figure]:
    """``Batch`` against the simulator on its manual clock: the makespan is simulated time, so it measures
    the schedule (how soon a finished task is seen, how busy the key's slots stay), not this machine."""
    from freepik_kling import Batch
    from freepik_kling.testing import FreepikServer, Timings

    ideal = -(-BATCH_JOBS // BATCH_SLOTS) * sum(BATCH_TASK)
    jobs = [{"image": f"https://example.com/{n}.jpg", "duration": 5, "prompt": f"{n}"} for n in range(BATCH_JOBS)]
    makespans, per_job, detail = [], [], ""
    for _ in range(rounds):
        server = FreepikServer(timings=Timings(*BATCH_TASK), max_in_progress=BATCH_SLOTS)
        with server, tempfile.TemporaryDirectory() as tmp:
            batch = Batch(
                journal=Path(tmp) / "journal.sqlite",
                out=Path(tmp) / "videos",
                api_key=server.api_key,
                base_url=server.base_url,
                clock=server.clock,
            )
            started = server.clock.monotonic()
            result = batch.run(jobs)
            makespans.append(server.clock.monotonic() - started)
            status = [r for r in server.requests if r.method == "GET" and not r.path.startswith("/_sim/")]
            gets = sum(1 for r in status if r.path.rsplit("/", 1)[-1] in server.tasks)
            refused = sum(1 for r in server.requests if r.status == 429)
        if result.summary["done"] != BATCH_JOBS:
            raise RuntimeError(f"batch bench: {result.summary}")
        per_job.append(len(status) / BATCH_JOBS)
        detail = f"{len(status) - gets} list() + {gets} get(); {refused} creates answered 429"
    ratios = [makespan / ideal for makespan in makespans]
    section = "batch (simulated clock)"
    return [
        Figure(
            section,
            f"{BATCH_JOBS} jobs, 2-min tasks, {BATCH_SLOTS} per key: makespan",
            makespans,
            "s",
            note=f"ideal {ideal:.0f} s ({-(-BATCH_JOBS // BATCH_SLOTS)} rounds of 2 min)",
        ),
        Figure(section, "makespan / ideal", ratios, "x", "<= 1.10", statistics.median(ratios) <= 1.10),
        Figure(section, "status requests per job", per_job, "", "<= 6", statistics.median(per_job) <= 6, detail),
    ]
