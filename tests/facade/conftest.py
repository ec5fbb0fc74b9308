"""A scripted API over httpx.MockTransport, and a clock that moves only when slept on."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from freepik_kling import AsyncFreepik, Freepik
from freepik_kling.testing import load_contract

API_KEY = "fpk-test-key-0123456789"
TASK_ID = "046b6c7f-0b8a-43b9-b35d-6489e6daee91"
Reply = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class FakeClock:
    """Time advances only by sleeping; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


class ScriptedAPI:
    """Answers requests from a queue of replies (a Response, an exception to raise, or a function).

    When the queue is empty, ``default`` answers. Every request is recorded.
    """

    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.requests: list[httpx.Request] = []
        self.default: Reply = lambda request: httpx.Response(404, json={"message": "Not found"})

    def queue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def handle(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        reply = self.replies.pop(0) if self.replies else self.default
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, httpx.Response):
            return reply
        return reply(request)

    async def handle_async(self, request: httpx.Request) -> httpx.Response:
        return self.handle(request)

    def bodies(self) -> list[Any]:
        return [json.loads(request.content) if request.content else None for request in self.requests]


def task(status: str = "CREATED", task_id: str = TASK_ID, videos: list[str] | None = None) -> httpx.Response:
    data: dict[str, Any] = {"task_id": task_id, "status": status}
    if videos is not None:
        data["generated"] = videos
    return httpx.Response(200, json={"data": data})


def detail(status: str = "IN_PROGRESS", task_id: str = TASK_ID, videos: list[str] | None = None) -> httpx.Response:
    """A status-route body: always carries ``generated``."""
    return task(status, task_id, videos if videos is not None else [])


@pytest.fixture
def api() -> Iterator[ScriptedAPI]:
    """The scripted API; after the test, every request sent to an API route must be one the spec allows."""
    scripted = ScriptedAPI()
    yield scripted
    contract = load_contract()
    invalid = [
        f"{request.method} {request.url.path}: {errors}"
        for request in scripted.requests
        if request.url.path.startswith("/v1/")
        and (
            errors := contract.request_errors(
                request.method, request.url.path, request.headers, request.content, request.url.query.decode()
            )
        )
    ]
    assert not invalid, "requests the OpenAPI document does not allow:\n" + "\n".join(invalid)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(api: ScriptedAPI, clock: FakeClock) -> Iterator[Freepik]:
    http = httpx.Client(transport=httpx.MockTransport(api.handle))
    with Freepik(api_key=API_KEY, http_client=http, clock=clock) as freepik:
        yield freepik
    http.close()


@pytest.fixture
def async_client(api: ScriptedAPI, clock: FakeClock) -> AsyncFreepik:
    http = httpx.AsyncClient(transport=httpx.MockTransport(api.handle_async))
    return AsyncFreepik(api_key=API_KEY, http_client=http, clock=clock)
