"""Each example in examples/ run as a user runs it: a subprocess given only FREEPIK_BASE_URL and
FREEPIK_API_KEY, against a simulator in real time, ending by itself with exit 0."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from freepik_kling.testing import FreepikServer, SimulatorClock, Timings
from tests.helpers import ROOT, mp4_boxes

EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def _server() -> Iterator[FreepikServer]:
    with FreepikServer(clock=SimulatorClock(manual=False), timings=Timings(queued=0.05, processing=0.2)) as server:
        yield server


@pytest.fixture
def server(_server: FreepikServer) -> Iterator[FreepikServer]:
    """The simulator, reset; after the test, every request the example sent was one the spec allows."""
    _server.reset()
    yield _server
    invalid = [f"{r.method} {r.path}: {r.contract_errors}" for r in _server.requests if r.contract_errors]
    assert not invalid, invalid


def run_example(name: str, server: FreepikServer, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FREEPIK_", "MAGNIFIC_", "WEBHOOK_"))}
    env.update(FREEPIK_BASE_URL=server.base_url, FREEPIK_API_KEY=server.api_key)
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name)], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert server.api_key not in result.stdout + result.stderr
    return result


def creates(server: FreepikServer) -> list[int]:
    return [r.status for r in server.requests if r.method == "POST" and r.path.startswith("/v1/ai/")]


def status_requests(server: FreepikServer) -> list[str]:
    return [r.path for r in server.requests if r.method == "GET" and r.path.startswith("/v1/ai/")]


def assert_video(path: Path) -> None:
    assert mp4_boxes(path.read_bytes())[0] == "ftyp"


def test_quickstart_creates_waits_and_downloads(server: FreepikServer, tmp_path: Path) -> None:
    result = run_example("quickstart.py", server, tmp_path)
    assert_video(tmp_path / "out" / "quickstart.mp4")
    assert creates(server) == [200]
    assert status_requests(server), "quickstart waits by polling"
    assert "saved out/quickstart.mp4" in result.stdout


def test_fan_out_keeps_within_the_keys_three_slots(server: FreepikServer, tmp_path: Path) -> None:
    run_example("fan_out.py", server, tmp_path)
    videos = sorted(path.name for path in (tmp_path / "out").glob("*.mp4"))
    assert videos == [f"fan-out-{n}.mp4" for n in range(1, 6)]
    for name in videos:
        assert_video(tmp_path / "out" / name)
    assert creates(server) == [200] * 5, "no create was refused for a full key"
    assert server.max_in_progress == 3


def test_webhook_receiver_downloads_on_delivery_without_polling(server: FreepikServer, tmp_path: Path) -> None:
    result = run_example("webhook_receiver.py", server, tmp_path)
    assert_video(tmp_path / "out" / "webhook.mp4")
    assert creates(server) == [200]
    assert status_requests(server) == [], "the receiver learns of completion from the webhook alone"
    assert "is COMPLETED" in result.stdout


def test_webhook_receiver_rejects_a_forged_delivery(server: FreepikServer, tmp_path: Path) -> None:
    server.faults.webhook_tamper = 1  # the first delivery's body no longer matches its signature
    result = run_example("webhook_receiver.py", server, tmp_path)
    assert_video(tmp_path / "out" / "webhook.mp4")
    assert result.stdout.count("webhook: task") == len(server.deliveries) - 1


def test_batch_from_csv_makes_one_video_per_row_and_resumes(server: FreepikServer, tmp_path: Path) -> None:
    result = run_example("batch_csv.py", server, tmp_path)
    assert "'done': 3" in result.stdout
    assert sorted(path.name for path in (tmp_path / "out" / "batch").glob("*.mp4")) == [
        "row-1.mp4",
        "row-2.mp4",
        "row-3.mp4",
    ]
    sent = len(creates(server))
    again = run_example("batch_csv.py", server, tmp_path)  # the journal says all is done: nothing is sent
    assert "'done': 0, 'skipped': 3" in again.stdout
    assert len(creates(server)) == sent == 3


def test_pytest_example_passes(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLES / "test_my_app.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout
