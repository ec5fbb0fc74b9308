"""Batches run in this process against the simulator on its manual clock: a 35 s task takes no real time."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from freepik_kling import Batch
from freepik_kling.testing import FreepikServer, SimulatorClock


def url_jobs(count: int, **extra: Any) -> list[dict[str, Any]]:
    return [
        {"id": f"job-{n}", "image": f"https://example.com/{n}.jpg", "duration": 5, "prompt": f"prompt {n}", **extra}
        for n in range(count)
    ]


def states(journal: Path) -> dict[str, str]:
    with sqlite3.connect(journal) as db:
        return dict(db.execute("SELECT id, state FROM jobs").fetchall())


def creates(server: FreepikServer) -> list[dict[str, Any]]:
    """The bodies of the creates that made a task, in order."""
    return [task.body for task in server.tasks.values()]


def posts(server: FreepikServer) -> list[Any]:
    return [json.loads(r.body) for r in server.requests if r.method == "POST" and not r.path.startswith("/_sim/")]


@pytest.fixture
def make_batch(freepik_server: FreepikServer, tmp_path: Path) -> Any:
    """``make_batch(**options)``: a Batch on the simulator, its journal and videos under tmp_path."""

    def make(**options: Any) -> Batch:
        settings: dict[str, Any] = {
            "journal": tmp_path / "journal.sqlite",
            "out": tmp_path / "videos",
            "api_key": freepik_server.api_key,
            "base_url": freepik_server.base_url,
            "clock": freepik_server.clock,
            **options,
        }
        return Batch(**settings)

    return make


class ObservedClock:
    """The simulator's clock, calling ``on_wait(seconds)`` before each wait the batch makes."""

    def __init__(self, clock: SimulatorClock, on_wait: Callable[[float], object]) -> None:
        self.clock = clock
        self.on_wait = on_wait

    def monotonic(self) -> float:
        return self.clock.monotonic()

    def sleep(self, seconds: float) -> None:
        raise AssertionError("the batch never blocks its event loop")

    async def asleep(self, seconds: float) -> None:
        self.on_wait(seconds)
        await self.clock.asleep(seconds)
