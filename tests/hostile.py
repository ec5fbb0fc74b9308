"""A hostile API on real loopback HTTP, for the deadline tests of the command line and the batch.

Each route behaves as told: ``ok``; ``slots`` (a create answered 429 "at most 3 tasks in progress" with
``Retry-After: 60``); ``hang`` (no answer for 60 s); ``drip`` (the headers at once, then the body a byte every
0.1 s, for about 60 s). An ``ok`` task stays IN_PROGRESS unless ``finished``; then its video is at /video.mp4.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

TASK_ID = "046b6c7f-0b8a-43b9-b35d-6489e6daee91"
SLOTS_FULL = b'{"message": "Too many requests: at most 3 tasks in progress"}'
SLACK = 1.5  # what the issue allows past a deadline
HANG_BOUND = 30.0  # seconds past its deadline after which a call counts as hung, and the test fails


class _Handler(http.server.BaseHTTPRequestHandler):
    server: HostileAPI

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.creates += 1
        self._route(self.server.create, self._task("CREATED"))

    def do_GET(self) -> None:
        self.server.gets.append(self.path)
        if self.path == "/video.mp4":
            self._route(self.server.video, b"\x00\x00\x00\x18ftypmp42" + bytes(100), "video/mp4")
        else:  # the task, or a model's list of it
            task = self._task("COMPLETED" if self.server.finished else "IN_PROGRESS")
            listed = json.dumps({"data": [json.loads(task)["data"]]})
            self._route(self.server.status, task if self.path.endswith(TASK_ID) else listed)

    def _task(self, status: str) -> str:
        videos = [f"{self.server.url}/video.mp4"] if status == "COMPLETED" else []
        return json.dumps({"data": {"task_id": TASK_ID, "status": status, "generated": videos}})

    def _route(self, mode: str, body: str | bytes, kind: str = "application/json") -> None:
        data = body.encode() if isinstance(body, str) else body
        if mode == "hang":
            self.server.released.wait(60)
            return
        status, headers = (429, {"Retry-After": "60"}) if mode == "slots" else (200, {})
        data = SLOTS_FULL if mode == "slots" else data
        self.send_response(status)
        for name, value in {"Content-Type": kind, **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data) + (600 if mode == "drip" else 0)))
        self.end_headers()
        if mode != "drip":
            self.wfile.write(data)
            return
        for byte in data + b" " * 600:
            if self.server.released.wait(0.1):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()

    def log_message(self, *args: object) -> None:
        pass


class HostileAPI(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *, create: str = "ok", status: str = "ok", video: str = "ok", finished: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.create, self.status, self.video, self.finished = create, status, video, finished
        self.creates, self.gets, self.released = 0, list[str](), threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def hostile_api(**behaviour: object) -> Iterator[HostileAPI]:
    """A HostileAPI served on a thread; every answer it holds back is released when the block ends."""
    api = HostileAPI(**behaviour)  # type: ignore[arg-type]
    thread = threading.Thread(target=api.serve_forever, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        api.released.set()
        api.shutdown()
        api.server_close()
        thread.join(5)


def bounded(call: Callable[[], T], deadline: float) -> tuple[T, float]:
    """``call()`` on a thread: what it returned and the seconds it took. A call still running HANG_BOUND
    seconds past ``deadline`` fails the test instead of blocking it (the thread is left to the server's end)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        started = time.monotonic()
        try:
            outcome["value"] = call()
        except BaseException as error:  # raised again in the test's thread
            outcome["error"] = error
        outcome["took"] = time.monotonic() - started

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(deadline + HANG_BOUND)
    assert not thread.is_alive(), f"still running {deadline + HANG_BOUND:g} s after it started"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"], outcome["took"]
