"""Run the command line as a user would: a subprocess, against a simulator on real loopback HTTP."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from freepik_kling._catalog import models
from freepik_kling.testing import FreepikServer, SimulatorClock, Timings
from tests.helpers import image_bytes

FAST = ["--poll-interval", "0.05"]
_FIELD_NAMES = sorted({name for spec in models().values() for name in spec.fields if "_" in name})
# What a user at a shell must never read: a traceback, Python arguments and calls, request field names
# where the command line has options (webhook_url for --webhook-url).
PYTHON_WORDS = re.compile(
    r"Traceback|\w=True|api_key=|\b(?:wait|get|list|create)\(\)|(?<![-\w])(?:" + "|".join(_FIELD_NAMES) + r")\b"
)


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """No traceback and no Python argument names on stderr (the command line's words only)."""
    assert not PYTHON_WORDS.search(result.stderr), result.stderr


def one_json_object(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """stdout is exactly one JSON object, and it carries the process's exit code."""
    data = json.loads(result.stdout)
    assert isinstance(data, dict), result.stdout
    assert data["exit_code"] == result.returncode, (data, result.stderr)
    return data


@pytest.fixture(autouse=True)
def task_history(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test's commands keep their task history in a folder of their own, never in ~/.cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("FREEPIK_KLING_CACHE_DIR", str(folder))
    return folder


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


def cli_env(server: FreepikServer, key: str | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "FREEPIK_LOG"}
    env.update(FREEPIK_BASE_URL=server.base_url, FREEPIK_API_KEY=server.api_key if key is None else key, **extra)
    return env


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(live_server: FreepikServer, tmp_path: Path) -> Run:
    def run(
        *args: str,
        key: str | None = None,
        timeout: float = 60,
        env: dict[str, str] | None = None,
        prefix: Sequence[str] = (),
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*prefix, sys.executable, "-m", "freepik_kling", *args],
            capture_output=True,
            text=True,
            env={**cli_env(live_server, key), **(env or {})},
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
