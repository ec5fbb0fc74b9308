"""Decisions shared by the sync and async clients: when to retry, how long to back off, when to poll.

Nothing here does I/O or sleeps; the clients do, and differ only in whether they await.
"""

from __future__ import annotations

import contextlib
import random
import re
import threading
import time
from collections.abc import Callable, Mapping
from typing import NamedTuple, Protocol, TypedDict, TypeGuard, cast

import attrs
import httpx

from freepik_kling import errors
from freepik_kling._task import Task

# Failures of a request that never reached the server: nothing can have been created.
_NOT_SENT: tuple[type[Exception], ...] = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_NOT_SENT += (httpx.UnsupportedProtocol, httpx.LocalProtocolError)  # refused by httpx before sending
# Failures that the same request may well not meet again.
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
_SLOTS_FULL = re.compile(r"in progress|concurren", re.IGNORECASE)
KNOWN_MODELS = 10_000  # tasks whose creating model a client remembers: a few hundred kilobytes at most
LAST_POLL = 0.5
"""Seconds a request sent at (or just before) a deadline may still take: one last poll gets its answer."""


class Pause(float):
    """Seconds of real time, not the clock's: a create waiting for a slot that this client's own wait()s will
    free sleeps this way, since their polls move the clock (the simulator's stands still until someone
    sleeps on it: sleeping on it here would run every deadline out before one of their answers came)."""


class Clock(Protocol):
    """Where waiting reads the time and sleeps. The simulator's clock makes a 10-minute wait instant."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...

    async def asleep(self, seconds: float) -> None: ...


class SystemClock:
    monotonic = staticmethod(time.monotonic)
    sleep = staticmethod(time.sleep)

    async def asleep(self, seconds: float) -> None:
        import asyncio

        await asyncio.sleep(seconds)


def retry_after(headers: Mapping[str, str], now: Callable[[], float] = time.time) -> float | None:
    """Seconds the server asks to wait (``Retry-After`` in seconds or as an HTTP date), if it asks."""
    value = headers.get("retry-after")
    if not value:
        return None
    with contextlib.suppress(ValueError):
        return max(0.0, float(value))
    import email.utils  # only for the rare HTTP-date form: it is slow to import

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - now())


class Retry(NamedTuple):
    """Send the same request again after ``after`` seconds."""

    after: float
    slots_full: str | None = None
    """The 429's message, when a create waits for a free slot."""


class GiveUp(NamedTuple):
    """Stop and raise ``error`` (it says whether a create may have made a task)."""

    error: errors.APIStatusError | errors.APIConnectionError


@attrs.frozen
class RetryPolicy:
    """The one retry rule for every request, with exponential backoff and jitter; the server's Retry-After
    wins, up to ``max_retry_after``."""

    max_retries: int = attrs.field(default=2, validator=lambda _, __, value: check_count("max_retries", value))
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def decide(
        self,
        attempt: int,
        failure: httpx.Response | httpx.RequestError,
        *,
        creates: bool,
        deadline: Deadline | None = None,
    ) -> Retry | GiveUp:
        """What to do after ``attempt`` (0-based) failed with a non-2xx response or a transport error.

        A failure is transient when the same request may succeed later: a timeout, a dropped connection,
        408, 429 or 5xx. A create is sent again only when the API provably did nothing: the request never
        left (connection refused), or the API answered 4xx or 503. After a timeout, a dropped connection,
        a 5xx other than 503 or a redirect the task may exist, so the error says the outcome is unknown
        instead of paying twice.

        With a ``deadline``, a create refused because the key's tasks in progress are all running (a 429 that
        says so: nothing was created) is sent again when a slot may have freed, until the deadline, whatever
        ``max_retries``; every wait is cut to the time left, and none is left at the deadline.
        """
        error = errors.error_from(failure)
        if deadline is not None and creates and slots_full(error) and deadline.left() > 0:
            return Retry(deadline.slot_delay(retry_after(cast(httpx.Response, failure).headers)), error.message)
        if isinstance(failure, httpx.Response):
            status = failure.status_code
            transient = status in (408, 429) or status >= 500
            may_have_acted = not (400 <= status < 500 or status == 503)
        else:
            transient = isinstance(failure, _TRANSIENT)
            may_have_acted = not isinstance(failure, _NOT_SENT)
        unknown = creates and may_have_acted
        retryable = transient and not unknown
        if retryable and attempt < self.max_retries and (deadline is None or deadline.left() > 0):
            asked = retry_after(failure.headers) if isinstance(failure, httpx.Response) else None
            if asked is not None:
                return Retry(min(asked, self.max_retry_after, deadline.left() if deadline else asked))
            backoff = min(self.max_delay, self.initial_delay * 2.0 ** min(attempt, 32))
            backoff *= 1 - 0.25 * random.random()  # noqa: S311 - jitter, not cryptography
            return Retry(min(backoff, deadline.left()) if deadline else backoff)
        error.outcome_unknown, error.retryable = unknown, retryable
        return GiveUp(error)


@attrs.frozen
class PollSchedule:
    """Poll every 2 s at first, growing by half each time, to 15 s; after 2 minutes, to 20 s.

    Kling tasks take minutes: this finds a short task within seconds, and a 10-minute task with about
    36 requests, with a worst-case detection delay of one interval.
    """

    initial: float = 2.0
    factor: float = 1.5
    cap: float = 15.0
    late_cap: float = 20.0
    late_after: float = 120.0

    def next(self, previous: float | None, elapsed: float) -> float:
        if previous is None:
            return self.initial
        cap = self.late_cap if elapsed >= self.late_after else self.cap
        return min(cap, previous * self.factor)


def slots_full(error: BaseException) -> TypeGuard[errors.RateLimitError]:
    """A 429 that says the key's tasks in progress are all running (rather than too many requests): the API
    refused the create, so sending it again once a slot frees is safe."""
    return isinstance(error, errors.RateLimitError) and bool(_SLOTS_FULL.search(error.message))


class Deadline:
    """One absolute deadline for a whole call (``run()``: the create, waiting for a slot, then the task), on
    ``clock``. Every wait is cut to the time left, every request's timeouts are capped by it, and waits for a
    free slot follow ``schedule`` (the poll schedule's) unless the server asks for another."""

    def __init__(self, clock: Clock, timeout: float, schedule: PollSchedule | None = None) -> None:
        self.clock, self.timeout, self.schedule = clock, timeout, schedule or PollSchedule()
        self.started = clock.monotonic()
        self._slot_interval: float | None = None

    @classmethod
    def of(cls, clock: Clock, timeout: object) -> Deadline | None:
        """The deadline of a call's ``timeout`` option, once checked; None without one."""
        return None if timeout is None else cls(clock, check_seconds("timeout", timeout))

    def elapsed(self) -> float:
        return self.clock.monotonic() - self.started

    def left(self) -> float:
        return max(0.0, self.timeout - self.elapsed())

    def slot_delay(self, asked: float | None) -> float:
        self._slot_interval = self.schedule.next(self._slot_interval, self.elapsed())
        return min(self._slot_interval if asked is None else asked, self.left())

    def cap(self, request: httpx.Request) -> float:
        """Caps ``request``'s connect, read, write and pool timeouts by the time left (at least LAST_POLL), and
        returns the clock time by which its answer must have arrived."""
        left = max(self.left(), LAST_POLL)
        timeouts = request.extensions.get("timeout") or dict.fromkeys(("connect", "read", "write", "pool"))
        capped = {kind: left if value is None else min(value, left) for kind, value in timeouts.items()}
        request.extensions["timeout"] = capped
        return self.clock.monotonic() + left


class Slots:
    """The key's tasks in progress as one client knows them, shared by all its resources: a create takes a
    slot before it is sent, and its task keeps it until this client sees the task end (a status or a list
    that says COMPLETED or FAILED). ``watched`` are the tasks a ``wait()`` is polling already; ``made`` the
    model of each task this client created (the newest KNOWN_MODELS), which a shared route does not say."""

    def __init__(self, limit: int | None) -> None:
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
            rule = f"must be a whole number, 1 or more, or None; got {limit!r}"
            raise errors.InvalidInputError("max_in_progress", rule)
        self.limit, self.held, self.watched, self.made = limit, dict[str, str](), set[str](), dict[str, str]()
        self._sending, self._lock = 0, threading.Lock()

    def take(self) -> bool:
        with self._lock:
            free = self.limit is None or len(self.held) + self._sending < self.limit
            self._sending += free
            return free

    def landed(self, task: Task | None) -> None:
        """The create that took a slot is over: its task (None if it made none) holds the slot now."""
        with self._lock:
            self._sending -= 1
            if task is not None:
                self.made[task.id] = task.model
                if len(self.made) > KNOWN_MODELS:
                    del self.made[next(iter(self.made))]
            if task is not None and not task.status.is_finished:
                self.held[task.id] = task.model

    def seen(self, task: Task) -> None:
        if task.status.is_finished:
            self.held.pop(task.id, None)

    def unwatched(self) -> list[tuple[str, str]]:
        """(task id, model) of the tasks that hold a slot and that nobody polls: one may have ended unseen."""
        return [(ident, model) for ident, model in list(self.held.items()) if ident not in self.watched]


def check_seconds(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < float("inf"):
        raise errors.InvalidInputError(name, f"must be a positive number of seconds, got {value!r}")
    return value


def check_count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise errors.InvalidInputError(name, f"must be a whole number, 0 or more; got {value!r}")
    return value


def check_options(call: str, given: Mapping[str, object], options: type) -> None:
    """Refuses names ``options`` (a TypedDict) lacks, as Python would refuse an unknown keyword."""
    unknown = sorted(set(given) - set(options.__annotations__))
    if unknown:
        raise errors.InvalidInputError(
            unknown[0], f"not an option of {call}(); options: {', '.join(options.__annotations__)}"
        )


DEFAULT_WAIT_TIMEOUT = 15 * 60.0
"""Seconds ``wait()`` and ``run()`` wait for a task by default."""


class WaitOptions(TypedDict, total=False):
    """``wait()``'s and ``run()``'s options, all optional."""

    timeout: float
    """Seconds to wait before WaitTimeoutError (default: DEFAULT_WAIT_TIMEOUT, 15 minutes)."""
    on_status: Callable[[Task], object] | None
    """Called with the task on every status change."""
    poll_interval: float | None
    """Poll every this many seconds instead of the adaptive schedule."""


def wait_settings(options: WaitOptions) -> tuple[float, PollSchedule, Callable[[Task], object] | None]:
    """(timeout, poll schedule, on_status) from ``wait()``'s options, each checked: InvalidInputError names a bad
    one. ``run()`` calls it before the create, so a bad option never costs a task."""
    check_options("wait", options, WaitOptions)
    if (on_status := options.get("on_status")) is not None and not callable(on_status):
        raise errors.InvalidInputError("on_status", f"must be a function of the task, got {type(on_status).__name__}")
    fixed = None if (interval := options.get("poll_interval")) is None else check_seconds("poll_interval", interval)
    schedule = PollSchedule() if fixed is None else PollSchedule(initial=fixed, factor=1.0, cap=fixed, late_cap=fixed)
    return check_seconds("timeout", options.get("timeout", DEFAULT_WAIT_TIMEOUT)), schedule, on_status


def task_id(task: Task | str) -> str:
    """The id of ``task`` for a status route. Refuses ids that could name another route once a server decodes
    and normalizes the path: empty, dots only, or with a slash."""
    value = task.id if isinstance(task, Task) else task
    if not isinstance(value, str) or not value.strip(" .") or "/" in value or "\\" in value:
        raise errors.InvalidInputError("task", f"must be a Task or a task id (no slashes), got {str(value)[:80]!r}")
    return value
