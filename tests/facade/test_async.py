"""AsyncFreepik mirrors Freepik: same calls, same retries, same errors, awaited."""

from __future__ import annotations

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
