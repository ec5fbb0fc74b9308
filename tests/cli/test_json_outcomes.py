"""With --json, every command writes exactly one JSON object to stdout, whatever the outcome: success, bad
input, an API error or Ctrl-C. It carries the exit code, and the task id where there is one."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from freepik_kling._cli.history import TaskHistory
from freepik_kling.testing import FreepikServer
from tests.cli.conftest import FAST, Run, assert_clean, cli_env, one_json_object

BATCH = ["batch", "jobs.jsonl", "--journal", "journal.sqlite", "--out", "videos", "--poll-interval", "0.05"]
SUCCESS = {
    "animate": ["animate", "cat.jpg", *FAST],
    "status": ["status", "{id}"],
    "wait": ["wait", "{id}", *FAST],
    "download": ["download", "{id}", "-o", "dl.mp4"],
    "list": ["list"],
    "list --model": ["list", "--model", "kling-v2"],
    "models": ["models"],
    "batch": BATCH,
    "batch-status": ["batch-status", "journal.sqlite"],
}
BAD_INPUT = {
    "animate": ["animate", "cat.jpg", "--timeout", "0"],
    "status": ["status"],
    "wait": ["wait", "{id}", "--poll-interval", "-1"],
    "download": ["download", "{id}", "-o", "/dev/null", "--overwrite"],
    "list": ["list", "--limit", "many"],
    "models": ["models", "--bogus"],
    "batch": ["batch", "missing.jsonl", "--journal", "journal.sqlite", "--out", "videos"],
    "batch-status": ["batch-status", "missing.sqlite"],
}
# models and batch-status never talk to the API: they have no API error, and finish before a Ctrl-C could
# land anywhere but in Python's start-up.
API_ERROR = {name: args for name, args in SUCCESS.items() if name not in ("models", "batch-status")}
INTERRUPTED = API_ERROR


@pytest.fixture
def finished_task(live_server: FreepikServer, cat_jpg: Path, tmp_path: Path) -> str:
    """A COMPLETED task in this computer's task history, and a jobs file for batch."""
    with live_server.client() as client:
        task = client.kling_v2.run(image="https://example.com/a.jpg", duration=5, poll_interval=0.05)
    TaskHistory().remember(live_server.base_url, task.id, "kling-v2", str(tmp_path / "a.mp4"))
    (tmp_path / "jobs.jsonl").write_text(json.dumps({"image": "https://example.com/b.jpg", "duration": 5}) + "\n")
    return task.id


def check(result: subprocess.CompletedProcess[str], code: int, task_id: str | None) -> None:
    assert result.returncode == code, result.stderr
    data = one_json_object(result)
    if task_id is not None:
        assert data["task_id"] == task_id
    if code != 0 and "batch" not in result.args:  # a batch reports per job, in its journal rows
        assert data["error"]["message"]
    assert_clean(result)


@pytest.mark.parametrize("name", SUCCESS)
def test_success(cli: Run, finished_task: str, name: str) -> None:
    if name == "batch-status":
        assert cli(*BATCH).returncode == 0  # a journal to read
    args = [word.format(id=finished_task) for word in SUCCESS[name]]
    check(cli(*args, "--json"), 0, finished_task if "{id}" in SUCCESS[name] else None)


@pytest.mark.parametrize("name", BAD_INPUT)
def test_bad_input(cli: Run, finished_task: str, live_server: FreepikServer, name: str) -> None:
    live_server.requests.clear()
    result = cli(*[word.format(id=finished_task) for word in BAD_INPUT[name]], "--json")
    check(result, 2, finished_task if name == "download" else None)
    assert json.loads(result.stdout)["error"]["kind"] == "input"
    assert live_server.requests == []


@pytest.mark.parametrize("name", API_ERROR)
def test_api_error(cli: Run, finished_task: str, name: str) -> None:
    args = [word.format(id=finished_task) for word in API_ERROR[name]]
    result = cli(*args, "--json", key="not-the-key")
    check(result, 3, finished_task if "{id}" in API_ERROR[name] else None)


@pytest.mark.parametrize("name", INTERRUPTED)
def test_interrupt(finished_task: str, live_server: FreepikServer, tmp_path: Path, name: str) -> None:
    live_server.timings.processing = 60
    with live_server.client() as client:
        unfinished = client.kling_v2.create(image="https://example.com/c.jpg", duration=5)
    live_server.requests.clear()
    live_server.faults.slow(3, method="GET")  # the first GET is answered late: interrupted meanwhile
    task_id = unfinished.id if name == "wait" else finished_task
    args_template = INTERRUPTED[name]
    args = [word.format(id=task_id) for word in args_template]
    process = subprocess.Popen(
        [sys.executable, "-m", "freepik_kling", *args, "--json"],
        cwd=tmp_path,
        env=cli_env(live_server),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 20
    while not any(request.method == "GET" for request in live_server.requests):  # held by the slow fault
        assert time.monotonic() < deadline, "the command sent no GET"
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    result = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    created = [task.id for task in live_server.tasks.values() if task.id not in (unfinished.id, finished_task)]
    expected = created[0] if name == "animate" and created else task_id if "{id}" in args_template else None
    check(result, 130, expected)
    assert json.loads(out)["error"]["kind"] == "interrupted"
