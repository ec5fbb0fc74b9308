"""One deadline, kept whatever the server does: real loopback servers that rate-limit with a long Retry-After,
hang, or drip their answer a byte at a time; sync and async clients on the real clock."""

from __future__ import annotations

import asyncio
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from freepik_kling import AsyncFreepik, Freepik, Task, errors
from tests.facade.conftest import API_KEY, TASK_ID, ScriptedAPI

DEADLINE = 2.0
SLACK = 1.5  # what the issue allows past the deadline
BODY = json.dumps({"data": {"task_id": TASK_ID, "status": "IN_PROGRESS", "generated": []}}).encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.requests += 1
        if self.server.mode == "rate-limited":
            self._answer(429, b'{"message": "Too many requests"}', {"Retry-After": "60"})
        elif self.server.mode == "hanging":
            self.server.released.wait(30)  # far past any deadline
        else:  # dripping: the headers at once, then the body a byte every 0.1 s, for about 30 s in all
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(BODY) + 300))
            self.end_headers()
            for byte in BODY + b" " * 300:
                if self.server.released.wait(0.1):
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()

    def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, mode: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode, self.requests, self.released = mode, 0, threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture(params=["rate-limited", "hanging", "dripping"])
def server(request: pytest.FixtureRequest) -> Iterator[_Server]:
    served = _Server(request.param)
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    yield served
    served.released.set()
    served.shutdown()
    served.server_close()


def _check(caught: pytest.ExceptionInfo[errors.WaitTimeoutError], took: float, server: _Server) -> None:
    assert took <= DEADLINE + SLACK, f"{server.mode}: ended {took:.2f} s after the start"
    assert took >= DEADLINE - 0.05  # it did wait: the deadline is not an excuse to give up early
    assert caught.value.task.id == TASK_ID
    assert f"task {TASK_ID} still IN_PROGRESS" in str(caught.value)
    assert server.requests >= 1


def test_sync_wait_ends_by_its_deadline(server: _Server) -> None:
    task = Task(TASK_ID, "IN_PROGRESS", "kling-v2")
    with Freepik(api_key=API_KEY, base_url=server.url) as client:
        started = time.monotonic()
        with pytest.raises(errors.WaitTimeoutError) as caught:
            client.kling_v2.wait(task, timeout=DEADLINE, poll_interval=0.2)
        _check(caught, time.monotonic() - started, server)


def test_async_wait_ends_by_its_deadline(server: _Server) -> None:
    task = Task(TASK_ID, "IN_PROGRESS", "kling-v2")

    async def main() -> float:
        async with AsyncFreepik(api_key=API_KEY, base_url=server.url) as client:
            started = time.monotonic()
            with pytest.raises(errors.WaitTimeoutError) as caught:
                await client.kling_v2.wait(task, timeout=DEADLINE, poll_interval=0.2)
            _check(caught, time.monotonic() - started, server)
            return time.monotonic() - started

    asyncio.run(main())


def test_a_retry_after_longer_than_the_time_left_is_cut_to_it() -> None:
    served = _Server("rate-limited")
    threading.Thread(target=served.serve_forever, daemon=True).start()
    try:
        with Freepik(api_key=API_KEY, base_url=served.url, max_retries=5) as client:
            started = time.monotonic()
            with pytest.raises(errors.WaitTimeoutError) as caught:
                client.kling_v2.wait(TASK_ID, timeout=DEADLINE)  # a bare id: polled at once, status unknown
            took = time.monotonic() - started
        assert DEADLINE - 0.05 <= took <= DEADLINE + SLACK
        assert served.requests == 2  # at once, then one last poll at the deadline: never after a 60 s sleep
        assert f"task {TASK_ID} still UNKNOWN" in str(caught.value)
    finally:
        served.shutdown()
        served.server_close()


CALLS = ["get", "list", "download"]


def _call(client: Freepik, name: str, url: str, dest: Path) -> object:
    if name == "download":  # a video URL on the same server: its answer is as slow
        return client.download(f"{url}/video.mp4", dest, timeout=DEADLINE)
    if name == "get":
        return client.kling_v2.get(TASK_ID, timeout=DEADLINE)
    return client.kling_v2.list(timeout=DEADLINE)


@pytest.mark.parametrize("name", CALLS)
def test_get_list_and_download_end_by_their_timeout(server: _Server, name: str, tmp_path: Path) -> None:
    with Freepik(api_key=API_KEY, base_url=server.url) as client:
        started = time.monotonic()
        with pytest.raises((errors.APIConnectionError, errors.APIStatusError)) as caught:
            _call(client, name, server.url, tmp_path)
        took = time.monotonic() - started
    assert DEADLINE - 0.05 <= took <= DEADLINE + SLACK, f"{server.mode} {name}: ended after {took:.2f} s"
    assert caught.value.retryable  # the last failure, which the next call may not meet
    assert list(tmp_path.iterdir()) == []  # no part file left behind


def test_an_async_download_ends_by_its_timeout(server: _Server, tmp_path: Path) -> None:
    async def main() -> float:
        async with AsyncFreepik(api_key=API_KEY, base_url=server.url) as client:
            started = time.monotonic()
            with pytest.raises((errors.APIConnectionError, errors.APIStatusError)):
                await client.download(f"{server.url}/video.mp4", tmp_path, timeout=DEADLINE)
            return time.monotonic() - started

    assert DEADLINE - 0.05 <= asyncio.run(main()) <= DEADLINE + SLACK
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("bad", [0, -1, "abc", float("inf"), True])
def test_a_bad_timeout_is_refused_before_anything_is_sent(
    client: Freepik, api: ScriptedAPI, bad: object, tmp_path: Path
) -> None:
    for call in (
        lambda: client.kling_v2.get(TASK_ID, timeout=bad),
        lambda: client.kling_v2.list(timeout=bad),
        lambda: client.download("https://cdn.example.com/video.mp4", tmp_path, timeout=bad),
    ):
        with pytest.raises(errors.InvalidInputError, match="timeout: must be a positive number of seconds"):
            call()
    assert api.requests == []
