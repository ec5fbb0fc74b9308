"""Decisions shared by the sync and async clients: when to retry, how long to back off, when to poll.

Nothing here does I/O or sleeps; the clients do, and differ only in whether they await.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable, Mapping
from typing import NamedTuple, Protocol, TypedDict

import attrs
import httpx

from freepik_kling import errors
from freepik_kling._task import Task

# Failures of a request that never reached the server: nothing can have been created.
_NOT_SENT: tuple[type[Exception], ...] = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_NOT_SENT += (httpx.UnsupportedProtocol, httpx.LocalProtocolError)  # refused by httpx before sending
# Failures that the same request may well not meet again.
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


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

    def decide(self, attempt: int, failure: httpx.Response | httpx.RequestError, *, creates: bool) -> Retry | GiveUp:
        """What to do after ``attempt`` (0-based) failed with a non-2xx response or a transport error.

        A failure is transient when the same request may succeed later: a timeout, a dropped connection,
        408, 429 or 5xx. A create is sent again only when the API provably did nothing: the request never
        left (connection refused), or the API answered 4xx or 503. After a timeout, a dropped connection,
        a 5xx other than 503 or a redirect the task may exist, so the error says the outcome is unknown
        instead of paying twice.
        """
        if isinstance(failure, httpx.Response):
            status = failure.status_code
            transient = status in (408, 429) or status >= 500
            may_have_acted = not (400 <= status < 500 or status == 503)
        else:
            transient = isinstance(failure, _TRANSIENT)
            may_have_acted = not isinstance(failure, _NOT_SENT)
        unknown = creates and may_have_acted
        retryable = transient and not unknown
        if retryable and attempt < self.max_retries:
            asked = retry_after(failure.headers) if isinstance(failure, httpx.Response) else None
            if asked is not None:
                return Retry(min(asked, self.max_retry_after))
            backoff = min(self.max_delay, self.initial_delay * 2.0 ** min(attempt, 32))
            return Retry(backoff * (1 - 0.25 * random.random()))  # noqa: S311 - jitter, not cryptography
        error = errors.error_from(failure)
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
