"""Task: a hashable value with to_dict(); a task from list() still downloads and waits with its videos."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from freepik_kling import Freepik, Task, TaskStatus, errors
from tests.facade.conftest import TASK_ID, FakeClock, ScriptedAPI, detail

VIDEO = "https://cdn.freepik.com/video/abc.mp4"
LISTED = httpx.Response(200, json={"data": [{"task_id": TASK_ID, "status": "COMPLETED"}]})


def test_tasks_are_hashable_values() -> None:
    done = Task(id="t1", status="COMPLETED", model="kling-v2", videos=[VIDEO])
    same = Task(id="t1", status=TaskStatus.COMPLETED, model="kling-v2", videos=(VIDEO,))
    assert done == same
    assert hash(done) == hash(same)
    assert len({done, same, Task(id="t2", status="CREATED")}) == 2
    assert done.videos == (VIDEO,)
    with pytest.raises(AttributeError):
        done.status = TaskStatus.FAILED  # type: ignore[misc]


def test_to_dict_is_json_ready() -> None:
    task = Task(id="t1", status="QUEUED_FOR_GPU", model="kling-v2", videos=[VIDEO])
    data = task.to_dict()
    assert data == {"id": "t1", "status": "QUEUED_FOR_GPU", "model": "kling-v2", "videos": [VIDEO]}
    assert Task(**json.loads(json.dumps(data))) == task


def test_a_listed_task_downloads_after_fetching_its_urls(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    api.queue(LISTED, detail("COMPLETED", videos=[VIDEO]), httpx.Response(200, content=b"mp4 bytes"))
    (listed,) = client.kling_v2.list()
    assert listed.videos == ()
    path = client.download(listed, tmp_path)
    assert path == tmp_path / f"{TASK_ID}.mp4"
    assert path.read_bytes() == b"mp4 bytes"
    assert [str(r.url) for r in api.requests[1:]] == [
        f"https://api.freepik.com/v1/ai/image-to-video/kling-v2/{TASK_ID}",
        VIDEO,
    ]


def test_a_listed_task_not_yet_done_says_so(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    api.queue(detail("IN_PROGRESS"))
    with pytest.raises(errors.TaskNotReadyError, match="no video to download yet"):
        client.download(Task(id=TASK_ID, status="COMPLETED", model="kling-v2"), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_waiting_on_a_listed_task_returns_it_with_its_videos(
    client: Freepik, api: ScriptedAPI, clock: FakeClock
) -> None:
    api.queue(LISTED, detail("COMPLETED", videos=[VIDEO]))
    (listed,) = client.kling_v2.list()
    done = client.kling_v2.wait(listed)
    assert (done.status, done.videos) == ("COMPLETED", (VIDEO,))
    assert clock.sleeps == [0.0]  # polled at once
    assert client.kling_v2.wait(done) is done  # nothing left to fetch
    assert len(api.requests) == 2


def test_a_task_without_urls_or_model_cannot_be_downloaded(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    with pytest.raises(errors.InvalidInputError, match="no video URLs and no model"):
        client.download(Task(id="t1", status="COMPLETED"), tmp_path)  # a webhook's task names no model
    with pytest.raises(errors.TaskFailedError, match="FAILED; the API reports no reason"):
        client.download(Task(id="t1", status="FAILED", model="kling-v2"), tmp_path)
    assert api.requests == []
