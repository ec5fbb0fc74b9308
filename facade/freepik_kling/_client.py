"""``Freepik`` and ``AsyncFreepik``: auth, retries, error translation and waiting over ``freepik_api``.

The generated client is the only code that knows URLs and JSON shapes. This module decides what to send
again, what to raise and how long to wait; the decisions live in ``_policy`` and ``_inputs`` and are the
same for both clients, which differ only where they await.
"""

from __future__ import annotations

import builtins
import itertools
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, Generic, TypeVar

import httpx

from freepik_api import Client as GeneratedClient
from freepik_api.catalog import BASE_URL
from freepik_api.client import DEFAULT_TIMEOUT
from freepik_kling import _download, _http
from freepik_kling._catalog import ModelSpec, Operation, models
from freepik_kling._inputs import build_request
from freepik_kling._policy import Clock, PollSchedule, RetryPolicy, SystemClock, Waiter, connection_error
from freepik_kling._task import Task, TaskStatus
from freepik_kling._typed_models import AsyncKlingElementsStd, AsyncKlingV2, KlingElementsStd, KlingV2
from freepik_kling.errors import (
    APIResponseValidationError,
    FreepikError,
    InvalidInputError,
    MissingAPIKeyError,
    error_from_response,
)

log = logging.getLogger("freepik_kling")

DEFAULT_WAIT_TIMEOUT = 15 * 60.0
"""Seconds ``wait()`` and ``run()`` wait for a task by default."""

ClientT = TypeVar("ClientT", bound="_BaseClient[Any]")
HTTPT = TypeVar("HTTPT", httpx.Client, httpx.AsyncClient)
ResourceT = TypeVar("ResourceT")


class _BaseClient(Generic[ResourceT]):
    """What both clients share: configuration, the models by slug, and the retry decisions."""

    _resource_type: Callable[[Any, ModelSpec], ResourceT]

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        max_retries: int,
        clock: Clock | None,
    ) -> None:
        key = api_key if api_key is not None else os.environ.get("FREEPIK_API_KEY", "")
        if not key.strip():
            raise MissingAPIKeyError()
        self.base_url = (base_url or os.environ.get("FREEPIK_BASE_URL") or BASE_URL).rstrip("/")
        self._auth = _http.APIKeyAuth(key.strip(), self.base_url)
        self._policy = RetryPolicy(max_retries=max_retries)
        self._schedule = PollSchedule()
        self._clock: Clock = clock or SystemClock()
        self._models: dict[str, ResourceT] | None = None
        self._owns_http = True
        self._api: GeneratedClient

    @property
    def models(self) -> Mapping[str, ResourceT]:
        """Every model the installed spec knows, by slug: ``client.models["kling-v2"]``."""
        if self._models is None:
            self._models = {slug: self._resource_type(self, spec) for slug, spec in models().items()}
        return self._models

    def model(self, slug: str) -> ResourceT:
        """The model for ``slug``, or InvalidInputError naming the ones this version knows."""
        if slug not in self.models:
            raise InvalidInputError("model", f"unknown model {slug!r}; models: {', '.join(self.models)}")
        return self.models[slug]

    def __getattr__(self, name: str) -> ResourceT:
        # Models added by new pages are attributes too (client.kling_v2_5_pro), with no code here.
        if not name.startswith("_"):
            for slug, spec in models().items():
                if spec.attribute == name:
                    return self.models[slug]
        raise AttributeError(f"{type(self).__name__!r} has no attribute {name!r}")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def _adopt(self, http: HTTPT, timeout: float | httpx.Timeout | None) -> HTTPT:
        """Point an httpx client at the API with the key's auth. A client the caller passed keeps its own
        timeout unless one is given here; ours gets the finite default."""
        http.base_url = httpx.URL(self.base_url)
        http.auth = self._auth
        if isinstance(timeout, httpx.Timeout):
            http.timeout = timeout
        elif timeout is not None or self._owns_http:
            http.timeout = httpx.Timeout(timeout) if timeout else DEFAULT_TIMEOUT
        self._api = GeneratedClient(base_url=self.base_url)
        return http

    def _judge(self, attempt: int, *, creates: bool, response: Any, error: httpx.TransportError | None) -> float | None:
        """None when ``response`` is the answer; else the seconds to wait before trying again.

        Raises the typed error when there is nothing more to try.
        """
        status = None if response is None else int(response.status_code)
        if status is not None and 200 <= status < 300:
            return None
        if not self._policy.should_retry(attempt, creates=creates, status=status, error=error):
            if error is not None:
                raise connection_error(error, creates=creates) from None
            unknown = creates and status is not None and status >= 500 and status != 503
            raise error_from_response(status or 0, response.headers, response.content, outcome_unknown=unknown)
        delay = self._policy.delay(attempt, None if response is None else response.headers)
        log.debug("retrying in %.2f s after %s (attempt %d)", delay, error or f"HTTP {status}", attempt + 1)
        return delay


class _Resource(Generic[ClientT]):
    """One model's operations; the parts that do not depend on sync or async."""

    def __init__(self, client: ClientT, spec: ModelSpec) -> None:
        self._client = client
        self.spec = spec

    @property
    def slug(self) -> str:
        return self.spec.slug

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.spec.slug}>"

    def _create_body(self, params: dict[str, Any]) -> dict[str, Any]:
        # from_dict leaves out what the payload lacks, so spec defaults are not sent on the caller's behalf.
        shape, payload = build_request(self.spec, params)
        return {"body": shape.request_type().from_dict(payload)}

    def _data(self, response: Any) -> Any:
        data = getattr(response.parsed, "data", None)
        if data is None:
            raise APIResponseValidationError(
                f"{self.spec.slug}: the API answered {int(response.status_code)} with a body that is not "
                "what it documents",
                status_code=int(response.status_code),
                body=response.content[:1000],
            )
        return data

    def _task(self, response: Any) -> Task:
        return Task.from_api(self._data(response), self.spec.slug)

    def _tasks(self, response: Any) -> builtins.list[Task]:
        return [Task.from_api(item, self.spec.slug) for item in self._data(response)]

    def _waiter(
        self,
        task: Task | str,
        timeout: float,
        on_status: Callable[[Task], object] | None,
        poll_interval: float | None,
    ) -> Waiter:
        known = isinstance(task, Task)
        schedule = self._client._schedule if poll_interval is None else PollSchedule.fixed(poll_interval)
        return Waiter(
            task if isinstance(task, Task) else Task(id=task, status=TaskStatus("UNKNOWN"), model=self.spec.slug),
            known=known,
            timeout=timeout,
            on_status=on_status,
            clock=self._client._clock,
            schedule=schedule,
        )


def _task_id(task: Task | str) -> str:
    return task.id if isinstance(task, Task) else task


class ModelResource(_Resource["Freepik"]):
    """One model's operations: ``create``, ``get``, ``list``, ``wait`` and ``run`` (create, then wait)."""

    def create(self, **params: Any) -> Task:
        """Create a task. Arguments are checked against the model's schema before anything is sent.

        Not retried when the outcome is unknown (a timeout or a 500 after sending): see errors.APIStatusError.
        """
        return self._task(self._client._call(self.spec.create, creates=True, **self._create_body(params)))

    def get(self, task: Task | str) -> Task:
        """The task's current status and, once COMPLETED, its video URLs."""
        return self._task(self._client._call(self.spec.status, task_id=_task_id(task)))

    def list(self) -> builtins.list[Task]:
        """This API key's tasks for this model (the API does not page them)."""
        return self._tasks(self._client._call(self.spec.list))

    def wait(
        self,
        task: Task | str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        on_status: Callable[[Task], object] | None = None,
        poll_interval: float | None = None,
    ) -> Task:
        """Poll until the task is COMPLETED and return it.

        Raises TaskFailedError when it FAILED and WaitTimeoutError after ``timeout`` seconds. Failed polls
        (connection errors, 429, 5xx) do not end the wait; ``on_status`` is called on every status change.
        Polls follow an adaptive schedule (2 s growing to 15-20 s) unless ``poll_interval`` fixes one.
        """
        waiter = self._waiter(task, timeout, on_status, poll_interval)
        while not waiter.done:
            self._client._clock.sleep(waiter.next_delay())
            try:
                waiter.observe(self.get(waiter.task.id))
            except FreepikError as exc:
                waiter.failed(exc)
        return waiter.task

    def run(
        self,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        on_status: Callable[[Task], object] | None = None,
        poll_interval: float | None = None,
        **params: Any,
    ) -> Task:
        """``create`` then ``wait``: the COMPLETED task."""
        return self.wait(self.create(**params), timeout=timeout, on_status=on_status, poll_interval=poll_interval)


class Freepik(_BaseClient[ModelResource]):
    """The synchronous client.

    ``api_key`` defaults to ``$FREEPIK_API_KEY``; ``base_url`` to ``$FREEPIK_BASE_URL``, then the API's.
    ``max_retries`` applies to each request (creates only when safe, see ``create``). Pass ``http_client``
    to use your own ``httpx.Client`` (proxies, transports, limits): Freepik sets its ``base_url`` and
    ``auth`` and does not close it. Make it a :class:`freepik_kling.HTTPClient` (an ``httpx.Client``) to
    keep large uploads lean: it streams a local image's base64 instead of copying the body twice.
    ``clock`` is for tests: the simulator's clock makes waits instant.
    """

    _resource_type = ModelResource

    @property
    def kling_v2(self) -> KlingV2:
        return self.models["kling-v2"]

    @property
    def kling_elements_std(self) -> KlingElementsStd:
        return self.models["kling-elements-std"]

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 2,
        http_client: httpx.Client | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(api_key=api_key, base_url=base_url, max_retries=max_retries, clock=clock)
        self._owns_http = http_client is None
        self._http = self._adopt(http_client or _http.Client(), timeout)
        self._api.set_httpx_client(self._http)

    def _call(self, operation: Operation, *, creates: bool = False, **kwargs: Any) -> Any:
        module: ModuleType = operation.load()
        for attempt in itertools.count():
            response, error = None, None
            try:
                response = module.sync_detailed(client=self._api, **kwargs)
            except httpx.TransportError as exc:
                error = exc
            delay = self._judge(attempt, creates=creates, response=response, error=error)
            if delay is None:
                return response
            self._clock.sleep(delay)
        raise AssertionError("unreachable")

    def download(
        self,
        task: Task | str,
        dest: str | os.PathLike[str] = ".",
        *,
        overwrite: bool = False,
        index: int = 0,
        on_progress: Callable[[int, int | None], object] | None = None,
        fsync: bool = False,
    ) -> Path:
        """Stream a COMPLETED task's video (or a video URL) to ``dest``, a file or a directory.

        Constant memory; lands atomically; refuses to replace an existing file unless ``overwrite``.
        The API key is never sent with it. ``on_progress(bytes_so_far, total_or_None)`` follows each chunk.
        ``fsync=True`` also flushes the file to disk before the rename, so it survives a power loss.
        """
        url, target = _download.plan(task, dest, index)
        _download.check_target(target, overwrite)
        for attempt in itertools.count():
            handle, part = _download.open_part(target)
            try:
                with self._http.stream("GET", url, auth=None, follow_redirects=True) as response:
                    if response.is_success:
                        progress = _download.Progress(response.headers, on_progress)
                        for chunk in response.iter_bytes(_download.CHUNK_SIZE):
                            handle.write(chunk)
                            progress.add(len(chunk))
                        return _download.finish(handle, part, target, overwrite, fsync)
                    response.read()
                delay = self._judge(attempt, creates=False, response=response, error=None)
            except httpx.TransportError as exc:
                delay = self._judge(attempt, creates=False, response=None, error=exc)
            finally:
                if not handle.closed:
                    _download.discard(handle, part)
            assert delay is not None
            self._clock.sleep(delay)
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Freepik:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncModelResource(_Resource["AsyncFreepik"]):
    """The async twin of :class:`ModelResource`: the same methods, awaited."""

    async def create(self, **params: Any) -> Task:
        """Create a task; see :meth:`ModelResource.create`."""
        return self._task(await self._client._call(self.spec.create, creates=True, **self._create_body(params)))

    async def get(self, task: Task | str) -> Task:
        return self._task(await self._client._call(self.spec.status, task_id=_task_id(task)))

    async def list(self) -> builtins.list[Task]:
        return self._tasks(await self._client._call(self.spec.list))

    async def wait(
        self,
        task: Task | str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        on_status: Callable[[Task], object] | None = None,
        poll_interval: float | None = None,
    ) -> Task:
        """Poll until COMPLETED; see :meth:`ModelResource.wait`."""
        waiter = self._waiter(task, timeout, on_status, poll_interval)
        while not waiter.done:
            await self._client._clock.asleep(waiter.next_delay())
            try:
                waiter.observe(await self.get(waiter.task.id))
            except FreepikError as exc:
                waiter.failed(exc)
        return waiter.task

    async def run(
        self,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        on_status: Callable[[Task], object] | None = None,
        poll_interval: float | None = None,
        **params: Any,
    ) -> Task:
        created = await self.create(**params)
        return await self.wait(created, timeout=timeout, on_status=on_status, poll_interval=poll_interval)


class AsyncFreepik(_BaseClient[AsyncModelResource]):
    """The asynchronous client: :class:`Freepik`'s API with every request awaited."""

    _resource_type = AsyncModelResource

    @property
    def kling_v2(self) -> AsyncKlingV2:
        return self.models["kling-v2"]

    @property
    def kling_elements_std(self) -> AsyncKlingElementsStd:
        return self.models["kling-elements-std"]

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 2,
        http_client: httpx.AsyncClient | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(api_key=api_key, base_url=base_url, max_retries=max_retries, clock=clock)
        self._owns_http = http_client is None
        self._http = self._adopt(http_client or _http.AsyncClient(), timeout)
        self._api.set_async_httpx_client(self._http)

    async def _call(self, operation: Operation, *, creates: bool = False, **kwargs: Any) -> Any:
        module: ModuleType = operation.load()
        for attempt in itertools.count():
            response, error = None, None
            try:
                response = await module.asyncio_detailed(client=self._api, **kwargs)
            except httpx.TransportError as exc:
                error = exc
            delay = self._judge(attempt, creates=creates, response=response, error=error)
            if delay is None:
                return response
            await self._clock.asleep(delay)
        raise AssertionError("unreachable")

    async def download(
        self,
        task: Task | str,
        dest: str | os.PathLike[str] = ".",
        *,
        overwrite: bool = False,
        index: int = 0,
        on_progress: Callable[[int, int | None], object] | None = None,
        fsync: bool = False,
    ) -> Path:
        """Stream a video to ``dest``; see :meth:`Freepik.download`."""
        url, target = _download.plan(task, dest, index)
        _download.check_target(target, overwrite)
        for attempt in itertools.count():
            handle, part = _download.open_part(target)
            try:
                async with self._http.stream("GET", url, auth=None, follow_redirects=True) as response:
                    if response.is_success:
                        progress = _download.Progress(response.headers, on_progress)
                        async for chunk in response.aiter_bytes(_download.CHUNK_SIZE):
                            handle.write(chunk)
                            progress.add(len(chunk))
                        return _download.finish(handle, part, target, overwrite, fsync)
                    await response.aread()
                delay = self._judge(attempt, creates=False, response=response, error=None)
            except httpx.TransportError as exc:
                delay = self._judge(attempt, creates=False, response=None, error=exc)
            finally:
                if not handle.closed:
                    _download.discard(handle, part)
            assert delay is not None
            await self._clock.asleep(delay)
        raise AssertionError("unreachable")

    async def close(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncFreepik:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
