"""freepik-kling batch as a user runs it: a subprocess against the simulator in real time.

The SIGKILL test is tests/batch/test_kill.py; the runner's logic is tested from Python in tests/batch/.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from freepik_kling.testing import FreepikServer
from tests.helpers import image_bytes

FAST = ["--poll-interval", "0.05", "--rate", "500"]


def write_jobs(path: Path, jobs: list[Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [job if isinstance(job, str) else json.dumps(job) for job in jobs]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def job(name: str, **fields: Any) -> dict[str, Any]:
    return {"id": name, "image": f"https://example.com/{name}.jpg", "duration": 5, **fields}


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr


def test_a_batch_runs_and_reports(cli: Any, live_server: FreepikServer, tmp_path: Path) -> None:
    write_jobs(tmp_path / "jobs.jsonl", [job(f"cat-{n}") for n in range(5)])
    result = cli("batch", "jobs.jsonl", "--journal", "b.sqlite", "--out", "videos", "--json", *FAST)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"] == {"done": 5, "skipped": 0, "failed": 0, "unknown": 0, "waiting": 0, "invalid": 0}
    assert sorted(os.listdir(tmp_path / "videos")) == [f"cat-{n}.mp4" for n in range(5)]
    assert not [r for r in live_server.requests if r.status == 429]
    status = cli("batch-status", "b.sqlite", "--json")
    assert json.loads(status.stdout)["states"] == {"downloaded": 5}
    text = cli("batch", "jobs.jsonl", "--journal", "b.sqlite", "--out", "videos", *FAST)
    assert text.returncode == 0
    assert text.stdout.startswith("done 0  skipped 5  failed 0  unknown 0  waiting 0  invalid 0")


def test_two_runs_on_one_journal_pay_once(live_server: FreepikServer, tmp_path: Path) -> None:
    live_server.timings.processing = 1.0
    write_jobs(tmp_path / "jobs.jsonl", [job(f"j{n}", prompt=f"p{n}") for n in range(4)])
    env = {**os.environ, "FREEPIK_BASE_URL": live_server.base_url, "FREEPIK_API_KEY": live_server.api_key}
    command = [sys.executable, "-m", "freepik_kling", "batch", "jobs.jsonl", "--journal", "b.sqlite", "--out", "v"]
    runs = [
        subprocess.Popen([*command, *FAST], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outcomes = sorted((run.wait(60), run.stderr.read().decode() if run.stderr else "") for run in runs)
    assert [code for code, _ in outcomes] == [0, 2], outcomes
    assert "another batch (pid" in outcomes[1][1]
    assert "is running on b.sqlite" in outcomes[1][1]
    assert sorted(task.body["prompt"] for task in live_server.tasks.values()) == ["p0", "p1", "p2", "p3"]


def test_bad_lines_are_all_named_before_anything_is_sent(cli: Any, live_server: FreepikServer, tmp_path: Path) -> None:
    write_jobs(
        tmp_path / "jobs.jsonl",
        [job("one"), job("two", colour="red"), job("three"), job("four", duration=7), "{not json", '["a", "list"]'],
    )
    result = cli("batch", "jobs.jsonl", "--journal", "b.sqlite", "--out", "videos", *FAST)
    assert result.returncode == 2
    no_traceback(result)
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert [line.split(": ", 3)[1:3] for line in lines] == [
        ["jobs.jsonl:2", "colour"],
        ["jobs.jsonl:4", "duration"],
        ["jobs.jsonl:5", "line"],
        ["jobs.jsonl:6", "line"],
    ]
    assert "jobs.jsonl:4: duration: must be one of 5, 10" in result.stderr
    assert "4 bad lines: nothing was sent (--skip-invalid sends the good ones)" in result.stderr
    assert live_server.requests == []

    skipping = cli("batch", "jobs.jsonl", "--journal", "b.sqlite", "--out", "videos", "--skip-invalid", "--json", *FAST)
    assert skipping.returncode == 4  # not every line made a video
    report = json.loads(skipping.stdout)
    assert report["summary"]["done"] == 2
    assert report["summary"]["invalid"] == 4
    assert sorted(os.listdir(tmp_path / "videos")) == ["one.mp4", "three.mp4"]


@pytest.mark.parametrize("job_id", ["../escaped", "/tmp/absolute", "a/b", "..", ".hidden", "a\\b", "", "con", 1.5])
def test_a_job_id_is_a_plain_file_name(cli: Any, live_server: FreepikServer, tmp_path: Path, job_id: Any) -> None:
    write_jobs(tmp_path / "work" / "jobs.jsonl", [job("fine"), {**job("x"), "id": job_id}])
    result = cli("batch", "work/jobs.jsonl", "--journal", "work/b.sqlite", "--out", "work/videos", *FAST)
    assert result.returncode == 2
    no_traceback(result)
    assert "jobs.jsonl:2: id: must be a file name" in result.stderr
    assert live_server.requests == []
    assert sorted(os.listdir(tmp_path)) == ["work"]
    assert not Path("/tmp/absolute.mp4").exists()


def test_relative_image_paths_resolve_from_the_jobs_files_folder(
    cli: Any, live_server: FreepikServer, tmp_path: Path
) -> None:
    folder = tmp_path / "project"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "cat.png").write_bytes(image_bytes(400, 400))
    write_jobs(folder / "jobs.jsonl", [{"id": "cat", "image": "images/cat.png", "duration": 5}])
    result = cli("batch", "project/jobs.jsonl", "--journal", "b.sqlite", "--out", "videos", *FAST)
    assert result.returncode == 0, result.stderr
    [task] = live_server.tasks.values()
    assert not task.body["image"].startswith("http")  # the local file, as base64
    assert (tmp_path / "videos" / "cat.mp4").is_file()


def test_inputs_that_cannot_be_used_get_a_message_not_a_traceback(
    cli: Any, live_server: FreepikServer, tmp_path: Path
) -> None:
    write_jobs(tmp_path / "jobs.jsonl", [job("one")])
    (tmp_path / "latin1.jsonl").write_bytes(b'{"id": "caf\xe9", "image": "https://x.com/a.jpg", "duration": 5}\n')
    (tmp_path / "not-a-journal.sqlite").write_bytes(b"hello, I am a text file" * 100)
    with sqlite3.connect(tmp_path / "other-app.sqlite") as db:
        db.execute("CREATE TABLE notes (body TEXT)")
    (tmp_path / "a-file").write_text("x")
    os.mkfifo(tmp_path / "fifo")
    cases = [
        (["missing.jsonl"], "JOBS.jsonl: no such file: missing.jsonl"),
        (["."], "JOBS.jsonl: . is a folder"),
        (["latin1.jsonl"], "latin1.jsonl:1: line: not UTF-8 text"),
        (["jobs.jsonl", "--journal", "no/such/folder/b.sqlite"], "--journal: the folder no/such/folder does not exist"),
        (["jobs.jsonl", "--journal", "not-a-journal.sqlite"], "not-a-journal.sqlite is not a batch journal"),
        (["jobs.jsonl", "--journal", "other-app.sqlite"], "other-app.sqlite is not a freepik-kling batch journal"),
        (["jobs.jsonl", "--journal", "fifo"], "--journal: fifo is not a regular file"),
        (["jobs.jsonl", "--journal", "."], "--journal: . is a folder"),
        (["jobs.jsonl", "--out", "a-file"], "a-file is a file, not a folder"),
        (["jobs.jsonl", "--out", "o" * 300], "--out: cannot use"),
        (["jobs.jsonl", "--out", "a-file/videos"], "a-file is a file, not a folder"),
        (["jobs.jsonl", "--concurrency", "1000"], "--concurrency: at most 3"),
        (["jobs.jsonl", "--concurrency", "0"], "--concurrency: must be a whole number of at least 1"),
        (["jobs.jsonl", "--rate", "0"], "--rate: must be a finite number above 0"),
        (["jobs.jsonl", "--rate", "-5"], "--rate: must be a finite number above 0"),
        (["jobs.jsonl", "--rate", "nan"], "--rate: must be a finite number above 0"),
        (["jobs.jsonl", "--timeout", "0"], "--timeout: must be"),
        (["jobs.jsonl", "--poll-interval", "-1"], "--poll-interval: must be"),
    ]
    defaults = {"--journal": "b.sqlite", "--out": "videos", "--poll-interval": "0.05", "--rate": "500"}
    for args, message in cases:
        missing = [item for key, value in defaults.items() if key not in args for item in (key, value)]
        result = cli("batch", *args, *missing)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        no_traceback(result)
    over = cli("batch", "jobs.jsonl", "--journal", "b.sqlite", "--out", "videos", "--concurrency", "1000")
    assert "--concurrency-over-limit" in over.stderr
    assert live_server.requests == []
    assert (tmp_path / "not-a-journal.sqlite").read_bytes().startswith(b"hello")
    assert not (tmp_path / "fifo.lock").exists()


def test_concurrency_over_the_limit_when_asked(cli: Any, live_server: FreepikServer, tmp_path: Path) -> None:
    write_jobs(tmp_path / "jobs.jsonl", [job(f"j{n}") for n in range(5)])
    args = ["--journal", "b.sqlite", "--out", "videos", "--concurrency", "5", "--concurrency-over-limit"]
    result = cli("batch", "jobs.jsonl", *args, *FAST)
    assert result.returncode == 0, result.stderr
    assert len(live_server.tasks) == 5  # the 429s for slots the key does not have cost nothing


def test_batch_status(cli: Any, live_server: FreepikServer, tmp_path: Path) -> None:
    live_server.faults.fail_if = lambda body: body.get("prompt") == "fail"
    write_jobs(tmp_path / "jobs.jsonl", [job("good"), job("bad", prompt="fail")])
    result = cli("batch", "jobs.jsonl", "--journal", "b.sqlite", "--out", "videos", *FAST)
    assert result.returncode == 4
    assert "bad                failed     task " in result.stdout
    status = cli("batch-status", "b.sqlite")
    assert status.stdout.splitlines()[0] == "downloaded 1  failed 1"
    (tmp_path / "junk.sqlite").write_bytes(os.urandom(4096))
    for journal, message in (("junk.sqlite", "is not a batch journal"), ("nope.sqlite", "no such journal")):
        broken = cli("batch-status", journal)
        assert broken.returncode == 2
        assert message in broken.stderr
        no_traceback(broken)


def test_retry_failed_and_exit_codes(cli: Any, live_server: FreepikServer, tmp_path: Path) -> None:
    live_server.faults.fail_tasks = 1
    write_jobs(tmp_path / "jobs.jsonl", [job("a")])
    args = ["batch", "jobs.jsonl", "--journal", "b.sqlite", "--out", "videos", *FAST]
    assert cli(*args).returncode == 4
    assert cli(*args).returncode == 4  # still failed: not sent again unasked
    assert len(live_server.tasks) == 1
    retried = cli(*args, "--retry-failed")
    assert retried.returncode == 0, retried.stderr
    assert "job a failed before" in retried.stderr
    assert len(live_server.tasks) == 2


def test_a_job_still_running_at_the_timeout_waits_for_the_next_run(
    cli: Any, live_server: FreepikServer, tmp_path: Path
) -> None:
    live_server.timings.processing = 3.0
    write_jobs(tmp_path / "jobs.jsonl", [job("slow")])
    args = ["batch", "jobs.jsonl", "--journal", "b.sqlite", "--out", "videos", *FAST]
    first = cli(*args, "--timeout", "0.5")
    assert first.returncode == 5
    assert "run again to keep waiting" in first.stdout
    time.sleep(3)
    second = cli(*args)
    assert second.returncode == 0, second.stderr
    assert len(live_server.tasks) == 1
