"""A newcomer's first hour at the command line, step by step: every command either works or says what to do.

Each test types what a new user types: the history without a key, a sandbox task made with ``--no-wait``
and followed up by later commands, the finishing command ``--no-wait`` prints, and help that reads like help.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from freepik_kling._catalog import models
from freepik_kling._cli.main import main
from freepik_kling.testing import FreepikServer
from tests.cli.conftest import FAST, Run, assert_clean, one_json_object


def test_list_without_a_key_shows_the_history(cli: Run, cat_jpg: Path, live_server: FreepikServer) -> None:
    created = cli("animate", "cat.jpg", "--no-wait")
    assert created.returncode == 0, created.stderr
    task_id = created.stdout.strip()
    live_server.requests.clear()
    for key in ("", "  "):
        listed = cli("list", key=key)
        assert listed.returncode == 0, listed.stderr
        assert re.search(
            rf"^{task_id}  kling-v2  .*  not refreshed  {re.escape(str(cat_jpg.parent))}$", listed.stdout, re.M
        )
        assert "statuses not refreshed: no API key (set FREEPIK_API_KEY" in listed.stderr
        assert_clean(listed)
    assert live_server.requests == []
    data = one_json_object(cli("list", "--json", key=""))
    assert [(task["task_id"], task["status"]) for task in data["tasks"]] == [(task_id, "not refreshed")]


def test_list_when_the_api_is_unreachable_still_shows_the_history(
    cli: Run, cat_jpg: Path, live_server: FreepikServer
) -> None:
    task_id = cli("animate", "cat.jpg", "--no-wait").stdout.strip()
    live_server.faults.unavailable(times=10)
    listed = cli("list")
    assert listed.returncode == 0, listed.stderr
    assert re.search(rf"^{task_id}  kling-v2  .*  not refreshed  ", listed.stdout, re.M)
    assert "statuses not refreshed: 503" in listed.stderr


def test_no_wait_prints_the_command_that_finishes_it_and_the_history_shows_the_file(
    cli: Run, cat_jpg: Path, tmp_path: Path
) -> None:
    created = cli("animate", "cat.jpg", "--no-wait", "-o", "out/")
    assert created.returncode == 0, created.stderr
    task_id = created.stdout.strip()  # stdout stays the bare id, for scripts
    finish = f"freepik-kling wait {task_id} --model kling-v2 -o out/"
    assert f"finish it with: {finish}" in created.stderr
    as_json = one_json_object(cli("animate", "cat.jpg", "--no-wait", "--json"))
    assert as_json["finish"].startswith(f"freepik-kling wait {as_json['task_id']} --model kling-v2 -o ")

    # The newcomer copies the printed command, but names the file: wait ID -o out/x.mp4.
    words = [*shlex.split(finish)[1:-1], "out/x.mp4", *FAST]
    finished = cli(*words)
    assert finished.returncode == 0, finished.stderr
    assert (tmp_path / "out" / "x.mp4").stat().st_size > 0
    row = next(line for line in cli("list").stdout.splitlines() if line.startswith(task_id))
    assert row.endswith(str(tmp_path / "out" / "x.mp4")), row  # the file, not the folder it was made in
    assert "COMPLETED" in row


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["animate", "cat.jpg", "--sandbox", "--no-wait"], "a --no-wait task would end with it"),
        (["status", "some-task", "--sandbox"], "no earlier task is there"),
        (["wait", "some-task", "--sandbox", "-o", "x.mp4"], "no earlier task is there"),
        (["download", "some-task", "--sandbox"], "no earlier task is there"),
        (["list", "--sandbox"], "no earlier task is there"),
    ],
)
def test_a_sandbox_dead_end_is_refused_with_the_way_out(cli: Run, cat_jpg: Path, args: list[str], why: str) -> None:
    result = cli(*args)
    assert result.returncode == 2, result.stderr
    assert f"error: --sandbox: starts a simulator for this command only, so {why}" in result.stderr
    assert "run `freepik-kling sandbox` in another terminal, export the two lines it prints" in result.stderr
    assert "(nothing was sent)" in result.stderr
    assert_clean(result)


@pytest.fixture
def sandbox_server(tmp_path: Path) -> Iterator[dict[str, str]]:
    """``freepik-kling sandbox`` as a user starts it in another terminal: the environment its lines export."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FREEPIK_", "MAGNIFIC_"))}
    env["FREEPIK_KLING_CACHE_DIR"] = str(tmp_path / "cache")
    process = subprocess.Popen(
        [sys.executable, "-m", "freepik_kling", "sandbox"],
        stdout=subprocess.PIPE,
        text=True,
        env={**env, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline().strip() for _ in range(2)]
        assert all(line.startswith("export FREEPIK_") for line in lines), lines
        env.update(line.removeprefix("export ").split("=", 1) for line in lines)
        yield env
    finally:
        process.send_signal(2)  # Ctrl-C
        assert process.wait(10) == 0


def test_the_sandbox_command_keeps_tasks_across_commands(
    sandbox_server: dict[str, str], cat_jpg: Path, tmp_path: Path
) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "freepik_kling", *args]
        return subprocess.run(command, capture_output=True, text=True, env=sandbox_server, cwd=tmp_path, check=False)

    created = run("animate", "cat.jpg", "--no-wait")
    assert created.returncode == 0, created.stderr
    task_id = created.stdout.strip()
    status = run("status", task_id)
    assert status.returncode == 0, status.stderr
    assert status.stdout.startswith(f"{task_id}  ")
    listed = run("list")
    assert listed.returncode == 0, listed.stderr
    assert task_id in listed.stdout


# -- help --------------------------------------------------------------------------------------------


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    return capsys.readouterr().out


@pytest.mark.parametrize("command", ["list", "models", "batch-status", "sandbox"])
def test_every_command_describes_itself_in_its_own_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    text = _help(capsys, command)
    description = text.partition("\n\n")[2]  # what follows the usage lines
    assert not description.startswith(("positional arguments", "options")), text
    assert len(description.split("\n\n")[0].split()) > 5, text


@pytest.mark.parametrize("command", ["models", "batch-status"])
def test_commands_that_need_no_server_offer_no_server_options(capsys: pytest.CaptureFixture[str], command: str) -> None:
    text = _help(capsys, command)
    assert "--sandbox" not in text
    assert "--base-url" not in text
    assert "--json" in text


def test_status_wait_download_and_list_do_not_offer_a_sandbox(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("status", "wait", "download", "list"):
        assert "--sandbox" not in _help(capsys, command), command
    assert "--sandbox" in _help(capsys, "animate")
    assert "--sandbox" in _help(capsys, "batch")


def test_animate_offers_the_image_once(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys, "animate")
    assert "--image" not in text
    positional = text.split("positional arguments:")[1].split("options:")[0]
    assert "Reference Image" in positional  # the field's own description, on IMAGE
    assert "--images" not in _help(capsys, "animate", "--model", "kling-elements-std")


def test_metavars_are_the_same_words_in_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("animate", "wait", "batch"):
        text = " ".join(_help(capsys, command).split())
        assert "--timeout SECONDS" in text, command
        assert "--poll-interval SECONDS" in text, command
        assert not re.search(r"--[\w-]+ (TIMEOUT|POLL_INTERVAL|SETTLE|RATE|CONCURRENCY|LIMIT|BASE_URL)\b", text), text


def test_help_says_the_same_poll_schedule_as_the_docs(capsys: pytest.CaptureFixture[str]) -> None:
    text = " ".join(_help(capsys, "animate").split())
    assert "(default: 2, growing to 15, and 20 after two minutes)" in text
    guide = (Path(__file__).parents[2] / "docs" / "guides" / "waiting.md").read_text(encoding="utf-8")
    assert "every 2 s, growing to 15 s (20 s after two minutes)" in " ".join(guide.split())


def test_no_markdown_leaks_into_any_models_help(capsys: pytest.CaptureFixture[str]) -> None:
    leaks = {}
    for slug in models():
        text = _help(capsys, "animate", "--model", slug)
        found = re.findall(r"\*\*|`[^`\s]+`", text.split(" options:", 1)[1])
        if found:
            leaks[slug] = found[:3]
    assert leaks == {}


# -- models ------------------------------------------------------------------------------------------


def test_models_is_a_short_list_and_takes_a_filter(cli: Run) -> None:
    overview = cli("models")
    assert overview.returncode == 0, overview.stderr
    lines = overview.stdout.splitlines()
    assert len(lines) < len(models()) + 5
    assert any(re.match(r"kling-v2\s+Kling 2\.0", line) for line in lines)
    assert "freepik-kling models SLUG" in overview.stdout

    one = cli("models", "kling-v2")
    assert one.returncode == 0, one.stderr
    assert one.stdout.startswith("kling-v2  Kling 2.0")
    assert re.search(r"--cfg-scale\s+number 0 to 1", one.stdout)
    assert "kling-v2-1-master" not in one.stdout  # an exact slug is that model alone

    family = one_json_object(cli("models", "v3-omni", "--json"))
    assert [model["slug"] for model in family["models"]] == [s for s in models() if "v3-omni" in s]
    assert len(family["models"]) > 1

    unknown = cli("models", "no_such-model")  # "_": no slug can hold it, whatever the document adds
    assert unknown.returncode == 2
    assert "error: SLUG: no model's slug contains 'no_such-model'; models: kling-" in unknown.stderr
    assert_clean(unknown)
