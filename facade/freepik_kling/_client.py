"""``Freepik`` and ``AsyncFreepik``: the key, retries, error translation, waiting and downloads over ``freepik_api``.

The generated client is the only code that knows URLs and JSON shapes: each endpoint module builds its
request and parses its answer. What the facade decides is written once, as generators ("flows") that yield
what to do next (send this request, stream this download, sleep this long) and receive what happened; the
two clients only carry that out, and differ only where they await.

An ``httpx`` client the caller passes is used as it is: the base URL, the key and the timeout go on each
request, never on the client, and API requests never follow redirects, so the key reaches the API's origin
and nothing else.
"""

from __future__ import annotations

import builtins
import contextlib
import copy
import functools
import logging
import os
import time
from collections.abc import Callable, Generator, Mapping
from pathlib import Path
from typing import Any, Generic, NamedTuple, Self, TypeAlias, TypeVar, Unpack, cast

import attrs
import httpx

from freepik_api import Client as GeneratedClient
from freepik_api.attributes import AsyncModelAttributes, ModelAttributes, described, public_name
from freepik_api.catalog import BASE_URL
from freepik_kling import _http, _policy, errors
from freepik_kling._catalog import ModelSpec, Operation, models
from freepik_kling._download import CHUNK_SIZE, Download, DownloadOptions, StrPath
from freepik_kling._inputs import build_query, build_request
from freepik_kling._policy import Clock, Deadline, GiveUp, RetryPolicy, SystemClock, WaitOptions, retry_after, task_id
from freepik_kling._task import Task, TaskStatus, is_reported

log = logging.getLogger("freepik_kling")

T = TypeVar("T")


class Exchange(NamedTuple):
    """A request for a client to send. An API call's body is read whole, and it follows no redirect: the key
    would go along. A download streams a 2xx body into the ``Download``, and follows redirects with
    nobody's credentials: video URLs are signed, and may redirect to storage elsewhere."""

    request: httpx.Request
    download: Download | None = None
    until: float | None = None
    """The clock time by which the whole answer must have arrived (a deadline's), else a ReadTimeout."""

    @property
    def send_options(self) -> dict[str, Any]:
        return {"follow_redirects": False} if self.download is None else {"auth": None, "follow_redirects": True}


Action: TypeAlias = Exchange | float
LOCAL_PAUSE = 0.02  # seconds between looks at the slots this client's own wait()s hold
"""What a flow asks its client to do: send a request (an API call, a download), or sleep."""
Reply: TypeAlias = httpx.Response | httpx.RequestError | None
Flow: TypeAlias = Generator[Action, Reply, T]

_LENIENT = GeneratedClient(base_url="")  # build_response reads only its raise_on_unexpected_status: False
MAX_PAGES = 1_000  # a list() walking its route's pages stops here (100,000 tasks at 100 a page)


@attrs.frozen
class APIResponse(Generic[T]):
    """One call's HTTP response (``status_code``, ``headers``, ``http_response``) and what it says."""

    http_response: httpx.Response
    _value: T | None = attrs.field(alias="value", repr=False)
    _created_by: str | None = attrs.field(default=None, alias="created_by", repr=False)
    """The model, when this answers a create: an unreadable answer may hide a paid task."""

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def parse(self) -> T:
        """What the plain method returns.

        Returns:
            The ``Task``, or the list of them.

        Raises:
            APIResponseValidationError: The body is not what the API documents.
        """
        if self._value is None:
            raise errors.APIResponseValidationError(self.http_response, created_by=self._created_by)
        return self._value


ClientT = TypeVar("ClientT", bound="_BaseClient[Any]")
HTTPT = TypeVar("HTTPT", httpx.Client, httpx.AsyncClient)


class _BaseClient(Generic[HTTPT]):
    """Configuration, the models by slug, requests and the flows that are not a model's."""

    _http_type: type[HTTPT]
    _default_http: type[HTTPT]
    _drive: Callable[[Flow[Any]], Any]
    """Carries out a flow: ``Freepik`` returns its value, ``AsyncFreepik`` a coroutine of it."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 2,
        http_client: HTTPT | None = None,
        clock: Clock | None = None,
        max_in_progress: int | None = 3,
    ) -> None:
        self.base_url = _base_url(base_url)
        self._key = _http.APIKey(api_key, self.base_url)
        self._timeout = _timeout(timeout)
        self._policy = RetryPolicy(max_retries)
        self._clock: Clock = clock or SystemClock()
        self._slots = _policy.Slots(max_in_progress)  # with_options copies share it: one key, one count
        if http_client is not None and not isinstance(http_client, self._http_type):
            raise errors.InvalidInputError("http_client", f"must be an httpx.{self._http_type.__name__}")
        self._owns_http = http_client is None
        self._http: HTTPT = self._default_http() if http_client is None else http_client

    @functools.cached_property
    def models(self) -> Mapping[str, Any]:  # typed by the client's generated ModelAttributes
        """Every model the installed spec knows, by slug: ``client.models["kling-v2"]``."""
        return {slug: _Resource(self, spec) for slug, spec in models().items()}

    @classmethod
    def sandbox(cls, **options: Any) -> Self:
        """A client of the bundled simulator, started for it and stopped when it closes: no key, no network, no
        cost, and waits take no time. ``client.server`` is the simulator (``freepik_kling.testing``, which needs
        ``pip install "freepik-kling[testing]"``); ``options`` are the client's."""
        from freepik_kling.testing._server import sandbox

        return sandbox(cls, options)

    def model(self, slug: str) -> Any:
        """The model for ``slug``: ``client.model("kling-v2")`` is ``client.kling_v2``.

        Args:
            slug: The model's slug, as on its page and after ``--model``.

        Returns:
            The model's resource, with ``create``, ``get``, ``list``, ``wait`` and ``run``.

        Raises:
            InvalidInputError: No such model; the message names the ones this version knows.
        """
        if slug not in self.models:
            raise errors.InvalidInputError("model", f"unknown model {slug!r}; models: {', '.join(self.models)}")
        return self.models[slug]

    def with_options(self, *, timeout: float | httpx.Timeout | None = None, max_retries: int | None = None) -> Self:
        """A copy for one call or a few (``client.with_options(timeout=5).kling_v2.get(task)``): the same key,
        base URL and httpx client, which the copy never closes.

        Args:
            timeout: Seconds, or an ``httpx.Timeout``, for each request of the copy.
            max_retries: Retries of each request of the copy.

        Returns:
            The copy.
        """
        clone = copy.copy(self)
        for name in [name for name, value in vars(clone).items() if name == "models" or isinstance(value, _Resource)]:
            delattr(clone, name)  # the models cached on the original are the original's: the copy makes its own
        clone._owns_http = False
        clone._timeout = self._timeout if timeout is None else _timeout(timeout)
        clone._policy = self._policy if max_retries is None else RetryPolicy(max_retries)
        return clone

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def _request(
        self, method: str, url: str, headers: dict[str, str], body: object = None, **query: Any
    ) -> httpx.Request:
        """A request as this client sends it; nothing on the httpx client is changed."""
        headers = {**headers}
        if self._http.headers.get("user-agent", "").startswith("python-httpx/"):  # else the caller chose one
            headers["User-Agent"] = _http.USER_AGENT
        timeout = httpx.USE_CLIENT_DEFAULT if self._timeout is None else self._timeout
        lean = _http.lean_json(body)
        if lean is None:
            return self._http.build_request(method, url, json=body, headers=headers, timeout=timeout, **query)
        parts, headers["Content-Length"] = lean[0], str(lean[1])
        chunks = _http.slices(parts) if isinstance(self._http, httpx.Client) else _http.aslices(parts)
        return self._http.build_request(method, url, content=chunks, headers=headers, timeout=timeout, **query)

    def _call(
        self,
        operation: Operation,
        parse: Callable[[object], T | None],
        *,
        creates: bool,
        deadline: Deadline | None = None,
        **arguments: object,
    ) -> Flow[APIResponse[T]]:
        """One API call, retried as the policy says."""
        endpoint = operation.load()  # request_kwargs(**arguments) and build_response(), see scripts/spec/templates.py
        kwargs = endpoint.request_kwargs(**arguments)
        method, url, body = kwargs.pop("method"), self.base_url + kwargs.pop("url"), kwargs.pop("json", None)
        headers = {**kwargs.pop("headers", {}), **self._key.headers()}
        build = functools.partial(self._request, method, url, headers, body, **kwargs)
        reply = yield from self._send(build, creates=creates, deadline=deadline)
        parsed = endpoint.build_response(client=_LENIENT, response=reply).parsed
        # A generated success body carries the task, or the tasks, under ``data``, whatever a page named its class.
        return APIResponse(reply, parse(getattr(parsed, "data", None)))

    def _download(self, task: Task | str, dest: StrPath, options: DownloadOptions) -> Flow[Path]:
        download = Download(task, dest, options)
        deadline = Deadline.of(self._clock, options.get("timeout"))
        if isinstance(task, Task) and not task.videos:  # from create() or list(): fetch its video URLs first
            model = self.model(task.model.split("|")[0])  # a family shares its status route
            download.source = (yield from model._get(task, deadline)).parse()
        url = download.plan()
        with download:
            video = functools.partial(self._request, "GET", url, {})
            yield from self._send(video, creates=False, download=download, deadline=deadline)
            return download.finish()

    def _send(
        self,
        build: Callable[[], httpx.Request],
        *,
        creates: bool,
        download: Download | None = None,
        deadline: Deadline | None = None,
    ) -> Flow[httpx.Response]:
        """Sends what ``build`` makes until a 2xx answers, and backs off between tries as the policy says; each
        try and each wait within ``deadline``. A create is never cut short: that would leave its outcome unknown."""
        attempt = 0
        while True:
            request = build()
            until = deadline.cap(request) if deadline is not None and not creates else None
            reply = yield Exchange(request, download, until)
            if isinstance(reply, httpx.Response) and reply.is_success:
                return reply
            failure = cast(httpx.Response | httpx.RequestError, reply)
            decision = self._policy.decide(attempt, failure, creates=creates, deadline=deadline)
            if isinstance(decision, GiveUp):
                raise decision.error
            if decision.slots_full is not None:  # a wait to show (the command line does): slot_wait is the decision
                log.info("waiting %.1f s for a free slot (%s)", *decision, extra={"slot_wait": decision})
            log.debug("retrying in %.2f s after %s (attempt %d)", decision.after, reply, attempt + 1)
            yield decision.after
            attempt += 1


def _base_url(value: object) -> str:
    url = value or os.environ.get("FREEPIK_BASE_URL") or os.environ.get("MAGNIFIC_BASE_URL") or BASE_URL
    with contextlib.suppress(httpx.InvalidURL):
        if isinstance(url, str) and httpx.URL(url).scheme in ("http", "https") and httpx.URL(url).host:
            return url.rstrip("/")
    raise errors.InvalidInputError("base_url", f"must be an http(s) URL, got {str(url)[:80]!r}")


def _timeout(value: object) -> httpx.Timeout | None:
    if value is None or isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(_policy.check_seconds("timeout", value))


@public_name("ModelResource")  # what type(), help() and errors say: not this private name
class _Resource(Generic[ClientT]):
    """One model's operations, for both clients: ``create``, ``get``, ``list``, ``wait`` and ``run`` (create,
    then wait). Each hands its flow to the client, which carries it out: ``Freepik`` returns the result,
    ``AsyncFreepik`` a coroutine of it. ``freepik_api.typed`` types them per model, sync and async.

    ``with_raw_response`` has ``create``, ``get`` and ``list`` returning the ``APIResponse`` instead.
    """

    def __init__(self, client: ClientT, spec: ModelSpec, *, raw: bool = False) -> None:
        self._client, self.spec, self.slug, self._raw = client, spec, spec.slug, raw

    def __repr__(self) -> str:
        return f"<ModelResource {self.slug}{' (raw)' if self._raw else ''}>"

    @functools.cached_property
    def with_raw_response(self) -> Self:
        return type(self)(self._client, self.spec, raw=True)

    @described
    def create(self, **params: Any) -> Any:
        """Create a task. Arguments are checked against the model's schema before anything is sent.

        Not retried when the outcome is unknown (a timeout or a 500 after sending): see ``errors.APIStatusError``.
        The task takes one of the client's ``max_in_progress`` slots until this client sees it end. With
        ``timeout`` (seconds), a create finding every slot taken (this client's, or the key's: a 429 that says
        so) waits for one that long; without, it does not wait: ``RateLimitError`` after the usual retries.

        Args:
            **params: The model's request fields (its page lists them); a local image may be a path, bytes
                or a binary file, and is checked and sent as base64. Also ``timeout``: seconds it may wait
                for a free slot.

        Returns:
            The new ``Task`` (CREATED); with ``with_raw_response``, the ``APIResponse``.

        Raises:
            InvalidInputError: A field breaks the model's rules; nothing was sent.
            APIStatusError: The API refused it; ``outcome_unknown`` says whether a task may exist anyway.
            APIConnectionError: No usable answer; ``outcome_unknown`` as above.
        """
        return self._client._drive(self._answer(self._create(params)))

    def get(self, task: Task | str, *, timeout: float | None = None) -> Any:
        """The task's current status and, once COMPLETED, its video URLs.

        Args:
            task: The task, or its id.
            timeout: Seconds the call may take, its retries and their waits included (default: no bound but
                each request's timeout).

        Returns:
            The ``Task``; with ``with_raw_response``, the ``APIResponse``.

        Raises:
            NotFoundError: This key has no such task.
            APIStatusError: Another refusal, after the retries.
            APIConnectionError: No usable answer, after the retries.
        """
        return self._client._drive(self._answer(self._get(task, timeout=timeout)))

    @described
    def list(self, *, timeout: float | None = None, **params: Any) -> Any:
        """This API key's tasks for this model; they carry no video URLs.

        Where the list route documents query parameters (paging, such as ``page`` and ``page_size``: see the
        model's page), they are these keyword arguments, checked against their documented rules before anything
        is sent; a route that documents none takes none, and the API does not page it. Given neither ``page``
        nor ``page_size``, a route that pages by them is read page by page (at the largest page size it
        documents, else its default) until a page brings no task not seen already (an empty one ends it; a
        short one does not, since a server may cap its pages), and each task is returned once; past
        ``timeout`` it raises ``APITimeoutError`` rather than pass part of the list for all of it. Given
        either, one request asks for that page. ``with_raw_response`` answers one request, so on such a route
        it needs ``page`` or ``page_size``.

        Where several models share the list route (kling-o1-pro and kling-o1-std), it lists the whole family's
        tasks: each is labelled with its model when this client created it, else with the family, ``a|b``.

        Args:
            timeout: Seconds the call may take, as for ``get``.
            **params: The list route's documented query parameters.

        Returns:
            A list of ``Task``; with ``with_raw_response``, the ``APIResponse``.

        Raises:
            InvalidInputError: A parameter the route does not document, or one that breaks its rule, or
                ``with_raw_response`` without a page on a paged route; nothing was sent.
            FreepikError: Pages still brought new tasks after 1,000 of them: no partial list passes for all.
            APIStatusError: The API refused it, after the retries.
            APIConnectionError: No usable answer, after the retries.
        """
        return self._client._drive(self._answer(self._list(params, timeout)))

    def wait(self, task: Task | str, **options: Unpack[WaitOptions]) -> Any:
        """Poll until the task is COMPLETED and return it, with its video URLs.

        Failed polls (connection errors, 429, 5xx) do not end the wait. Polls follow an adaptive schedule
        (2 s growing to 15-20 s) unless ``poll_interval`` fixes one.

        Args:
            task: The task, or its id.
            **options: ``timeout`` (seconds, default 900), ``on_status`` (called with the task on every status
                change), ``poll_interval`` (fixed seconds between polls).

        Returns:
            The COMPLETED ``Task``, with its video URLs.

        Raises:
            TaskFailedError: The task ended FAILED (``error.task``).
            WaitTimeoutError: Still unfinished after ``timeout`` seconds; it may still finish (``error.task``).
            InvalidInputError: An option breaks its rule; nothing was sent.
        """
        return self._client._drive(self._wait(task, options))

    @described
    def run(self, **params: Any) -> Any:
        """``create`` then ``wait``: the COMPLETED task.

        The wait options are checked before the paid create, and an error after the create names the task.

        Args:
            **params: The model's request fields, plus ``wait``'s ``timeout``, ``on_status`` and
                ``poll_interval``.

        Returns:
            The COMPLETED ``Task``, with its video URLs.

        Raises:
            InvalidInputError: A field or option breaks its rule; nothing was sent.
            TaskFailedError: The task ended FAILED.
            WaitTimeoutError: Still unfinished after ``timeout`` seconds.
            APIStatusError: The create was refused (see ``create``).
        """
        return self._client._drive(self._run(params))

    def _answer(self, call: Flow[APIResponse[T]]) -> Flow[APIResponse[T] | T]:
        response = yield from call
        return response if self._raw else response.parse()

    # Flows check their arguments when they start, before their first request: at the call with Freepik, at
    # the await with AsyncFreepik, as a coroutine would.
    def _create(self, params: dict[str, Any], deadline: Deadline | None = None) -> Flow[APIResponse[Task]]:
        deadline = Deadline.of(self._client._clock, params.pop("timeout", None)) or deadline
        shape, payload = build_request(self.spec, params)
        body = shape.request_type().from_dict(payload)  # leaves out what the payload lacks: no spec defaults sent
        slots, looked = self._client._slots, False
        while not slots.take():
            if looked and (deadline is None or not deadline.left()):
                message = f"this client has its {slots.limit} tasks in progress (max_in_progress); nothing was sent"
                raise errors.RateLimitError(message, status_code=429, body=None, headers={}, retryable=True)
            if looked and deadline is not None:
                yield _policy.Pause(LOCAL_PAUSE) if not slots.unwatched() else deadline.slot_delay(None)
            for ident, slug in slots.unwatched():  # no wait() polls it: it may have ended unseen
                with contextlib.suppress(errors.APIStatusError, errors.APIConnectionError):
                    yield from self._client.model(slug)._get(ident)
            looked = True
        response, create = None, self.spec.create
        try:
            parse = functools.partial(self._task, route="create")
            response = yield from self._client._call(create, parse, creates=True, deadline=deadline, body=body)
        finally:
            slots.landed(response._value if response is not None else None)
        return attrs.evolve(response, created_by=self.slug)

    def _get(
        self, task: Task | str, deadline: Deadline | None = None, timeout: float | None = None
    ) -> Flow[APIResponse[Task]]:
        deadline = deadline or Deadline.of(self._client._clock, timeout)
        status, ident = self.spec.status, task_id(task)
        return (yield from self._client._call(status, self._task, creates=False, deadline=deadline, task_id=ident))

    def _list(self, params: dict[str, Any], timeout: float | None = None) -> Flow[APIResponse[builtins.list[Task]]]:
        query, rules = build_query(self.spec, params), self.spec.list_parameters.fields
        deadline = Deadline.of(self._client._clock, timeout)  # one for the whole walk
        call = functools.partial(self._client._call, self.spec.list, self._tasks, creates=False, deadline=deadline)
        paged = all(rules.get(name, {}).get("type") == "integer" for name in ("page", "page_size"))
        if not paged or query["page"] is not None or query["page_size"] is not None:  # one request, as asked
            return (yield from call(**query))
        if self._raw:  # one APIResponse cannot stand for several pages
            raise errors.InvalidInputError("page", "with_raw_response.list() reads one page: give page or page_size")
        query["page_size"] = rules["page_size"].get("maximum", rules["page_size"].get("default"))  # None: the API's
        tasks: dict[str, Task] = {}
        for page in range(1, MAX_PAGES + 1):
            if deadline is not None and page > 1 and not deadline.left():  # part of the list must not pass for all
                raise errors.APITimeoutError(f"{self.slug}: list() had read {page - 1} pages at its timeout")
            response = yield from call(**query | {"page": page})
            new = {task.id: task for task in response.parse() if task.id not in tasks}
            tasks |= new
            # An empty page is past the last; one with nothing new, a server that ignores paging. A short page
            # is not the last: a server may cap its pages below the size asked.
            if not new:
                return attrs.evolve(response, value=builtins.list(tasks.values()))
        # Part of the list would pass for all of it: a task missing from it looks never created, and is paid twice.
        more = f"{self.slug}: more tasks still came after {MAX_PAGES} pages; not returning part of them as all"
        raise errors.FreepikError(more + " (list(page=...) reads one page)")

    def _wait(self, task: Task | str, options: WaitOptions, deadline: Deadline | None = None) -> Flow[Task]:
        """Polls on the schedule until the task is COMPLETED with its videos, and returns it.

        A bare task id is polled at once, and so is a Task that lacks its videos although COMPLETED (one from
        list()); a Task just created is first given the schedule's initial delay; a COMPLETED Task with its
        videos, or a FAILED one, is answered without any request. A failed poll that may succeed next time
        does not end the wait; the next poll honours its Retry-After.
        """
        timeout, schedule, on_status = _policy.wait_settings(options)
        deadline = deadline or Deadline(self._client._clock, timeout, schedule)
        known, ident = isinstance(task, Task), task_id(task)  # a bad id is refused before any wait
        model = self._client._slots.made.get(ident) or self.spec.family("status")
        current = task if isinstance(task, Task) else Task(ident, TaskStatus("UNKNOWN"), model)
        fresh = known and bool(current.videos)
        interval: float | None = None
        hint: float | None = 0.0 if not known or current.status == TaskStatus.COMPLETED else None
        self._client._slots.watched.add(ident)
        try:
            while not (fresh and current.status == TaskStatus.COMPLETED):
                if current.status == TaskStatus.FAILED:
                    raise errors.TaskFailedError(current)
                if not deadline.left():
                    raise errors.WaitTimeoutError(current, deadline.timeout)
                delay = hint if hint is not None else (interval := schedule.next(interval, deadline.elapsed()))
                yield min(delay, deadline.left())
                try:
                    polled = (yield from self._get(current.id, deadline)).parse()
                except (errors.APIStatusError, errors.APIConnectionError) as error:
                    if not error.retryable:
                        raise
                    hint = retry_after(error.headers) if isinstance(error, errors.APIStatusError) else None
                    log.debug("polling task %s failed, will poll again: %s", current.id, error)
                    continue
                log.debug("polled task %s: %s", polled.id, polled.status)
                if polled.status != current.status and on_status is not None:
                    on_status(polled)
                current, fresh, hint = polled, True, None
            return current
        finally:
            self._client._slots.watched.discard(ident)

    def _run(self, params: dict[str, Any]) -> Flow[Task]:
        options = cast(WaitOptions, {name: params.pop(name) for name in WaitOptions.__annotations__ if name in params})
        timeout, schedule, _ = _policy.wait_settings(options)  # before the create: a bad option must not cost a task
        deadline = Deadline(self._client._clock, timeout, schedule)  # one for the slot, the create and the wait
        created = (yield from self._create(params, deadline)).parse()
        try:
            return (yield from self._wait(created, options, deadline))
        except errors.FreepikError as error:  # the task exists and is paid for: say which it is
            error.add_note(f"task {created.id} was created: wait() on it rather than creating another")
            raise

    def _task(self, data: object, route: str = "status") -> Task | None:
        """The task ``data`` reports, labelled with the model that created it when this client knows it, else
        with the family of models ``route`` serves (``a|b``): a shared route does not say which."""
        if not is_reported(data):
            return None
        known = self.slug if route == "create" else self._client._slots.made.get(str(data.task_id))
        task = Task.from_api(data, known or self.spec.family(route))
        self._client._slots.seen(task)
        return task

    def _tasks(self, data: object) -> builtins.list[Task] | None:
        if isinstance(data, list) and all(is_reported(item) for item in data):
            return [task for item in data if (task := self._task(item, "list")) is not None]
        return None


class Freepik(ModelAttributes, _BaseClient[httpx.Client]):
    """The synchronous client: one attribute per model (``client.kling_v2``), and ``download``.

    Args:
        api_key: The key; default ``$FREEPIK_API_KEY``, then ``$MAGNIFIC_API_KEY``.
        base_url: The API's address; default ``$FREEPIK_BASE_URL``, then ``$MAGNIFIC_BASE_URL``, then
            ``https://api.freepik.com``.
        timeout: Seconds, or an ``httpx.Timeout``, for each request.
        max_retries: Retries of each request (a create only when it provably was not processed).
        http_client: Your own ``httpx.Client`` (proxies, transports, limits): used as it is and never
            closed; ``DefaultHttpxClient`` has this library's defaults.
        clock: For tests: the simulator's clock makes waits instant.

    Raises:
        MissingAPIKeyError: No key was given or found in the environment.
        InvalidInputError: An option breaks its rule (a malformed key is refused without being repeated).
    """

    _http_type = httpx.Client
    _default_http = _http.DefaultHttpxClient

    def download(self, task: Task | str, dest: StrPath = ".", **options: Unpack[DownloadOptions]) -> Path:
        """Stream a COMPLETED task's video (or a video URL) to ``dest``, a file or a directory.

        Constant memory; lands atomically; refuses to replace an existing file unless ``overwrite=True``.
        The API key is never sent with it. A task without video URLs (from ``list()``) is fetched first.

        Args:
            task: The task, its id, or a video URL.
            dest: A file, or a directory for ``<task id>.mp4``.
            **options: ``overwrite``, ``index`` (which video), ``on_progress(bytes_so_far, total_or_None)``
                after each chunk, ``fsync=True`` to flush the file to disk before the rename so that it
                survives a power loss, ``timeout`` (seconds the whole download may take, retries included).

        Returns:
            The path of the video.

        Raises:
            FileExistsError: ``dest`` exists and ``overwrite`` was not given.
            APIStatusError: The video could not be fetched, after the retries.
            APIConnectionError: No usable answer, after the retries.
        """
        return self._drive(self._download(task, dest, options))

    def _drive(self, flow: Flow[T]) -> T:
        with contextlib.closing(flow):
            try:
                action = next(flow)
                while True:
                    action = flow.send(self._perform(action))
            except StopIteration as finished:
                return cast(T, finished.value)

    def _perform(self, action: Action) -> Reply:
        if not isinstance(action, Exchange):
            (time.sleep if isinstance(action, _policy.Pause) else self._clock.sleep)(action)
            return None
        try:
            with contextlib.closing(self._http.send(action.request, stream=True, **action.send_options)) as response:
                _http.bound(response, self._clock, action.until)
                if action.download is None or not response.is_success:
                    response.read()
                else:
                    action.download.start(response)
                    for chunk in response.iter_bytes(CHUNK_SIZE):
                        action.download.write(chunk)
        except httpx.RequestError as error:
            return error
        return response

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncFreepik(AsyncModelAttributes, _BaseClient[httpx.AsyncClient]):
    """The asynchronous client: ``Freepik``'s API with every request awaited.

    Args:
        api_key: The key; default ``$FREEPIK_API_KEY``, then ``$MAGNIFIC_API_KEY``.
        base_url: The API's address; default ``$FREEPIK_BASE_URL``, then ``$MAGNIFIC_BASE_URL``, then
            ``https://api.freepik.com``.
        timeout: Seconds, or an ``httpx.Timeout``, for each request.
        max_retries: Retries of each request (a create only when it provably was not processed).
        http_client: Your own ``httpx.AsyncClient``: used as it is and never closed.
        clock: For tests: the simulator's clock makes waits instant.
    """

    _http_type = httpx.AsyncClient
    _default_http = _http.DefaultAsyncHttpxClient

    async def download(self, task: Task | str, dest: StrPath = ".", **options: Unpack[DownloadOptions]) -> Path:
        """Stream a video to ``dest``; see ``Freepik.download``.

        Args:
            task: The task, its id, or a video URL.
            dest: A file, or a directory for ``<task id>.mp4``.
            **options: As for ``Freepik.download``.

        Returns:
            The path of the video.
        """
        return await self._drive(self._download(task, dest, options))

    async def _drive(self, flow: Flow[T]) -> T:
        with contextlib.closing(flow):
            try:
                action = next(flow)
                while True:
                    action = flow.send(await self._perform(action))
            except StopIteration as finished:
                return cast(T, finished.value)

    async def _perform(self, action: Action) -> Reply:
        if not isinstance(action, Exchange):
            import asyncio  # loaded already by whoever awaits this; a sync client's import does not pay for it

            await (asyncio.sleep if isinstance(action, _policy.Pause) else self._clock.asleep)(action)
            return None
        try:
            response = await self._http.send(action.request, stream=True, **action.send_options)
            async with contextlib.aclosing(response):
                _http.bound(response, self._clock, action.until)
                if action.download is None or not response.is_success:
                    await response.aread()
                else:
                    action.download.start(response)
                    async for chunk in response.aiter_bytes(CHUNK_SIZE):
                        action.download.write(chunk)
        except httpx.RequestError as error:
            return error
        return response

    async def close(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
