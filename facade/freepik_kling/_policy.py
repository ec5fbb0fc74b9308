"""Decisions shared by the sync and async clients: when to retry, how long to back off, when to poll.

Nothing here does I/O or sleeps; the clients do, and differ only in whether they await.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from typing import Protocol

import attrs
import httpx

from freepik_kling._task import Task, TaskStatus
from freepik_kling.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
    ServiceUnavailableError,
    TaskFailedError,
    WaitTimeoutError,
)

log = logging.getLogger("freepik_kling")

# A request that failed with one of these never reached the server: retrying it cannot create a
# second task.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


class Clock(Protocol):
    """Where waiting reads the time and sleeps. The simulator's clock makes a 10-minute wait instant."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...

    async def asleep(self, seconds: float) -> None: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        import asyncio

        await asyncio.sleep(seconds)


def retry_after(headers: Mapping[str, str], now: Callable[[], float] = time.time) -> float | None:
    """Seconds the server asks to wait (``Retry-After`` in seconds or as an HTTP date), if it asks."""
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    import email.utils  # only for the rare HTTP-date form: it is slow to import

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - now())


@attrs.frozen
class RetryPolicy:
    """Exponential backoff with jitter; the server's Retry-After wins, up to ``max_retry_after``."""

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def delay(self, attempt: int, headers: Mapping[str, str] | None = None) -> float:
        asked = retry_after(headers or {})
        if asked is not None:
            return min(asked, self.max_retry_after)
        backoff = min(self.max_delay, self.initial_delay * 2.0**attempt)
        return backoff * (1 - 0.25 * random.random())  # noqa: S311 - jitter, not cryptography

    def should_retry(self, attempt: int, *, creates: bool, status: int | None, error: Exception | None) -> bool:
        """Whether to try again after ``attempt`` (0-based) failed.

        A create is retried only when it provably was not processed: it never left (connection refused),
        or the API said so (429, 503). After a timeout or a 500 the task may exist: retrying could pay twice.
        """
        if attempt >= self.max_retries:
            return False
        if error is not None:
            return isinstance(error, _NOT_SENT) if creates else isinstance(error, httpx.TransportError)
        assert status is not None
        if status in (429, 503):
            return True
        return not creates and (status >= 500 or status == 408)


def connection_error(error: httpx.TransportError, *, creates: bool) -> APIConnectionError:
    unknown = creates and not isinstance(error, _NOT_SENT)
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(f"request timed out ({type(error).__name__})", outcome_unknown=unknown)
    return APIConnectionError(f"connection failed ({type(error).__name__}: {error})", outcome_unknown=unknown)


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

    @classmethod
    def fixed(cls, interval: float) -> PollSchedule:
        """Every ``interval`` seconds."""
        if interval <= 0:
            raise ValueError("poll_interval must be positive (seconds)")
        return cls(initial=interval, factor=1.0, cap=interval, late_cap=interval)

    def next(self, previous: float | None, elapsed: float) -> float:
        if previous is None:
            return self.initial
        cap = self.late_cap if elapsed >= self.late_after else self.cap
        return min(cap, previous * self.factor)


# Poll failures that do not end a wait: the next poll may well succeed.
_TRANSIENT = (APIConnectionError, RateLimitError, InternalServerError, ServiceUnavailableError)


class Waiter:
    """The state of one wait(): deadline, status changes, the next delay. The clients only do the I/O.

    A bare task id is polled at once; a Task just created is first given the schedule's initial delay;
    a Task that is already COMPLETED (or FAILED) is answered without any request.
    """

    def __init__(
        self,
        task: Task,
        *,
        known: bool,
        timeout: float,
        on_status: Callable[[Task], object] | None,
        clock: Clock,
        schedule: PollSchedule,
    ) -> None:
        if timeout <= 0:
            raise ValueError("timeout must be positive (seconds)")
        self.task = task
        self.timeout = timeout
        self.on_status = on_status
        self.clock = clock
        self.schedule = schedule
        self.started = clock.monotonic()
        self.interval: float | None = None
        self.hint: float | None = 0.0 if not known else None
        self.polls = 0
        if known and task.status == TaskStatus.FAILED:
            raise TaskFailedError(task)

    @property
    def done(self) -> bool:
        return self.task.status == TaskStatus.COMPLETED

    def observe(self, task: Task) -> None:
        """Record a polled task; raises TaskFailedError when it FAILED."""
        self.polls += 1
        changed = task.status != self.task.status
        self.task = task
        log.debug("poll %d: task %s is %s", self.polls, task.id, task.status)
        if changed and self.on_status is not None:
            self.on_status(task)
        if task.status == TaskStatus.FAILED:
            raise TaskFailedError(task)

    def failed(self, error: Exception) -> None:
        """A poll failed: keep waiting if it was transient, else re-raise."""
        if not isinstance(error, _TRANSIENT):
            raise error
        self.polls += 1
        if isinstance(error, APIStatusError):
            self.hint = retry_after(error.headers)
        log.debug("poll %d for task %s failed, will poll again: %s", self.polls, self.task.id, error)

    def next_delay(self) -> float:
        """Seconds until the next poll, never past the deadline; WaitTimeoutError once it has passed."""
        elapsed = self.clock.monotonic() - self.started
        remaining = self.timeout - elapsed
        if remaining <= 0:
            raise WaitTimeoutError(self.task, self.timeout)
        if self.hint is not None:
            delay, self.hint = self.hint, None
        else:
            self.interval = self.schedule.next(self.interval, elapsed)
            delay = self.interval
        return min(delay, remaining)
