"""Run the command line as a user would: a subprocess, against a simulator on real loopback HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from freepik_kling.testing import FreepikServer, SimulatorClock, Timings
from tests.helpers import image_bytes

FAST = ["--poll-interval", "0.05"]


@pytest.fixture(scope="session")
def _realtime_server() -> Iterator[FreepikServer]:
    clock = SimulatorClock(manual=False)
    with FreepikServer(clock=clock, timings=Timings(queued=0.05, processing=0.2)) as server:
        yield server


@pytest.fixture
def live_server(_realtime_server: FreepikServer) -> Iterator[FreepikServer]:
    """A simulator in real time (the CLI runs in another process, so it cannot share a manual clock).

    After the test, every request the command line sent must be one the OpenAPI document allows.
    """
    _realtime_server.reset()
    yield _realtime_server
    invalid = [f"{r.method} {r.path}: {r.contract_errors}" for r in _realtime_server.requests if r.contract_errors]
    assert not invalid, "requests the OpenAPI document does not allow:\n" + "\n".join(invalid)


@pytest.fixture
def cli(live_server: FreepikServer, tmp_path: Path):  # type: ignore[no-untyped-def]
    def run(*args: str, key: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "FREEPIK_BASE_URL": live_server.base_url,
            "FREEPIK_API_KEY": live_server.api_key if key is None else key,
        }
        return subprocess.run(
            [sys.executable, "-m", "freepik_kling", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=timeout,
            check=False,
        )

    return run


@pytest.fixture
def cat_jpg(tmp_path: Path) -> Path:
    path = tmp_path / "cat.jpg"
    path.write_bytes(image_bytes(640, 480, kind="JPEG"))
    return path
