"""Each job's one deadline, over its wait for a free slot, its task and its download: on the simulator's clock,
and in real time against loopback servers that refuse, hang or drip (tests/hostile.py), each run on a thread
with a bound, so that a hang fails the test instead of blocking it. A job past its deadline keeps its task id,
and the next run finishes it without creating another."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from freepik_kling import Batch
from freepik_kling.batch._api import BatchResult
from freepik_kling.testing import FreepikServer
from tests.batch.conftest import url_jobs
from tests.hostile import SLACK, TASK_ID, HostileAPI, bounded, hostile_api

DEADLINE = 2.0


def rows(journal: Path) -> dict[str, tuple[str, str | None, str | None]]:
    with sqlite3.connect(journal) as db:
        return {
            job: (state, task, error)
            for job, state, task, error in db.execute("SELECT id, state, task_id, error FROM jobs")
        }


def run_on(api: HostileAPI, tmp_path: Path, **options: Any) -> tuple[BatchResult, float]:
    """One job against ``api``, ended by its deadline; and the seconds it took."""
    batch = Batch(
        journal=tmp_path / "b.sqlite",
        out=tmp_path / "v",
        api_key="fpk-test-key-0123456789",
        base_url=api.url,
        **options,
    )
    result, took = bounded(lambda: batch.run(url_jobs(1)), DEADLINE)
    assert took <= DEADLINE + SLACK, f"ended {took:.2f} s after the start"
    return result, took


def test_the_deadline_counts_from_the_first_create_so_a_slot_wait_shortens_the_task_wait(
    make_batch: Any, freepik_server: FreepikServer, tmp_path: Path
) -> None:
    freepik_server.faults.rate_limit(retry_after=20, times=1, method="POST")  # 20 s for a slot, then a 35 s task
    started = freepik_server.clock.monotonic()
    first = make_batch(timeout=40).run(url_jobs(1))
    assert freepik_server.clock.monotonic() - started == pytest.approx(40, abs=1)  # not 20 + 40
    assert first.summary["waiting"] == 1
    ((state, task_id, error),) = rows(tmp_path / "journal.sqlite").values()
    assert (state, task_id) == ("created", next(iter(freepik_server.tasks)))
    assert error == f"timed out after 40 s (task {task_id}: still IN_PROGRESS): run again to keep waiting"
    again = make_batch().run(url_jobs(1))
    assert again.summary["done"] == 1
    assert len(freepik_server.tasks) == 1  # followed, never created again


def test_a_key_full_until_the_deadline_creates_nothing(tmp_path: Path) -> None:
    with hostile_api(create="slots") as api:
        result, took = run_on(api, tmp_path, timeout=DEADLINE)
    assert took >= DEADLINE - 0.05  # it did wait for a slot: the server's 60 s cut to the deadline
    assert api.creates == 1  # and none at the deadline: its task would start past it
    assert (
        result.stopped
        == f"the API refused every create for {DEADLINE:g} s (429: Too many requests: at most 3 tasks in progress)"
    )
    ((state, task_id, error),) = rows(tmp_path / "b.sqlite").values()
    assert (state, task_id) == ("pending", None)
    assert str(error).startswith("timed out, nothing created")


@pytest.mark.parametrize("status", ["hang", "drip", "slots"])
def test_a_task_nobody_answers_about_times_out_and_the_next_run_finishes_it(status: str, tmp_path: Path) -> None:
    with hostile_api(status=status) as api:
        result, took = run_on(api, tmp_path, timeout=DEADLINE)
    assert took >= DEADLINE - 0.05
    assert result.summary["waiting"] == 1
    ((state, task_id, error),) = rows(tmp_path / "b.sqlite").values()
    assert (state, task_id) == ("created", TASK_ID)
    assert error == f"timed out after {DEADLINE:g} s (task {TASK_ID}: no answer about it): run again to keep waiting"
    with hostile_api(create="hang", finished=True) as api:  # a create would hang: none is sent
        again, _ = run_on(api, tmp_path, timeout=DEADLINE)
    assert again.summary["done"] == 1
    assert api.creates == 0


@pytest.mark.parametrize("video", ["hang", "drip"])
def test_a_download_past_the_deadline_is_fetched_again_by_the_next_run(video: str, tmp_path: Path) -> None:
    with hostile_api(finished=True, video=video) as api:
        result, took = run_on(api, tmp_path, timeout=DEADLINE, poll_interval=0.05)
    assert took >= DEADLINE - 0.05
    assert result.summary["waiting"] == 1
    ((state, task_id, error),) = rows(tmp_path / "b.sqlite").values()
    assert (state, task_id) == ("completed", TASK_ID)
    assert str(error).endswith(f"timed out after {DEADLINE:g} s: run again to retry")
    assert [path.name for path in (tmp_path / "v").iterdir()] == []  # nothing partial in place or staged
    with hostile_api(create="hang", finished=True) as api:
        again, _ = run_on(api, tmp_path, timeout=DEADLINE)
    assert again.summary["done"] == 1
    assert api.creates == 0
    assert (tmp_path / "v" / "job-0.mp4").is_file()
