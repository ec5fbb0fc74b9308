"""The task history: where it lives, what it keeps, several commands at once, and a broken file."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from freepik_kling._cli import history
from freepik_kling._cli.history import TaskHistory, cache_dir
from freepik_kling.testing import Fault, FreepikServer
from tests.cli.conftest import FAST, Run, assert_clean, one_json_object
from tests.helpers import golden_family


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {}, "/home/u/.cache/freepik-kling"),
        ("linux", {"XDG_CACHE_HOME": "/xdg"}, "/xdg/freepik-kling"),
        ("linux", {"XDG_CACHE_HOME": "relative"}, "/home/u/.cache/freepik-kling"),  # the spec says ignore it
        ("darwin", {}, "/home/u/Library/Caches/freepik-kling"),
        ("win32", {"LOCALAPPDATA": "/appdata"}, "/appdata/freepik-kling/Cache"),
        ("linux", {"FREEPIK_KLING_CACHE_DIR": "/mine", "XDG_CACHE_HOME": "/xdg"}, "/mine"),
    ],
)
def test_the_cache_directory_follows_the_platform(
    monkeypatch: pytest.MonkeyPatch, platform: str, env: dict[str, str], expected: str
) -> None:
    for name in ("FREEPIK_KLING_CACHE_DIR", "XDG_CACHE_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: Path("/home/u")))
    assert cache_dir() == Path(expected)


def test_remembers_per_api_newest_first_and_keeps_a_bounded_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks = TaskHistory(tmp_path / "deep" / "tasks.sqlite3")
    monkeypatch.setattr(history, "KEEP", 5)
    for number in range(8):
        tasks.remember("https://api", f"t{number}", "kling-v2", f"/out/{number}.mp4")
    tasks.remember("http://127.0.0.1:1", "t0", "kling-elements-std", None)
    assert [entry.task_id for entry in tasks.recent("https://api", 10)] == ["t7", "t6", "t5", "t4"]
    assert tasks.find("https://api", "t0") is None  # pruned: the oldest go first
    found = tasks.find("http://127.0.0.1:1", "t0")
    assert found is not None
    assert (found.model, found.output) == ("kling-elements-std", None)
    assert tasks.find("https://api", "t7") == tasks.recent("https://api", 1)[0]


WRITER = """
import sys
import time
from pathlib import Path
from freepik_kling._cli.history import TaskHistory
tasks = TaskHistory(Path(sys.argv[1]))
for number in range(40):
    tasks.remember("https://api", f"{sys.argv[2]}-{number}", "kling-v2", None)
"""


def test_commands_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tasks.sqlite3"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"w{index}"], stderr=subprocess.PIPE)
        for index in range(6)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
    ids = {entry.task_id for entry in TaskHistory(path).recent("https://api", 1000)}
    assert ids == {f"w{index}-{number}" for index in range(6) for number in range(40)}


def test_a_broken_history_never_stops_a_command(
    cli: Run, cat_jpg: Path, task_history: Path, live_server: FreepikServer
) -> None:
    (task_history / "tasks.sqlite3").write_bytes(b"this is not a database" * 100)
    result = cli("animate", "cat.jpg", "--json", *FAST)
    assert result.returncode == 0, result.stderr
    task_id = one_json_object(result)["task_id"]
    assert f"note: task {task_id} could not be added to the task history" in result.stderr
    status = cli("status", task_id)  # not found in the history: the default model, which is right here
    assert status.returncode == 0
    assert "could not be read" in status.stderr
    listed = cli("list")
    assert listed.returncode == 0
    assert "could not be read" in listed.stderr
    assert_clean(result)


def test_an_unusable_cache_folder_never_stops_a_command(
    cli: Run, cat_jpg: Path, tmp_path: Path, live_server: FreepikServer
) -> None:
    (tmp_path / "not-a-folder").write_text("x")
    result = cli("animate", "cat.jpg", *FAST, env={"FREEPIK_KLING_CACHE_DIR": str(tmp_path / "not-a-folder")})
    assert result.returncode == 0, result.stderr
    assert "could not be added to the task history" in result.stderr
    assert len(live_server.tasks) == 1


def test_list_shows_recent_tasks_across_models(cli: Run, cat_jpg: Path, live_server: FreepikServer) -> None:
    first = cli("animate", "cat.jpg", "-o", "cat.mp4", *FAST)
    assert first.returncode == 0
    live_server.faults.fail_tasks = 1  # a status of its own, to tell the rows apart
    second = cli("animate", "https://example.com/a.png", "--model", "kling-elements-std", "--no-wait")
    failed = live_server.tasks[second.stdout.strip()]
    deadline = time.monotonic() + 10
    while failed.status(live_server.clock.monotonic(), live_server.timings) != "FAILED":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    listed = one_json_object(cli("list", "--json"))
    rows = [(task["model"], task["status"]) for task in listed["tasks"]]
    assert rows == [("kling-elements-std", "FAILED"), ("kling-v2", "COMPLETED")]
    assert listed["tasks"][0]["task_id"] == second.stdout.strip()
    assert listed["tasks"][1]["output"].endswith("cat.mp4")
    limited = one_json_object(cli("list", "--limit", "1", "--json"))
    assert [task["task_id"] for task in limited["tasks"]] == [second.stdout.strip()]


def test_an_unreadable_create_answer_is_kept_as_unknown(cli: Run, cat_jpg: Path, live_server: FreepikServer) -> None:
    live_server.faults.add(Fault(method="POST", status=200, body=b"<html>accepted</html>"))
    result = cli("animate", "cat.jpg", "-o", "cat.mp4")
    assert result.returncode == 3
    assert "with a body that is not what it documents" in result.stderr
    assert "client.model" not in result.stderr  # the command line's advice, not Python's
    assert "the create may have been processed, so it was not sent again" in result.stderr
    assert "look for the task before creating another: freepik-kling list --model kling-v2" in result.stderr
    assert_clean(result)
    assert len([r for r in live_server.requests if r.method == "POST"]) == 1  # never sent again
    listed = one_json_object(cli("list", "--json"))
    [row] = listed["tasks"]
    assert row["task_id"].startswith(history.UNKNOWN)
    assert (row["model"], row["status"]) == ("kling-v2", "unknown")
    assert row["output"].endswith("cat.mp4")


def test_a_task_on_a_shared_route_takes_its_model_from_the_history(cli: Run, live_server: FreepikServer) -> None:
    created = cli("animate", "--model", "kling-o1-std", "--first-frame", "https://example.com/a.png", "--no-wait")
    assert created.returncode == 0, created.stderr
    task_id = created.stdout.strip()
    remembered = one_json_object(cli("status", task_id, "--json"))
    assert remembered["model"] == "kling-o1-std"  # the route is kling-o1-pro's too: the history knows
    told = one_json_object(cli("status", task_id, "--model", "kling-o1-pro", "--json"))
    assert told["model"] == golden_family("kling-o1-pro")
