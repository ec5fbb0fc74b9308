"""Issue #13's defects, each reproduced as a user would meet it: the CLI as a subprocess, the simulator on
loopback. A bad option must send nothing; once a task exists, no failure may lose it."""

from __future__ import annotations

import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from freepik_kling.testing import FreepikServer
from tests.cli.conftest import FAST, Run, assert_clean, cli_env, one_json_object
from tests.helpers import mp4_boxes


def creates(server: FreepikServer) -> list[int]:
    """The status of every create request the simulator answered."""
    return [r.status for r in server.requests if r.method == "POST"]


def finish_command(stderr: str) -> list[str]:
    """The command the CLI printed to finish the job, as argv for the same CLI."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip().startswith("freepik-kling ")]
    assert lines, stderr
    return shlex.split(lines[-1])[1:]


def wait_for(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


# -- 1. It pays, then crashes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--poll-interval", "0"),
        ("--poll-interval", "nan"),
        ("--poll-interval", "-1"),
        ("--timeout", "0"),
        ("--timeout", "-5"),
        ("--timeout", "inf"),
        ("--timeout", "soon"),
    ],
)
def test_bad_wait_numbers_are_refused_before_the_create(
    cli: Run, cat_jpg: Path, live_server: FreepikServer, option: str, value: str
) -> None:
    result = cli("animate", "cat.jpg", option, value)
    assert result.returncode == 2
    assert f"error: argument {option}: must be a" in result.stderr
    assert f"number of seconds, got '{value}' (nothing was sent)" in result.stderr
    assert_clean(result)
    assert live_server.requests == []


def test_an_output_under_a_regular_file_is_refused_before_the_create(
    cli: Run, cat_jpg: Path, tmp_path: Path, live_server: FreepikServer
) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = cli("animate", "cat.jpg", "-o", "notes.txt/deeper/out.mp4")
    assert result.returncode == 2
    said = "error: -o: notes.txt is a file, not a folder, so notes.txt/deeper/out.mp4 cannot be made in it"
    assert said in result.stderr
    assert_clean(result)
    assert live_server.requests == []
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.fixture(scope="session")
def tmpfs_on() -> Any:
    """``tmpfs_on(options, folder)``: a command prefix that runs the rest in a private mount namespace with
    a tmpfs mounted on ``folder``: a real full or read-only disk, gone when the process ends. Needs the
    right to mount (root in a container); skipped elsewhere."""
    script = 'mount -t tmpfs -o "$1" tmpfs "$2" && shift 2 && exec "$@"'
    probe = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", "size=4k", "/mnt", "true"], check=False)
    if probe.returncode != 0:
        pytest.skip("cannot mount a tmpfs in a private mount namespace here (needs unshare and mount rights)")
    return lambda options, folder: ["unshare", "-m", "sh", "-c", script, "sh", options, folder]


def test_a_read_only_folder_is_refused_before_the_create(
    cli: Run, cat_jpg: Path, tmp_path: Path, live_server: FreepikServer, tmpfs_on: Any
) -> None:
    (tmp_path / "videos").mkdir()
    result = cli("animate", "cat.jpg", "-o", "videos/cat.mp4", prefix=tmpfs_on("ro", "videos"))
    assert result.returncode == 2, result.stderr
    assert f"error: -o: the folder {tmp_path / 'videos'} is not writable (nothing was sent)" in result.stderr
    assert_clean(result)
    assert live_server.requests == []


# -- 2. --overwrite replaces special files --------------------------------------------------------


@pytest.fixture
def special_files(tmp_path: Path) -> Iterator[dict[str, str]]:
    """-o values naming things that are not regular files, and what each is."""
    os.mkfifo(tmp_path / "pipe")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "sock"))
    yield {"/dev/full": "a character device", "pipe": "a named pipe", "sock": "a socket"}
    listener.close()


@pytest.mark.parametrize("command", ["animate", "download", "wait"])
def test_overwrite_never_replaces_a_special_file(
    cli: Run, cat_jpg: Path, tmp_path: Path, live_server: FreepikServer, special_files: dict[str, str], command: str
) -> None:
    for target, kind in special_files.items():
        args = ["animate", "cat.jpg"] if command == "animate" else [command, "t1"]
        result = cli(*args, "-o", target, "--overwrite", timeout=20)
        assert result.returncode == 2, (target, result.stderr)
        assert f"error: -o: {target} is {kind}, not a regular file: it is never replaced (nothing was sent)" in (
            result.stderr
        )
        assert_clean(result)
    assert live_server.requests == []
    assert Path("/dev/full").is_char_device()
    assert (tmp_path / "pipe").is_fifo()
    assert (tmp_path / "sock").is_socket()


@pytest.mark.parametrize("command", ["download", "wait"])
def test_a_folder_where_the_video_would_land_is_refused(
    cli: Run, tmp_path: Path, live_server: FreepikServer, command: str
) -> None:
    (tmp_path / "videos" / "t1.mp4").mkdir(parents=True)  # -o videos/ means videos/<task id>.mp4
    result = cli(command, "t1", "-o", "videos/", "--overwrite")
    assert result.returncode == 2
    assert "error: -o: videos/t1.mp4 is a directory, not a regular file" in result.stderr
    assert live_server.requests == []
    assert (tmp_path / "videos" / "t1.mp4").is_dir()


# -- 3. After the task exists, failures lose it ---------------------------------------------------


def test_a_full_disk_during_the_download_keeps_the_task(
    cli: Run, cat_jpg: Path, tmp_path: Path, live_server: FreepikServer, tmpfs_on: Any
) -> None:
    live_server.video_size = 1 << 20  # 1 MB into a 64 KB disk
    (tmp_path / "small").mkdir()
    result = cli("animate", "cat.jpg", "-o", "small/cat.mp4", "--json", *FAST, prefix=tmpfs_on("size=64k", "small"))
    assert result.returncode == 6, result.stderr
    data = one_json_object(result)
    task_id = data["task_id"]
    assert data["error"]["kind"] == "output"
    assert "could not save the video: No space left on device" in data["error"]["message"]
    assert data["finish"] == f"freepik-kling download {task_id} --model kling-v2 -o small/cat.mp4"
    assert f"task {task_id} (kling-v2) is safe on the server; finish it with:" in result.stderr
    assert_clean(result)
    finished = cli(*finish_command(result.stderr))  # outside the namespace: the folder has room
    assert finished.returncode == 0, finished.stderr
    assert (tmp_path / "small" / "cat.mp4").stat().st_size == 1 << 20
    assert creates(live_server) == [200]


def test_an_output_folder_replaced_by_a_file_while_waiting_keeps_the_task(
    live_server: FreepikServer, cat_jpg: Path, tmp_path: Path
) -> None:
    live_server.timings.processing = 1.0
    (tmp_path / "out").mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "freepik_kling", "animate", "cat.jpg", "-o", "out/cat.mp4", *FAST],
        cwd=tmp_path,
        env=cli_env(live_server),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    assert process.stderr.readline().startswith("created task")
    (tmp_path / "out").rmdir()
    (tmp_path / "out").write_text("now a file")
    _, rest = process.communicate(timeout=30)
    assert process.returncode == 6, rest
    assert "error: the video was not saved: -o: out is a file, not a folder" in rest
    task_id = next(iter(live_server.tasks))
    assert f"freepik-kling download {task_id} --model kling-v2 -o out/cat.mp4" in rest
    assert "Traceback" not in rest


def test_a_dropped_connection_during_the_download_keeps_the_task(
    cli: Run, cat_jpg: Path, live_server: FreepikServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cut_short(chunk: int = 1 << 20) -> tuple[int, Iterator[bytes]]:
        def chunks() -> Iterator[bytes]:
            yield b"\x00" * 1000
            raise ConnectionResetError("the CDN went away")

        return 100_000, chunks()

    monkeypatch.setattr(live_server, "video_chunks", cut_short)
    result = cli("animate", "cat.jpg", "-o", "cat.mp4", "--json", *FAST)
    assert result.returncode == 3, result.stderr
    data = one_json_object(result)
    assert data["status"] == "COMPLETED"
    assert data["finish"] == f"freepik-kling download {data['task_id']} --model kling-v2 -o cat.mp4"
    assert "connection failed" in data["error"]["message"]
    assert_clean(result)
    assert creates(live_server) == [200]


def test_ctrl_c_while_the_create_is_in_flight_says_a_task_may_exist(
    live_server: FreepikServer, cat_jpg: Path, tmp_path: Path
) -> None:
    live_server.faults.slow(3, method="POST")
    process = subprocess.Popen(
        [sys.executable, "-m", "freepik_kling", "animate", "cat.jpg", "--json"],
        cwd=tmp_path,
        env=cli_env(live_server),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for(lambda: any(r.method == "POST" for r in live_server.requests))
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert "the create request was sent but its answer was not received: a task may exist" in err
    assert "look for it before creating another: freepik-kling list --model kling-v2" in err
    assert json.loads(out)["error"]["kind"] == "interrupted"
    assert "Traceback" not in err


def test_a_create_whose_outcome_is_unknown_is_not_sent_again(
    cli: Run, cat_jpg: Path, live_server: FreepikServer
) -> None:
    live_server.faults.server_error_html(method="POST", after_processing=True)  # created, then a 500
    result = cli("animate", "cat.jpg", *FAST)
    assert result.returncode == 3
    assert "the create may have been processed, so it was not sent again" in result.stderr
    assert "look for the task before creating another: freepik-kling list --model kling-v2" in result.stderr
    assert_clean(result)
    assert creates(live_server) == [500]
    listed = cli("list", "--model", "kling-v2", "--json")
    assert [task["task_id"] for task in json.loads(listed.stdout)["tasks"]] == list(live_server.tasks)


# -- 5. status, wait and download assumed kling-v2 ------------------------------------------------


def test_status_wait_and_download_find_the_model_of_a_task_made_here(
    cli: Run, live_server: FreepikServer, tmp_path: Path
) -> None:
    created = cli("animate", "https://example.com/a.png", "--model", "kling-elements-std", "--no-wait")
    assert created.returncode == 0, created.stderr
    task_id = created.stdout.strip()
    status = cli("status", task_id, "--json")
    assert one_json_object(status)["model"] == "kling-elements-std"
    waited = cli("wait", task_id, "-o", "waited.mp4", *FAST)
    assert waited.returncode == 0, waited.stderr
    assert waited.stdout.strip() == "waited.mp4"
    assert mp4_boxes((tmp_path / "waited.mp4").read_bytes())[0] == "ftyp"
    downloaded = cli("download", task_id, "-o", "again.mp4")
    assert downloaded.returncode == 0, downloaded.stderr
    assert (tmp_path / "again.mp4").read_bytes() == (tmp_path / "waited.mp4").read_bytes()
    assert all("/kling-elements/" in r.path for r in live_server.requests if r.method == "GET" and "_sim" not in r.path)


def test_an_unknown_task_id_gets_a_hint_to_pass_model(cli: Run, live_server: FreepikServer) -> None:
    with live_server.client() as client:
        elsewhere = client.kling_elements_std.create(images=["https://example.com/a.png"])  # not made by the CLI
    for command in ("status", "wait", "download"):
        result = cli(command, elsewhere.id, *(FAST if command == "wait" else []))
        assert result.returncode == 3, result.stderr
        assert "error: 404: Not found" in result.stderr
        assert "not in this computer's task history, so the model was taken to be kling-v2" in result.stderr
        assert "if it belongs to another model, pass --model" in result.stderr
        assert "finish it with" not in result.stderr
        assert_clean(result)
    found = cli("status", elsewhere.id, "--model", "kling-elements-std")
    assert found.returncode == 0, found.stderr


def test_wait_with_output_waits_and_downloads(cli: Run, cat_jpg: Path, tmp_path: Path) -> None:
    task_id = cli("animate", "cat.jpg", "--no-wait").stdout.strip()
    result = cli("wait", task_id, "-o", "videos/", "--json", *FAST)
    assert result.returncode == 0, result.stderr
    data = one_json_object(result)
    assert Path(data["path"]) == Path("videos") / f"{task_id}.mp4"
    assert mp4_boxes((tmp_path / data["path"]).read_bytes())[0] == "ftyp"


def test_download_of_an_unfinished_task_says_how_to_wait_for_it(
    cli: Run, cat_jpg: Path, live_server: FreepikServer
) -> None:
    live_server.timings.processing = 60
    task_id = cli("animate", "cat.jpg", "--no-wait").stdout.strip()
    result = cli("download", task_id, "-o", "cat.mp4")
    assert result.returncode == 5
    assert f"error: task {task_id} is IN_PROGRESS: no video to download yet" in result.stderr
    assert f"freepik-kling wait {task_id} --model kling-v2 -o cat.mp4" in result.stderr
    assert_clean(result)


# -- 7. A single animate meeting "at most 3 tasks in progress" -------------------------------------


def test_a_full_key_waits_for_a_free_slot(live_server: FreepikServer, cat_jpg: Path, tmp_path: Path) -> None:
    live_server.max_in_progress = 1
    live_server.timings.processing = 60
    with live_server.client() as client:
        client.kling_v2.create(image="https://example.com/busy.jpg", duration=5)
    process = subprocess.Popen(
        [sys.executable, "-m", "freepik_kling", "animate", "cat.jpg", "-o", "cat.mp4", *FAST],
        cwd=tmp_path,
        env=cli_env(live_server),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    first = process.stderr.readline()
    assert first.startswith("waiting for a free slot (Too many requests: at most 1 tasks in progress)"), first
    live_server.timings.processing = 0.1  # the busy task finishes: a slot frees
    out, rest = process.communicate(timeout=30)
    assert process.returncode == 0, rest
    assert out.strip() == "cat.mp4"
    assert mp4_boxes((tmp_path / "cat.mp4").read_bytes())[0] == "ftyp"
    statuses = creates(live_server)
    assert statuses[0] == 200
    assert statuses[-1] == 200
    assert set(statuses[1:-1]) == {429}
    assert len(live_server.tasks) == 2  # the busy one and ours: never a duplicate
    assert "Traceback" not in rest


def test_no_free_slot_before_the_deadline_creates_nothing(cli: Run, cat_jpg: Path, live_server: FreepikServer) -> None:
    live_server.max_in_progress = 1
    live_server.timings.processing = 60
    with live_server.client() as client:
        client.kling_v2.create(image="https://example.com/busy.jpg", duration=5)
    result = cli("animate", "cat.jpg", "--timeout", "0.5", "--json")
    assert result.returncode == 5
    data = one_json_object(result)
    assert "no free slot within 0.5 s" in data["error"]["message"]
    assert "nothing was created" in data["error"]["message"]
    assert "task_id" not in data
    assert len(live_server.tasks) == 1
    assert_clean(result)


def test_other_429s_are_still_errors(cli: Run, cat_jpg: Path, live_server: FreepikServer) -> None:
    live_server.faults.rate_limit(times=10)
    result = cli("animate", "cat.jpg")
    assert result.returncode == 3
    assert "error: 429: Too many requests" in result.stderr
    assert "free slot" not in result.stderr
    assert live_server.tasks == {}


def test_a_refused_create_says_nothing_was_created(cli: Run, cat_jpg: Path, live_server: FreepikServer) -> None:
    # A 429 is an answer: the create was refused, so no paid task may exist, whatever the library retried.
    live_server.faults.rate_limit(times=10)
    result = cli("animate", "cat.jpg", "--json")
    data = one_json_object(result)
    assert data["error"]["outcome_unknown"] is False
    assert "nothing was created" in result.stderr
    assert "may exist" not in result.stderr
    assert live_server.tasks == {}


def test_a_create_whose_answer_is_lost_still_says_a_task_may_exist(
    cli: Run, cat_jpg: Path, live_server: FreepikServer
) -> None:
    live_server.faults.drop()
    result = cli("animate", "cat.jpg", "--json")
    assert one_json_object(result)["error"]["outcome_unknown"] is True
    assert "nothing was created" not in result.stderr
    assert "freepik-kling list --model kling-v2" in result.stderr
