"""AsyncFreepik mirrors Freepik: same calls, same retries, same errors, awaited."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from freepik_kling import AsyncFreepik, Task, errors
from tests.facade.conftest import TASK_ID, FakeClock, ScriptedAPI, detail, task

pytestmark = pytest.mark.anyio
VIDEO = "https://cdn.example/v.mp4"


async def test_create_get_list_wait_run(async_client: AsyncFreepik, api: ScriptedAPI, clock: FakeClock) -> None:
    api.queue(
        task("CREATED"),
        detail("IN_PROGRESS"),
        httpx.Response(200, json={"data": [{"task_id": TASK_ID, "status": "IN_PROGRESS"}]}),
        detail("COMPLETED", videos=[VIDEO]),
        task("CREATED"),
        detail("COMPLETED", videos=[VIDEO]),
    )
    created = await async_client.kling_v2.create(image="https://x/cat.jpg", duration=5)
    assert created.status == "CREATED"
    assert (await async_client.kling_v2.get(created)).status == "IN_PROGRESS"
    assert [t.id for t in await async_client.kling_v2.list()] == [TASK_ID]
    seen: list[str] = []
    assert (await async_client.kling_v2.wait(created, on_status=lambda t: seen.append(t.status))).videos == (VIDEO,)
    assert seen == ["COMPLETED"]
    done = await async_client.kling_elements_std.run(images=["https://x/a.png"], aspect_ratio="square_1_1")
    assert done == Task(id=TASK_ID, status="COMPLETED", model="kling-elements-std", videos=[VIDEO])
    assert async_client.models["kling-v2"] is async_client.kling_v2


async def test_same_retry_rules(async_client: AsyncFreepik, api: ScriptedAPI) -> None:
    api.queue(httpx.Response(500, json={"message": "x"}), task())
    with pytest.raises(errors.InternalServerError) as caught:
        await async_client.kling_v2.create(image="https://x/cat.jpg", duration=5)
    assert caught.value.outcome_unknown
    assert len(api.requests) == 1
    api.replies.clear()  # the success queued after the 500 was never asked for
    api.queue(httpx.Response(503, json={"message": "x"}), task())
    await async_client.kling_v2.create(image="https://x/cat.jpg", duration=5)
    api.queue(httpx.ReadTimeout("slow"), detail())
    await async_client.kling_v2.get(TASK_ID)
    assert len(api.requests) == 5


async def test_same_errors_and_wait_rules(async_client: AsyncFreepik, api: ScriptedAPI) -> None:
    api.queue(httpx.Response(401, json={"message": "Invalid API key"}))
    with pytest.raises(errors.AuthenticationError):
        await async_client.kling_v2.list()
    api.queue(detail("FAILED"))
    with pytest.raises(errors.TaskFailedError):
        await async_client.kling_v2.wait(TASK_ID)
    api.default = lambda request: detail("IN_PROGRESS")
    with pytest.raises(errors.WaitTimeoutError):
        await async_client.kling_v2.wait(TASK_ID, timeout=30)
    with pytest.raises(errors.InvalidInputError):
        await async_client.kling_v2.create(image="https://x/cat.jpg", duration=6)


async def test_raw_responses_options_and_listed_tasks(
    async_client: AsyncFreepik, api: ScriptedAPI, clock: FakeClock, tmp_path: Path
) -> None:
    api.queue(
        httpx.Response(200, json={"data": [{"task_id": TASK_ID, "status": "COMPLETED"}]}, headers={"x-n": "1"}),
        detail("COMPLETED", videos=[VIDEO]),
        httpx.Response(200, content=b"video"),
        httpx.Response(503, json={"message": "down"}),
    )
    raw = await async_client.kling_v2.with_raw_response.list()
    assert (raw.status_code, raw.headers["x-n"]) == (200, "1")
    (listed,) = raw.parse()
    path = await async_client.download(listed, tmp_path)  # fetches the task's video URLs first
    assert path.read_bytes() == b"video"
    with pytest.raises(errors.ServiceUnavailableError) as caught:
        await async_client.with_options(max_retries=0, timeout=2).kling_v2.get(TASK_ID)
    assert caught.value.retryable
    assert api.requests[-1].extensions["timeout"] == httpx.Timeout(2).as_dict()
    assert len(api.requests) == 4


async def test_bad_arguments_raise_at_the_await_before_anything_is_sent(
    async_client: AsyncFreepik, api: ScriptedAPI
) -> None:
    pending = async_client.kling_v2.get("a/b")  # as with any coroutine, nothing runs until it is awaited
    with pytest.raises(errors.InvalidInputError, match="task"):
        await pending
    api.default = lambda request: task()
    calls = [async_client.kling_v2.create(image="https://x/cat.jpg", duration=5), async_client.kling_v2.create()]
    with pytest.raises(errors.InvalidInputError, match="duration"):  # raised inside gather, none left unawaited
        await asyncio.gather(*calls)
    assert [request.method for request in api.requests] == ["POST"]  # the good create only
