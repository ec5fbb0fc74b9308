"""The batch killed with SIGKILL at random moments and run again: it pays once, leaves no partial file, and
needs no flag for jobs whose create never reached the API."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, image_bytes, mp4_boxes

pytestmark = pytest.mark.slow

JOBS = 15
KILLS = 7
FAST = ["--poll-interval", "0.1", "--rate", "100", "--settle", "0.3"]
SIMULATOR = ["--processing", "2.3", "--slow-creates", "0.2"]


@pytest.fixture
def simulator(tmp_path: Path) -> Iterator[tuple[dict[str, str], Path]]:
    """The standalone simulator (real time, 2.5 s tasks, 3 in progress per key, creates answered 0.2 s late
    so that kills often catch one in flight) and its log of creates."""
    log = tmp_path / "creates.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.batch.simulator_process", "--log", str(log), *SIMULATOR],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        env = dict(process.stdout.readline().strip().split("=", 1) for _ in range(2))
        yield {**os.environ, **env}, log
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(10)


def write_jobs(folder: Path) -> dict[str, str]:
    """Jobs with a unique prompt each (how the log names them); some use a local image, by relative path."""
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "cat.png").write_bytes(image_bytes(400, 400))
    prompts = {}
    lines = []
    for number in range(JOBS):
        job_id, prompt = f"job-{number:02d}", f"kill test {number}"
        image = "images/cat.png" if number % 5 == 0 else f"https://example.com/{number}.jpg"
        lines.append(json.dumps({"id": job_id, "image": image, "duration": 5, "prompt": prompt}))
        prompts[job_id] = prompt
    (folder / "jobs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return prompts


def batch(folder: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "freepik_kling", "batch", str(folder / "jobs.jsonl"),
        "--journal", str(folder / "journal.sqlite"), "--out", str(folder / "videos"), "--json", *FAST, *extra,
    ]  # fmt: skip


def created_tasks(log: Path) -> dict[str, list[str]]:
    """Task ids the simulator created, by prompt."""
    tasks: dict[str, list[str]] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["status"] == 200:
            tasks.setdefault(entry["prompt"], []).append(entry["task_id"])
    return tasks


def test_killed_at_random_moments_it_pays_once_and_finishes_without_flags(
    simulator: tuple[dict[str, str], Path], tmp_path: Path
) -> None:
    env, log = simulator
    folder = tmp_path / "work"
    prompts = write_jobs(folder)
    seed = int(os.environ.get("KILL_SEED") or random.SystemRandom().randrange(2**32))  # KILL_SEED replays a run
    chooser = random.Random(seed)
    print(f"kill moments from random seed {seed}")
    for kill in range(KILLS):
        # cwd is elsewhere: relative image paths must resolve from the jobs file's folder
        errors = tmp_path / f"run-{kill}.err"
        with errors.open("w") as stderr:
            process = subprocess.Popen(batch(folder), env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=stderr)
            time.sleep(chooser.uniform(0.3, 2.2))
            ended = process.poll()
            process.send_signal(signal.SIGKILL)
            process.wait(10)
        assert ended is None, f"run {kill} ended before its kill (seed {seed}): {errors.read_text()}"
    final = subprocess.run(batch(folder), env=env, cwd=tmp_path, capture_output=True, text=True, timeout=90)
    report: dict[str, Any] = json.loads(final.stdout)
    rows = {row["id"]: row for row in report["jobs"]}
    tasks = created_tasks(log)
    context = f"seed {seed}\n{final.stderr}\n{json.dumps(report, indent=1)[:3000]}\ncreates: {tasks}"

    assert all(len(ids) == 1 for ids in tasks.values()), context  # no job was ever created twice
    states = Counter(row["state"] for row in rows.values())
    print(f"after {KILLS} kills: {dict(states)}; {final.stderr}")
    assert set(states) <= {"downloaded", "unknown"}, context
    assert states["unknown"] <= KILLS, context
    assert final.returncode == (4 if states["unknown"] else 0), context
    orphans = {orphan["task_id"]: orphan for orphan in report["orphans"]}
    for job_id, prompt in prompts.items():
        row = rows[job_id]
        if row["state"] == "downloaded":
            assert tasks[prompt] == [row["task_id"]], context
            assert mp4_boxes(Path(row["output"]).read_bytes())[0] == "ftyp"
        else:  # its create did arrive: the task is named as an orphan the job may own, and nothing more
            [task_id] = tasks[prompt]
            assert row["task_id"] is None, context
            assert orphans[task_id]["jobs"] == [job_id], context
    # No partial file, no run folder: only the finished videos.
    videos = sorted(path.name for path in (folder / "videos").iterdir())
    assert videos == sorted(f"{job_id}.mp4" for job_id, row in rows.items() if row["state"] == "downloaded")

    # Opting in resubmits the unknown jobs, and only them.
    unknown = [job_id for job_id, row in rows.items() if row["state"] == "unknown"]
    again = subprocess.run(
        batch(folder, "--resubmit-unknown"), env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert again.returncode == 0, again.stdout
    assert sum(len(ids) for ids in created_tasks(log).values()) == JOBS + len(unknown)
