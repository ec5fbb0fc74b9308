"""A local stand-in for the Freepik API, driven by the merged OpenAPI document.

Every operation of the document is served: requests are validated against it (400 problem+json with
``invalid_params``, 401 for a missing or wrong key), tasks move CREATED -> IN_PROGRESS -> COMPLETED (or
FAILED) on the simulator's clock, finished tasks link to a real MP4 the simulator serves, and webhook
deliveries are signed the Standard Webhooks way. Faults are scripted per test.
"""

from __future__ import annotations

import asyncio
import difflib
import json
import random
import secrets
import struct
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl

import httpx

from freepik_kling import webhooks
from freepik_kling.testing._contract import Contract, Route, load_contract

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

SAMPLE_VIDEO = (resources.files("freepik_kling.testing") / "sample.mp4").read_bytes()
PROBLEM = "Your request parameters didn't validate."


class _Settings:
    """Setting an attribute the class does not declare raises: a misspelt setting (``server.fail_tasks``
    for ``server.faults.fail_tasks``) would otherwise be ignored without a word. Private names are free."""

    def __setattr__(self, name: str, value: Any) -> None:
        if not name.startswith("_") and not hasattr(self, name) and name not in self._declared():
            message = f"{type(self).__name__} has no setting {name!r}{self._hint(name)}"
            raise AttributeError(message, name=name, obj=self)
        super().__setattr__(name, value)

    @classmethod
    def _declared(cls) -> set[str]:
        return {name for klass in cls.__mro__ for name in vars(klass).get("__annotations__", {})}

    def _hint(self, name: str) -> str:
        close = difflib.get_close_matches(name, sorted(self._declared()), n=1)
        return f"; did you mean {close[0]!r}?" if close else ""


class SimulatorClock:
    """The simulator's time, and a ``freepik_kling.Clock`` for clients that share it.

    Manual (the default for tests): time stands still until someone sleeps on it or calls ``advance``, so
    a client waiting on a 10-minute task finishes at once. Real: time is the system's monotonic clock.
    """

    def __init__(self, *, manual: bool = True) -> None:
        self.manual = manual
        self._now = 0.0
        self._origin = time.monotonic()
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        if not self.manual:
            return time.monotonic() - self._origin
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        if not self.manual:
            raise RuntimeError("a real-time clock cannot be advanced")
        with self._lock:
            self._now += max(0.0, seconds)

    def sleep(self, seconds: float) -> None:
        if self.manual:
            self.advance(seconds)
        else:
            time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        if self.manual:
            self.advance(seconds)
            await asyncio.sleep(0)
        else:
            await asyncio.sleep(seconds)


@dataclass
class Timings:
    """Seconds a task spends CREATED and then IN_PROGRESS, on the simulator's clock."""

    queued: float = 5.0
    processing: float = 30.0


@dataclass
class Fault:
    """One scripted misbehaviour, applied to the next ``times`` matching requests.

    ``chance`` applies it to that fraction of matching requests only (seeded: runs repeat).
    ``status`` answers with that status (and ``body``/``headers``) instead of the real answer;
    ``after_processing`` does the real work first (a create still creates its task). ``delay`` holds the
    answer back for that many real seconds; ``drop`` cuts the connection mid-answer; ``task_status``
    reports that status value on status calls.
    """

    method: str | None = None
    path: str | None = None
    times: int = 1
    chance: float = 1.0
    status: int | None = None
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    after_processing: bool = False
    delay: float = 0.0
    drop: bool = False
    task_status: str | None = None

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and (self.path is None or self.path in path)


class Faults(_Settings):
    """The fault script: ``server.faults.rate_limit()``, ``.server_error_html()``, ``.drop()`` ..."""

    random: random.Random
    script: list[Fault]
    fail_tasks: int
    """The next that many created tasks end FAILED."""
    fail_if: Callable[[dict[str, Any]], bool] | None
    """Called with each create's body: a task whose body it accepts ends FAILED."""
    webhook_tamper: int
    """The next that many webhook deliveries are altered after signing."""
    webhook_replay: int
    """The next that many webhook deliveries are sent twice."""

    def __init__(self, seed: int = 0) -> None:
        self.random = random.Random(seed)  # noqa: S311 - reproducible fault injection
        self.script: list[Fault] = []
        self.fail_tasks = 0
        self.fail_if: Callable[[dict[str, Any]], bool] | None = None
        self.webhook_tamper = 0
        self.webhook_replay = 0

    def add(self, fault: Fault) -> Fault:
        self.script.append(fault)
        return fault

    def take(self, method: str, path: str) -> Fault | None:
        for fault in self.script:
            if fault.times > 0 and fault.matches(method, path):
                if fault.chance < 1.0 and self.random.random() >= fault.chance:
                    continue
                fault.times -= 1
                return fault
        return None

    def rate_limit(
        self, *, retry_after: float | None = None, times: int = 1, method: str | None = None, chance: float = 1.0
    ) -> Fault:
        headers = {} if retry_after is None else {"retry-after": f"{retry_after:g}"}
        body = json.dumps({"message": "Too many requests"}).encode()
        return self.add(Fault(method=method, times=times, chance=chance, status=429, body=body, headers=headers))

    def unavailable(self, *, times: int = 1, method: str | None = None) -> Fault:
        body = json.dumps({"message": "Service Unavailable. Please try again later."}).encode()
        return self.add(Fault(method=method, times=times, status=503, body=body))

    def server_error_html(self, *, times: int = 1, method: str | None = None, after_processing: bool = False) -> Fault:
        body = b"<html><head><title>500</title></head><body><h1>Internal Server Error</h1></body></html>"
        return self.add(
            Fault(
                method=method,
                times=times,
                status=500,
                body=body,
                content_type="text/html",
                after_processing=after_processing,
            )
        )

    def slow(self, seconds: float, *, times: int = 1, method: str | None = None) -> Fault:
        return self.add(Fault(method=method, times=times, delay=seconds, after_processing=True))

    def drop(self, *, times: int = 1, method: str | None = None, after_processing: bool = True) -> Fault:
        return self.add(Fault(method=method, times=times, drop=True, after_processing=after_processing))

    def unknown_status(self, value: str = "QUEUED_FOR_GPU", *, times: int = 1) -> Fault:
        return self.add(Fault(method="GET", times=times, task_status=value, after_processing=True))


@dataclass
class SimTask:
    id: str
    key: str
    model: str
    created_at: float
    body: dict[str, Any]
    fails: bool
    webhook_url: str | None
    reported: str = "CREATED"

    def status(self, now: float, timings: Timings) -> str:
        age = now - self.created_at
        if age < timings.queued:
            return "CREATED"
        if age < timings.queued + timings.processing:
            return "IN_PROGRESS"
        return "FAILED" if self.fails else "COMPLETED"


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    status: int = 0
    contract_errors: list[tuple[str, str]] = field(default_factory=list)
    peer: tuple[str, int] | None = None  # the client's address: one port per connection it used
    query: str = ""  # the query string, as sent (``page=2&page_size=5``)

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class Delivery:
    url: str
    headers: dict[str, str]
    body: bytes
    status: int | None = None


class Simulator(_Settings):
    """The simulated API's state and its ASGI application (``simulator.app``)."""

    api_key: str
    api_keys: set[str]
    clock: SimulatorClock
    contract: Contract
    base_url: str
    faults: Faults
    tasks: dict[str, SimTask]
    requests: list[RecordedRequest]
    deliveries: list[Delivery]
    timings: Timings
    max_in_progress: int | None
    webhook_secret: str
    video_size: int
    allow_invalid_requests: bool

    def __init__(
        self,
        *,
        api_key: str | None = None,
        clock: SimulatorClock | None = None,
        timings: Timings | None = None,
        max_in_progress: int | None = 3,
        webhook_secret: str = "sim-webhook-secret",  # noqa: S107 - a test server's known secret
        contract: Contract | None = None,
    ) -> None:
        self.api_key = api_key or "sim-" + secrets.token_hex(12)
        self.api_keys = {self.api_key}  # every key the simulator accepts; each sees only its own tasks
        self.clock = clock or SimulatorClock()
        self.contract = contract or load_contract()
        self.base_url = ""  # set by the server once it listens
        self._defaults = (timings or Timings(), max_in_progress, webhook_secret)
        self._apply_defaults()
        self.faults = Faults()
        self.tasks: dict[str, SimTask] = {}
        self._watched: list[SimTask] = []
        self.requests: list[RecordedRequest] = []
        self.deliveries: list[Delivery] = []
        self._awaited = 0  # deliveries that wait_for_deliveries() already returned
        self._pending: list[Delivery] = []
        self._lock = threading.Lock()

    def _hint(self, name: str) -> str:
        if name in Faults._declared():
            return f"; did you mean faults.{name}?"
        return super()._hint(name)

    def _apply_defaults(self) -> None:
        timings, self.max_in_progress, self.webhook_secret = self._defaults
        self.api_keys = {self.api_key}
        self.timings = Timings(timings.queued, timings.processing)
        self.video_size = len(SAMPLE_VIDEO)
        self.allow_invalid_requests = False

    def reset(self) -> None:
        """Forget tasks, requests, deliveries and faults, and restore the settings given at construction."""
        self._apply_defaults()
        with self._lock:
            self.faults = Faults()
            self.tasks.clear()
            self._watched.clear()
            self.requests.clear()
            self.deliveries.clear()
            self._awaited = 0
            self._pending.clear()

    # -- what clients see ---------------------------------------------------------------------------

    def video_url(self, task_id: str) -> str:
        # "localhost" where the API is "127.0.0.1": another origin, as a CDN would be.
        return self.base_url.replace("127.0.0.1", "localhost") + f"/_sim/videos/{task_id}.mp4"

    def video_chunks(self, chunk: int = 1 << 20) -> tuple[int, Iterator[bytes]]:
        """(size, chunks) of the sample MP4 padded with a ``free`` box up to ``video_size``: still a valid
        MP4, made lazily so a 200 MB video costs the server no memory."""
        padding = self.video_size - len(SAMPLE_VIDEO)
        if padding < 8:
            return len(SAMPLE_VIDEO), iter([SAMPLE_VIDEO])

        def chunks() -> Iterator[bytes]:
            yield SAMPLE_VIDEO + struct.pack(">I", padding) + b"free"
            zeros = bytes(chunk)
            left = padding - 8
            while left > 0:
                yield zeros[: min(chunk, left)]
                left -= chunk

        return self.video_size, chunks()

    def detail(self, task: SimTask, status: str | None = None) -> dict[str, Any]:
        status = status or task.status(self.clock.monotonic(), self.timings)
        generated = [self.video_url(task.id)] if status == "COMPLETED" else []
        return {"task_id": task.id, "status": status, "generated": generated}

    def in_progress(self, key: str) -> int:
        now = self.clock.monotonic()
        return sum(
            1
            for task in self.tasks.values()
            if task.key == key and task.status(now, self.timings) in ("CREATED", "IN_PROGRESS")
        )

    # -- webhooks -----------------------------------------------------------------------------------

    def tick(self) -> None:
        """Queue a webhook delivery for every task whose status changed since it was last reported."""
        now = self.clock.monotonic()
        with self._lock:
            for task in list(self._watched):  # only unfinished tasks with a webhook: ticks stay cheap
                status = task.status(now, self.timings)
                if status != task.reported:
                    task.reported = status
                    self._pending.append(self._delivery(task, status))
                if status in ("COMPLETED", "FAILED"):
                    self._watched.remove(task)

    def _delivery(self, task: SimTask, status: str) -> Delivery:
        body = json.dumps(self.detail(task, status)).encode()
        headers = webhooks.sign(body, secret=self.webhook_secret, webhook_id="msg_" + uuid.uuid4().hex)
        headers["content-type"] = "application/json"
        if self.faults.webhook_tamper:
            self.faults.webhook_tamper -= 1
            body = body.replace(b'"COMPLETED"', b'"FAILED"').replace(b'"IN_PROGRESS"', b'"COMPLETED"')
        return Delivery(url=task.webhook_url or "", headers=headers, body=body)

    async def deliver(self, http: httpx.AsyncClient) -> None:
        with self._lock:
            pending, self._pending = self._pending, []
        for delivery in pending:
            copies = 1
            if self.faults.webhook_replay:
                self.faults.webhook_replay -= 1
                copies = 2
            for _ in range(copies):
                sent = Delivery(delivery.url, dict(delivery.headers), delivery.body)
                try:
                    response = await http.post(delivery.url, content=delivery.body, headers=delivery.headers)
                    sent.status = response.status_code
                except httpx.HTTPError:
                    sent.status = None
                self.deliveries.append(sent)

    # -- the ASGI application -----------------------------------------------------------------------

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
        method, path = scope["method"], scope["path"]
        if path.startswith("/_sim/"):
            await self._simulator_route(method, path, headers, body, send)
            return
        client = scope.get("client")
        peer = (client[0], client[1]) if client else None
        record = RecordedRequest(method, path, headers, body, peer=peer, query=scope["query_string"].decode("latin-1"))
        self.requests.append(record)
        self.tick()
        fault = self.faults.take(method, path)
        if fault is not None and fault.status is not None and not fault.after_processing:
            record.status = fault.status
            await _respond(send, fault.status, fault.body, fault.content_type, fault.headers)
            return
        status, payload, content_type = self._handle(record, fault)
        if fault is not None and fault.delay:
            await asyncio.sleep(fault.delay)
        if fault is not None and fault.drop:
            record.status = status
            await _respond(send, status, payload, content_type, {}, truncate=True)
            return
        if fault is not None and fault.status is not None:
            status, payload, content_type = fault.status, fault.body, fault.content_type
        record.status = status
        await _respond(send, status, payload, content_type, fault.headers if fault else {})

    def _handle(self, record: RecordedRequest, fault: Fault | None) -> tuple[int, bytes, str]:
        key = next((record.headers[name] for name in self.contract.key_headers if name in record.headers), None)
        if not key:
            return _json(401, {"message": "Missing API key"})
        if key not in self.api_keys:
            return _json(401, {"message": "Invalid API key"})
        found = self.contract.route(record.method, record.path)
        if found is None:
            return _json(404, {"message": "Not found"})
        route, task_id = found
        record.contract_errors = self.contract.request_errors(
            record.method, record.path, record.headers, record.body, record.query
        )
        if record.contract_errors:
            params = [{"name": name, "reason": reason} for name, reason in record.contract_errors]
            return 400, json.dumps({"message": PROBLEM, "invalid_params": params}).encode(), "application/problem+json"
        if route.kind == "create":
            return self._create(route, key, record.json)
        if route.kind == "list":
            tasks = _page([t for t in self.tasks.values() if t.key == key and t.model in route.models], route, record)
            return _json(200, {"data": [{k: v for k, v in self.detail(t).items() if k != "generated"} for t in tasks]})
        task = self.tasks.get(task_id or "")
        if task is None or task.key != key or task.model not in route.models:
            return _json(404, {"message": "Not found"})
        override = fault.task_status if fault is not None else None
        return _json(200, {"data": self.detail(task, override)})

    def _create(self, route: Route, key: str, body: dict[str, Any]) -> tuple[int, bytes, str]:
        if self.max_in_progress is not None and self.in_progress(key) >= self.max_in_progress:
            return _json(429, {"message": f"Too many requests: at most {self.max_in_progress} tasks in progress"})
        fails = False
        if self.faults.fail_tasks:
            self.faults.fail_tasks -= 1
            fails = True
        elif self.faults.fail_if is not None:
            fails = bool(self.faults.fail_if(body))
        task = SimTask(
            id=str(uuid.uuid4()),
            key=key,
            model=route.models[0],
            created_at=self.clock.monotonic(),
            body=body,
            fails=fails,
            webhook_url=body.get("webhook_url"),
        )
        with self._lock:
            self.tasks[task.id] = task
            if task.webhook_url:
                self._watched.append(task)
        created = {"task_id": task.id, "status": "CREATED"}
        return _json(200, {"data": {**created, "generated": []} if route.answers_detail else created})

    async def _simulator_route(self, method: str, path: str, headers: dict[str, str], body: bytes, send: Send) -> None:
        if method == "GET" and path.startswith("/_sim/videos/"):
            task = self.tasks.get(path.removeprefix("/_sim/videos/").removesuffix(".mp4"))
            if task is None:
                await _respond(send, 404, b"no such video", "text/plain", {})
                return
            self.requests.append(RecordedRequest(method, path, headers, body, status=200))
            await _stream(send, *self.video_chunks())
            return
        if method == "POST" and path == "/_sim/webhook-sink":  # what arrived is in self.deliveries
            await _respond(send, 204, b"", "text/plain", {})
            return
        await _respond(send, 404, b"not a simulator route", "text/plain", {})


def _page(tasks: list[SimTask], route: Route, record: RecordedRequest) -> list[SimTask]:
    """The page of ``tasks`` (oldest first) that ``page`` and ``page_size`` ask for, where the list route
    documents both (1-indexed; a parameter not sent takes its documented default); all of them elsewhere."""
    if not {"page", "page_size"} <= route.query.keys():
        return tasks
    sent = dict(parse_qsl(record.query))
    page = int(sent.get("page", route.query["page"].get("default", 1)))
    size = int(sent.get("page_size", route.query["page_size"].get("default", len(tasks) or 1)))
    return tasks[max(page - 1, 0) * size : page * size]


def _json(status: int, payload: Any) -> tuple[int, bytes, str]:
    return status, json.dumps(payload).encode(), "application/json"


async def _respond(
    send: Send, status: int, body: bytes, content_type: str, headers: dict[str, str], *, truncate: bool = False
) -> None:
    # A truncated answer declares its full length and sends half: the client sees the connection drop.
    raw = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body) + (64 if truncate else 0)).encode()),
    ]
    raw += [(name.encode(), value.encode()) for name, value in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body, "more_body": truncate})
    if truncate:
        raise ConnectionAbortedError("simulated connection drop")


async def _stream(send: Send, size: int, chunks: Iterator[bytes]) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"video/mp4"), (b"content-length", str(size).encode())],
        }
    )
    for chunk in chunks:
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
