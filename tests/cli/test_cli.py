"""freepik-kling commands end to end: output, --json, exit codes, interrupts, the sandbox."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from freepik_kling._cli.console import Console, DownloadBar, StatusLine
from freepik_kling.testing import FreepikServer, SimulatorClock
from tests.cli.conftest import FAST, assert_clean, cli_env, one_json_object
from tests.helpers import mp4_boxes


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
    listed = json.loads(cli("list", "--model", "kling-v2", "--json").stdout)
    assert [task["task_id"] for task in listed["tasks"]] == [task_id]
    remembered = json.loads(cli("list", "--json").stdout)
    assert [(task["task_id"], task["model"], task["status"]) for task in remembered["tasks"]] == [
        (task_id, "kling-v2", "COMPLETED")
    ]
    catalog = {model["slug"]: model for model in json.loads(cli("models", "--json").stdout)["models"]}
    assert catalog["kling-v2"]["required"] == ["duration", "image"]
    animated = json.loads(cli("animate", "cat.jpg", "--json", *FAST).stdout)
    assert Path(animated["path"]).name == f"{animated['task_id']}.mp4"
    assert animated["exit_code"] == 0


def test_text_output(cli: Any, cat_jpg: Path) -> None:
    task_id = cli("animate", "cat.jpg", "--no-wait").stdout.strip()
    assert cli("wait", task_id, *FAST).stdout.startswith(f"{task_id}  COMPLETED\nhttp")
    assert cli("list", "--model", "kling-v2").stdout.splitlines()[1].split() == [task_id, "COMPLETED"]
    row = cli("list").stdout.splitlines()[1].split()
    assert (row[0], row[1], row[4]) == (task_id, "kling-v2", "COMPLETED")  # id, model, date, time, status
    assert "kling-elements-std" in cli("models").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["animate", "cat.jpg", "--duration", "7"], "--duration: must be one of 5, 10; got '7'"),
        (["animate", "cat.jpg", "--prompt", "x" * 2501], "--prompt: at most 2500 characters"),
        (["animate", "missing.jpg"], "IMAGE: not an http(s) URL and no such file: 'missing.jpg'"),
        (["animate", "--image", "missing.jpg"], "--image: not an http(s) URL and no such file"),
        (["animate"], "IMAGE: required by kling-v2"),
        (["animate", "a.jpg", "b.jpg"], "IMAGE: kling-v2 takes one image, got 2"),
        (["animate", "cat.jpg", "--image", "cat.jpg"], "IMAGE: give the image as IMAGE or as --image, not both"),
        (
            ["animate", "https://e.com/a.png", "--cfg-scale", "1", "--model", "kling-elements-std"],
            "--cfg-scale: not an option of kling-elements-std (its options: --images, --prompt",
        ),
        (["animate", "cat.jpg", "--cfg-scale", "high"], "--cfg-scale: must be a number, got 'high'"),
        (["animate", "cat.jpg", "--cfg-scale", "nan"], "--cfg-scale: must be a finite number, got 'nan'"),
        (["animate", "cat.jpg", "--cfg-scale", "2"], "--cfg-scale: must be between 0 and 1"),
        (["animate", "cat.jpg", "--webhook-url", "hook"], "--webhook-url: must be an http(s) URL"),
        (["animate", "cat.jpg", "--model", "kling-v9"], "--model: unknown model 'kling-v9'; models: "),
        (
            ["animate", "cat.jpg", "--model", "kling-elements-std"],
            "IMAGE #1: this model takes public image URLs only",
        ),
        (["animate", "cat.jpg", "--base-url", "ftp://x"], "--base-url: must be an http(s) URL"),
        (["animate", "cat.jpg", "--no-such-option"], "unrecognized arguments: --no-such-option"),
        (["status"], "the following arguments are required: TASK_ID"),
        (["download", "../../etc/passwd", "-o", "videos/"], "argument TASK_ID: not a task id"),
        (["list", "--limit", "0"], "argument --limit: must be at least 1"),
        (["batch-status", "nope.sqlite"], "JOURNAL: no such journal: nope.sqlite"),
    ],
)
def test_bad_input_exits_2_and_sends_nothing(
    cli: Any, cat_jpg: Path, live_server: FreepikServer, args: list[str], message: str
) -> None:
    result = cli(*args)
    assert result.returncode == 2, result.stderr
    assert f"error: {message}" in result.stderr
    assert "(nothing was sent)" in result.stderr
    assert_clean(result)
    assert live_server.requests == []


@pytest.mark.parametrize("key", ["", "  "])
def test_missing_key_exits_2_naming_the_variable(cli: Any, live_server: FreepikServer, key: str) -> None:
    result = cli("list", "--model", "kling-v2", key=key)
    assert result.returncode == 2
    assert "error: no API key: set the FREEPIK_API_KEY environment variable" in result.stderr
    # list --model refuses --sandbox (its sandbox would hold no task): the advice is the served one.
    assert "`freepik-kling sandbox` serves one to every command" in result.stderr
    assert_clean(result)
    assert live_server.requests == []


def test_existing_output_exits_2(cli: Any, cat_jpg: Path, tmp_path: Path, live_server: FreepikServer) -> None:
    (tmp_path / "taken.mp4").write_bytes(b"mine")
    result = cli("animate", "cat.jpg", "-o", "taken.mp4")
    assert result.returncode == 2
    assert "-o: taken.mp4 exists; add --overwrite to replace it" in result.stderr
    assert (tmp_path / "taken.mp4").read_bytes() == b"mine"
    assert live_server.requests == []
    replaced = cli("animate", "cat.jpg", "-o", "taken.mp4", "--overwrite", *FAST)
    assert replaced.returncode == 0, replaced.stderr
    assert mp4_boxes((tmp_path / "taken.mp4").read_bytes())[0] == "ftyp"


def test_api_errors_exit_3(cli: Any) -> None:
    wrong = cli("list", "--model", "kling-v2", key="wrong-key")
    assert wrong.returncode == 3
    assert "error: 401: Invalid API key" in wrong.stderr
    assert "check the FREEPIK_API_KEY environment variable" in wrong.stderr
    missing = cli("status", "no-such-task")
    assert missing.returncode == 3
    assert "404" in missing.stderr
    assert_clean(wrong)
    assert_clean(missing)


def test_failed_task_exits_4(cli: Any, cat_jpg: Path, live_server: FreepikServer) -> None:
    live_server.faults.fail_tasks = 1
    result = cli("animate", "cat.jpg", "--json", *FAST)
    assert result.returncode == 4
    data = one_json_object(result)
    assert (data["status"], data["model"], data["error"]["kind"]) == ("FAILED", "kling-v2", "failed")
    assert f"error: task {data['task_id']} (kling-v2) failed on the server: no video" in result.stderr
    assert_clean(result)


def test_wait_timeout_exits_5_naming_the_finishing_command(cli: Any, cat_jpg: Path, live_server: FreepikServer) -> None:
    live_server.timings.processing = 60
    result = cli("animate", "cat.jpg", "--timeout", "0.3", "-o", "my video.mp4", *FAST)
    assert result.returncode == 5
    task_id = next(iter(live_server.tasks))
    assert f"task {task_id} is still IN_PROGRESS after 0.3 s; it may still finish" in result.stderr
    assert f"freepik-kling wait {task_id} --model kling-v2 -o 'my video.mp4'" in result.stderr
    assert_clean(result)
    live_server.timings.processing = 0
    finished = cli(*shlex.split(result.stderr.splitlines()[-1].strip())[1:], *FAST)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == "my video.mp4"


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
    assert f"task {task_id} (kling-v2) is safe on the server; finish it with:" in rest
    assert f"freepik-kling wait {task_id} --model kling-v2 -o {task_id}.mp4" in rest
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
    assert "Time is simulated" in result.stderr
    assert "generated test pattern" in result.stderr


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


def test_models_json_is_the_documented_contract(cli: Any) -> None:
    from freepik_kling._catalog import models

    listed = one_json_object(cli("models", "--json"))["models"]
    assert [model["slug"] for model in listed] == list(models())
    for model in listed:
        assert {"slug", "title", "source", "fields", "routes"} <= set(model)
        spec = models()[model["slug"]]
        assert model["routes"] == {"create": spec.create.path, "status": spec.status.path, "list": spec.list.path}
        assert model["fields"] == spec.fields
    elements = next(model for model in listed if model["slug"] == "kling-elements-std")
    assert elements["routes"]["status"] == "/v1/ai/image-to-video/kling-elements/{task-id}"


def test_models_shows_each_fields_values_and_bounds(cli: Any) -> None:
    text = cli("models", "kling-v2", "kling-elements-std", "kling-v2-6-pro").stdout
    assert re.search(r"--duration\s+required\s+one of 5, 10; default here: 5", text)
    assert re.search(r"--cfg-scale\s+number 0 to 1; API default 0.5", text)
    assert re.search(r"--image, IMAGE\s+required\s+image: a URL or a local JPEG/PNG file", text)
    assert re.search(r"--images, IMAGE\s+required\s+1 to 4 images, each a public http\(s\) URL", text)
    assert re.search(r"--prompt\s+text, at most 2500 characters", text)


def test_animate_help_is_the_models_spec(cli: Any) -> None:
    default = " ".join(cli("animate", "--help").stdout.split())
    assert "kling-v2 options:" in default
    assert "--cfg-scale N Flexibility in video generation;" in default
    elements = " ".join(cli("animate", "--model", "kling-elements-std", "--help").stdout.split())
    assert "--aspect-ratio {widescreen_16_9,social_story_9_16,square_1_1}" in elements
    assert "--cfg-scale" not in elements


def test_version(cli: Any) -> None:
    from freepik_kling import __version__

    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"freepik-kling {__version__}"


@pytest.mark.parametrize("switch", [["--debug"], []])
def test_debug_shows_each_request_but_never_the_key(
    cli: Any, cat_jpg: Path, live_server: FreepikServer, switch: list[str]
) -> None:
    env = {} if switch else {"FREEPIK_LOG": "debug"}
    result = cli(*switch, "animate", "cat.jpg", "-o", "cat.mp4", *FAST, env=env)
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"debug: httpx: HTTP Request: POST http://127\.0\.0\.1:\d+/v1/ai/image-to-video/kling-v2 ", result.stderr
    )
    assert "debug: freepik_kling: polled task " in result.stderr
    assert live_server.api_key not in result.stderr + result.stdout


def test_debug_shows_the_traceback_of_an_unexpected_error(cli: Any, tmp_path: Path) -> None:
    # A bug, planted at start-up (sitecustomize): the models command raises what nothing expects.
    sitecustomize = tmp_path / "hook" / "sitecustomize.py"
    sitecustomize.parent.mkdir()
    sitecustomize.write_text(
        "import freepik_kling._cli.main\n"
        "def planted_bug(*args, **kwargs):\n    raise RuntimeError('synthetic failure')\n"
        "freepik_kling._cli.main.cmd_models = planted_bug\n"
    )
    env = {"PYTHONPATH": os.pathsep.join([str(sitecustomize.parent), os.environ.get("PYTHONPATH", "")])}
    plain = cli("models", "--json", env=env)
    assert plain.returncode == 1
    assert "error: unexpected RuntimeError: synthetic failure" in plain.stderr
    assert "run again with --debug (or FREEPIK_LOG=debug)" in plain.stderr
    assert "Traceback" not in plain.stderr
    assert one_json_object(plain)["error"]["kind"] == "unexpected"
    debug = cli("models", "--debug", env=env)
    assert "Traceback" in debug.stderr
    assert "synthetic failure" in debug.stderr


def _with_stdout_closed(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Runs the command line with its stdout's reader gone before anything is written: (exit code, stderr)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "freepik_kling", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate(timeout=30)
    return process.returncode, err


@pytest.mark.parametrize("as_json", [[], ["--json"]])
def test_a_closed_stdout_is_no_traceback(tmp_path: Path, as_json: list[str]) -> None:
    """``freepik-kling models | head -1``: the reader is gone before the output is written."""
    code, err = _with_stdout_closed(tmp_path, "models", *as_json)
    assert code == 141  # 128 + SIGPIPE, as `seq 100000 | head -1` gives
    assert err == ""  # nothing was lost: no task was made


def test_a_closed_stdout_after_a_create_still_names_the_task(
    tmp_path: Path, cat_jpg: Path, live_server: FreepikServer
) -> None:
    """``freepik-kling animate --no-wait --json | true``: the task exists and is paid for; its id must not be lost."""
    code, err = _with_stdout_closed(tmp_path, "animate", str(cat_jpg), "--no-wait", "--json", env=cli_env(live_server))
    assert [r.method for r in live_server.requests].count("POST") == 1
    (task,) = live_server.tasks  # the one task, paid for
    assert code == 141
    assert "error: the output was closed before everything was written" in err, err
    assert task in err


def test_an_api_400_names_the_options_not_the_fields(cli: Any, cat_jpg: Path, live_server: FreepikServer) -> None:
    from freepik_kling.testing import Fault

    body = {"message": "Invalid parameters", "invalid_params": [{"name": "webhook_url", "reason": "not reachable"}]}
    live_server.faults.add(Fault(method="POST", status=400, body=json.dumps(body).encode()))
    result = cli("animate", "cat.jpg", "--webhook-url", "https://hooks.example/x")
    assert result.returncode == 3
    assert "error: 400: Invalid parameters\n--webhook-url: not reachable\n" in result.stderr
    assert_clean(result)
