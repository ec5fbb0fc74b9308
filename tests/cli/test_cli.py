"""freepik-kling commands end to end: output, --json, exit codes, interrupts, the sandbox."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from freepik_kling.cli import Console, DownloadBar, StatusLine
from freepik_kling.testing import FreepikServer, SimulatorClock
from tests.cli.conftest import FAST
from tests.helpers import mp4_boxes


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("images", "model"),
    [(["cat.jpg"], "kling-v2"), (["https://example.com/a.png", "https://example.com/b.png"], "kling-elements-std")],
)
def test_animate_end_to_end(cli: Any, cat_jpg: Path, tmp_path: Path, images: list[str], model: str) -> None:
    result = cli("animate", *images, "--model", model, "--prompt", "waves", "-o", "out/video.mp4", *FAST)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "out/video.mp4"
    assert mp4_boxes((tmp_path / "out" / "video.mp4").read_bytes())[0] == "ftyp"
    assert "created task" in result.stderr
    assert "COMPLETED" in result.stderr
    assert "\r" not in result.stderr
    assert "\033[" not in result.stderr


def test_json_output_of_every_command(cli: Any, cat_jpg: Path, live_server: FreepikServer) -> None:
    created = json.loads(cli("animate", "cat.jpg", "--no-wait", "--json").stdout)
    assert created["status"] == "CREATED"
    task_id = created["task_id"]
    waited = json.loads(cli("wait", task_id, "--json", *FAST).stdout)
    assert waited["status"] == "COMPLETED"
    assert json.loads(cli("status", task_id, "--json").stdout)["videos"] == waited["videos"]
    downloaded = json.loads(cli("download", task_id, "--json", "-o", "dl.mp4").stdout)
    assert downloaded["path"] == "dl.mp4"
    listed = json.loads(cli("list", "--json").stdout)
    assert [task["task_id"] for task in listed] == [task_id]
    catalog = json.loads(cli("models", "--json").stdout)
    assert catalog["kling-v2"]["required"] == ["duration", "image"]
    animated = json.loads(cli("animate", "cat.jpg", "--json", *FAST).stdout)
    assert Path(animated["path"]).name == f"{animated['task_id']}.mp4"


def test_text_output(cli: Any, cat_jpg: Path) -> None:
    task_id = cli("animate", "cat.jpg", "--no-wait").stdout.strip()
    assert cli("wait", task_id, *FAST).stdout.startswith(f"{task_id}  COMPLETED\nhttp")
    assert cli("list").stdout.splitlines()[1].split() == [task_id, "COMPLETED"]
    assert "kling-elements-std" in cli("models").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["animate", "cat.jpg", "--duration", "7"], "duration: must be one of 5, 10"),
        (["animate", "cat.jpg", "--prompt", "x" * 2501], "prompt: at most 2500 characters"),
        (["animate", "missing.jpg"], "image: not an http(s) URL and no such file"),
        (["animate", "a.jpg", "b.jpg"], "image: kling-v2 takes one image, got 2"),
        (["animate", "cat.jpg", "--cfg-scale", "1", "--model", "kling-elements-std"], "cfg_scale: not a field"),
        (["animate", "cat.jpg", "--model", "kling-v9"], "unknown model 'kling-v9'"),
        (["batch-status", "nope.sqlite"], "no such journal"),
    ],
)
def test_bad_input_exits_2_and_sends_nothing(
    cli: Any, cat_jpg: Path, live_server: FreepikServer, args: list[str], message: str
) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    no_traceback(result)
    assert live_server.requests == []


def test_missing_key_exits_2(cli: Any) -> None:
    result = cli("list", key="")
    assert result.returncode == 2
    assert "FREEPIK_API_KEY" in result.stderr
    no_traceback(result)


def test_existing_output_exits_2(cli: Any, cat_jpg: Path, tmp_path: Path) -> None:
    (tmp_path / "taken.mp4").write_bytes(b"mine")
    result = cli("animate", "cat.jpg", "-o", "taken.mp4")
    assert result.returncode == 2
    assert "--overwrite" in result.stderr
    assert (tmp_path / "taken.mp4").read_bytes() == b"mine"


def test_api_errors_exit_3(cli: Any) -> None:
    wrong = cli("list", key="wrong-key")
    assert wrong.returncode == 3
    assert "401: Invalid API key" in wrong.stderr
    missing = cli("status", "no-such-task")
    assert missing.returncode == 3
    assert "404" in missing.stderr
    no_traceback(wrong)


def test_failed_task_exits_4(cli: Any, cat_jpg: Path, live_server: FreepikServer) -> None:
    live_server.faults.fail_tasks = 1
    result = cli("animate", "cat.jpg", "--json", *FAST)
    assert result.returncode == 4
    assert json.loads(result.stdout)["status"] == "FAILED"
    assert "ended with status FAILED" in result.stderr
    no_traceback(result)


def test_wait_timeout_exits_5_with_a_resume_hint(cli: Any, cat_jpg: Path, live_server: FreepikServer) -> None:
    live_server.timings.processing = 60
    result = cli("animate", "cat.jpg", "--timeout", "0.3", *FAST)
    assert result.returncode == 5
    assert "resume with: freepik-kling wait" in result.stderr
    no_traceback(result)


def test_ctrl_c_while_waiting_prints_how_to_resume(live_server: FreepikServer, cat_jpg: Path, tmp_path: Path) -> None:
    live_server.timings.processing = 60
    env = {**os.environ, "FREEPIK_BASE_URL": live_server.base_url, "FREEPIK_API_KEY": live_server.api_key}
    process = subprocess.Popen(
        [sys.executable, "-m", "freepik_kling", "animate", "cat.jpg", *FAST],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    first = process.stderr.readline()
    assert first.startswith("created task")
    task_id = first.split()[2]
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=20)
    assert process.returncode == 130
    assert f"freepik-kling wait {task_id} --model kling-v2" in rest
    assert "Traceback" not in rest


def test_sandbox_needs_no_key_and_no_network(tmp_path: Path, cat_jpg: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FREEPIK_")}
    result = subprocess.run(
        [sys.executable, "-m", "freepik_kling", "animate", "cat.jpg", "--sandbox", "-o", "demo.mp4"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert mp4_boxes((tmp_path / "demo.mp4").read_bytes())[0] == "ftyp"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_status_line_redraws_and_the_bar_shows_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    err = FakeTerminal()
    console = Console(as_json=False, out=io.StringIO(), err=err)
    assert console.live
    clock = SimulatorClock()
    with StatusLine(console, clock, "t1") as line:
        clock.advance(65)
        line.draw()
        time.sleep(0.6)  # one tick of the half-second redraw
    bar = DownloadBar(console)
    bar(5_000_000, 10_000_000)
    text = err.getvalue()
    assert "\r\033[K" in text
    assert "task t1: waiting  1:05" in text
    assert "[###############---------------] 5.0 MB / 10.0 MB" in text
    assert re.search(r"10\.0 MB  [\d.]+ [KMG]?B/s$", text)
