"""freepik-kling batch: killed with SIGKILL at random moments and resumed, it never pays twice."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from freepik_kling.testing import FreepikServer
from tests.helpers import mp4_boxes

JOBS = 50


def write_jobs(path: Path) -> list[dict[str, Any]]:
    jobs = []
    for number in range(JOBS):
        job: dict[str, Any] = {"image": f"https://example.com/{number}.jpg", "duration": 5}
        job["prompt"] = f"job {number}" + (" please fail" if number % 10 == 3 else "")
        if number % 2:
            job["id"] = f"job-{number}"
        jobs.append(job)
    path.write_text("\n".join(json.dumps(job) for job in jobs) + "\n", encoding="utf-8")
    return jobs


def batch_command(tmp_path: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "freepik_kling", "batch", str(tmp_path / "jobs.jsonl"),
        "--journal", str(tmp_path / "journal.sqlite"), "--out", str(tmp_path / "videos"),
        "--poll-interval", "0.05", "--rate", "500", "--json", *extra,
    ]  # fmt: skip


def creates_per_prompt(server: FreepikServer) -> Counter[str]:
    return Counter(task.body["prompt"] for task in server.tasks.values())


def test_kill_anywhere_and_resume(live_server: FreepikServer, tmp_path: Path) -> None:
    live_server.faults.fail_if = lambda body: "please fail" in body.get("prompt", "")
    live_server.faults.rate_limit(times=10**6, chance=0.15)
    jobs = write_jobs(tmp_path / "jobs.jsonl")
    env = {**os.environ, "FREEPIK_BASE_URL": live_server.base_url, "FREEPIK_API_KEY": live_server.api_key}
    chooser = random.Random(20261121)
    for _ in range(5):  # killed mid-run, each time at a different moment
        process = subprocess.Popen(batch_command(tmp_path), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(chooser.uniform(0.4, 1.6))
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    final = subprocess.run(batch_command(tmp_path), env=env, capture_output=True, text=True, timeout=300, check=False)
    assert final.returncode in (0, 4), final.stderr
    report = json.loads(final.stdout)
    rows = {row["id"]: row for row in report["jobs"]}
    assert len(rows) == JOBS

    creates = creates_per_prompt(live_server)
    assert all(count == 1 for count in creates.values()), creates  # no job was ever created twice
    states = Counter(row["state"] for row in rows.values())
    assert set(states) <= {"downloaded", "failed", "unknown"}
    assert states["downloaded"] + states["failed"] + states["unknown"] == JOBS
    assert report["summary"]["waiting"] == 0
    for row in rows.values():
        prompt = json.loads(row_params(tmp_path, row["id"]))["prompt"]
        if row["state"] == "downloaded":
            assert creates[prompt] == 1
            assert mp4_boxes(Path(row["output"]).read_bytes())[0] == "ftyp"
        elif row["state"] == "failed":
            assert "please fail" in prompt
            assert row["error"]
        else:  # the create was sent, the answer lost to a kill: reported, not resubmitted
            assert creates[prompt] <= 1
            assert "answer was lost" in row["error"]
    videos = sorted(path.name for path in (tmp_path / "videos").iterdir())
    assert videos == sorted(f"{row['id']}.mp4" for row in rows.values() if row["state"] == "downloaded")

    # Opting in resubmits the unknown jobs, and only them.
    unknown = [row["id"] for row in rows.values() if row["state"] == "unknown"]
    before = len(live_server.tasks)
    again = subprocess.run(
        batch_command(tmp_path, "--resubmit-unknown"), env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert again.returncode in (0, 4), again.stderr
    assert len(live_server.tasks) - before == len(unknown)
    assert json.loads(again.stdout)["summary"]["unknown"] == 0
    status = subprocess.run(
        [sys.executable, "-m", "freepik_kling", "batch-status", str(tmp_path / "journal.sqlite"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(status.stdout)["states"] == {"downloaded": JOBS - len(jobs) // 10, "failed": len(jobs) // 10}


def row_params(tmp_path: Path, job_id: str) -> str:
    with sqlite3.connect(tmp_path / "journal.sqlite") as db:
        return str(db.execute("SELECT params FROM jobs WHERE id = ?", [job_id]).fetchone()[0])


def test_respects_the_in_progress_limit_and_resumes_a_finished_batch(
    live_server: FreepikServer, tmp_path: Path
) -> None:
    live_server.timings.processing = 0.3
    live_server.faults.fail_if = lambda body: "please fail" in body.get("prompt", "")
    write_jobs(tmp_path / "jobs.jsonl")
    env = {**os.environ, "FREEPIK_BASE_URL": live_server.base_url, "FREEPIK_API_KEY": live_server.api_key}
    first = subprocess.run(batch_command(tmp_path), env=env, capture_output=True, text=True, timeout=300, check=False)
    assert first.returncode == 4  # the five "please fail" jobs
    summary = json.loads(first.stdout)["summary"]
    assert summary == {"done": 45, "skipped": 0, "failed": 5, "unknown": 0, "waiting": 0}
    assert not [r for r in live_server.requests if r.status == 429]  # never more than 3 in progress
    requests_before = len(live_server.requests)
    second = subprocess.run(batch_command(tmp_path), env=env, capture_output=True, text=True, timeout=60, check=False)
    assert json.loads(second.stdout)["summary"] == {"done": 0, "skipped": 45, "failed": 5, "unknown": 0, "waiting": 0}
    assert len(live_server.requests) == requests_before  # nothing left to do, nothing sent


def test_a_bad_jobs_file_is_refused_before_anything_is_sent(live_server: FreepikServer, tmp_path: Path) -> None:
    (tmp_path / "jobs.jsonl").write_text('{"image": "https://x/a.jpg", "duration": 5}\n{not json\n', encoding="utf-8")
    env = {**os.environ, "FREEPIK_BASE_URL": live_server.base_url, "FREEPIK_API_KEY": live_server.api_key}
    result = subprocess.run(batch_command(tmp_path), env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "jobs.jsonl:2: not a JSON object" in result.stderr
    assert live_server.requests == []
