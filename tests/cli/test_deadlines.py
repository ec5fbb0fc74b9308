"""``--timeout`` is one deadline for everything a command waits for, whatever the server does: real loopback
servers that refuse creates with "at most 3 tasks in progress" and ``Retry-After: 60``, hang, or drip their
answer a byte at a time (tests/hostile.py). The command line runs in this process, on a thread with a bound,
so that a hang fails the test instead of blocking it, and start-up time is not counted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import freepik_kling.batch._api  # noqa: F401 - loaded before any clock starts: imports are not a deadline's
from freepik_kling._cli.main import main
from tests.hostile import SLACK, TASK_ID, HostileAPI, bounded, hostile_api

DEADLINE = 2.0
IMAGE = "https://example.com/cat.jpg"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FREEPIK_API_KEY", "fpk-test-key-0123456789")
    monkeypatch.delenv("FREEPIK_LOG", raising=False)


def run(api: HostileAPI, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The command against ``api``: its exit code, stdout and stderr, once it ended by the deadline."""
    code, took = bounded(lambda: main([*argv, "--base-url", api.url]), DEADLINE)
    out, err = capsys.readouterr()
    assert DEADLINE - 0.05 <= took <= DEADLINE + SLACK, f"{argv}: ended after {took:.2f} s\n{err}"
    return code, out, err


def test_animate_waits_for_a_free_slot_until_its_deadline_then_says_nothing_was_created(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with hostile_api(create="slots") as api:
        code, out, err = run(api, "animate", IMAGE, "--timeout", str(DEADLINE), "--json", capsys=capsys)
    assert code == 5
    lines = err.splitlines()
    assert lines[0].startswith("waiting for a free slot (Too many requests: at most 3 tasks in progress)"), err
    data = json.loads(out)
    assert f"no free slot within {DEADLINE:g} s" in data["error"]["message"]
    assert "nothing was created" in data["error"]["message"]
    assert "task_id" not in data
    assert api.creates == 2  # the server's 60 s cut to the deadline, then one last try: never a 60 s sleep


@pytest.mark.parametrize("status", ["hang", "drip"])
def test_animate_ends_at_its_deadline_naming_the_task_and_how_to_resume(
    status: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with hostile_api(status=status) as api:
        code, _, err = run(api, "animate", IMAGE, "--timeout", str(DEADLINE), capsys=capsys)
    assert code == 5
    assert f"error: task {TASK_ID} is still CREATED after {DEADLINE:g} s; it may still finish" in err
    assert f"freepik-kling wait {TASK_ID} --model kling-v2 -o {TASK_ID}.mp4" in err


def test_a_download_that_drips_ends_at_the_deadline_with_the_command_that_finishes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with hostile_api(finished=True, video="drip") as api:
        argv = ["animate", IMAGE, "-o", "cat.mp4", "--timeout", str(DEADLINE), "--poll-interval", "0.05"]
        code, _, err = run(api, *argv, capsys=capsys)  # the task is seen done at once: the download has the rest
    assert code == 5
    assert f"error: the video of task {TASK_ID} was not downloaded within {DEADLINE:g} s (--timeout)" in err
    assert f"freepik-kling download {TASK_ID} --model kling-v2 -o cat.mp4" in err
    assert os.listdir(tmp_path) == []  # no video, no part file


@pytest.mark.parametrize("status", ["hang", "drip", "slots"])
def test_status_ends_at_its_deadline(status: str, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_api(status=status) as api:
        code, _, err = run(api, "status", TASK_ID, "--timeout", str(DEADLINE), "--json", capsys=capsys)
    assert code == 5
    assert f"error: no answer about task {TASK_ID} within {DEADLINE:g} s (--timeout)" in err


def test_wait_ends_at_its_deadline(capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_api(status="hang") as api:
        code, _, err = run(api, "wait", TASK_ID, "--timeout", str(DEADLINE), capsys=capsys)
    assert code == 5
    assert f"task {TASK_ID} is still UNKNOWN after {DEADLINE:g} s" in err
    assert f"freepik-kling wait {TASK_ID} --model kling-v2" in err


@pytest.mark.parametrize("video", ["hang", "drip"])
def test_download_ends_at_its_deadline(video: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_api(finished=True, video=video) as api:
        code, _, err = run(api, "download", TASK_ID, "-o", "v.mp4", "--timeout", str(DEADLINE), capsys=capsys)
    assert code == 5
    assert f"error: the video of task {TASK_ID} was not downloaded within {DEADLINE:g} s (--timeout)" in err
    assert f"freepik-kling download {TASK_ID} --model kling-v2 -o v.mp4" in err
    assert os.listdir(tmp_path) == []


def test_a_batch_job_past_its_deadline_keeps_its_task_for_the_next_run(capsys: pytest.CaptureFixture[str]) -> None:
    Path("jobs.jsonl").write_text(json.dumps({"id": "cat", "image": IMAGE, "duration": 5}) + "\n")
    batch = ["batch", "jobs.jsonl", "--journal", "b.sqlite", "--out", "v", "--timeout", str(DEADLINE), "--json"]
    with hostile_api(status="hang") as api:
        code, out, _ = run(api, *batch, capsys=capsys)
    assert code == 5  # some jobs still wait: run again
    (row,) = json.loads(out)["jobs"]
    assert (row["state"], row["task_id"]) == ("created", TASK_ID)
    assert f"timed out after {DEADLINE:g} s (task {TASK_ID}: no answer about it)" in row["error"]
    with hostile_api(create="hang", finished=True) as api:  # a create now would hang: none is sent
        code, _ = bounded(lambda: main([*batch, "--base-url", api.url]), DEADLINE)
    assert code == 0, capsys.readouterr().err
    assert api.creates == 0
    assert Path("v/cat.mp4").is_file()


@pytest.mark.parametrize("command", ["status", "wait", "download", "batch"])
@pytest.mark.parametrize("value", ["0", "-1", "abc"])
def test_a_bad_timeout_is_refused_naming_the_option(
    command: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("jobs.jsonl").write_text(json.dumps({"image": IMAGE, "duration": 5}) + "\n")
    target = ["jobs.jsonl", "--journal", "b.sqlite", "--out", "v"] if command == "batch" else [TASK_ID]
    with hostile_api() as api:
        code = main([command, *target, "--timeout", value, "--base-url", api.url])
    assert code == 2
    assert "--timeout: must be" in capsys.readouterr().err
    assert api.creates == 0
    assert api.gets == []


def test_ctrl_c_while_waiting_for_a_slot_says_nothing_was_created(tmp_path: Path) -> None:
    with hostile_api(create="slots") as api:
        env = {**os.environ, "FREEPIK_BASE_URL": api.url, "FREEPIK_API_KEY": "fpk-test-key-0123456789"}
        command = [sys.executable, "-m", "freepik_kling", "animate", IMAGE, "--timeout", "120"]
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
        killer = threading.Timer(30, process.kill)  # a bound on the readline below
        killer.start()
        try:
            assert process.stderr is not None
            first = process.stderr.readline()
            assert first.startswith("waiting for a free slot"), first
            process.send_signal(signal.SIGINT)  # while the library sleeps before it sends the create again
            _, rest = process.communicate(timeout=20)
        finally:
            killer.cancel()
            process.kill()
    assert process.returncode == 130, rest
    assert "nothing was created: the command was waiting for a free slot" in rest
    assert api.creates == 1
