"""The batch's decisions, with no I/O: what an API error means, when to poll, how fast to send.

The runner reads the clock, calls these, and does the waiting and the requests itself.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from typing import Literal

from freepik_kling._policy import retry_after
from freepik_kling.errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    FreepikError,
    InternalServerError,
    PermissionDeniedError,
    RateLimitError,
    ServiceUnavailableError,
)


@dataclass(frozen=True)
class Verdict:
    """``retry``: nothing was done, try again later (after ``after`` seconds if the API said);
    ``unknown``: a create may have made a task; ``fatal``: no request with this key can work;
    ``rejected``: the API refused this request, and nothing was created."""

    kind: Literal["retry", "unknown", "fatal", "rejected"]
    after: float | None = None


def judge(error: FreepikError) -> Verdict:
    """What an API error means for the batch. The one place that reads 429, 503 and ``outcome_unknown``."""
    if getattr(error, "outcome_unknown", False) or isinstance(error, APIResponseValidationError):
        return Verdict("unknown")  # an unreadable 2xx to a create may carry a task id we could not read
    if isinstance(error, AuthenticationError | PermissionDeniedError):
        return Verdict("fatal")
    if isinstance(error, RateLimitError | ServiceUnavailableError | InternalServerError | APIConnectionError):
        return Verdict("retry", retry_after(error.headers) if isinstance(error, APIStatusError) else None)
    return Verdict("rejected")


class Backoff:
    """Seconds to wait after consecutive refusals: the API's Retry-After, else 1, 2, 4 ... up to ``cap``."""

    def __init__(self, cap: float = 30.0) -> None:
        self.cap = cap
        self.refusals = 0

    def refused(self, asked: float | None) -> float:
        self.refusals += 1
        if asked is not None:
            return min(asked, 120.0)
        return min(self.cap, 2.0 ** (self.refusals - 1))

    def succeeded(self) -> None:
        self.refusals = 0


class RateGate:
    """At most ``rate`` API requests a second: ``delay(now)`` reserves the next slot and says how long
    to wait for it."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self.next_slot = -math.inf

    def delay(self, now: float) -> float:
        slot = max(now, self.next_slot)
        self.next_slot = slot + self.interval
        return slot - now


class PollPlan:
    """When to list one model's tasks next. One ``list()`` reports every task of the model, so the batch
    polls per model, as often as its youngest task needs.

    Without knowledge, a task of age ``a`` is polled again after ``a / 2`` seconds, between 2 and 15: a
    short task is found within seconds, a long one with few requests. The plan then learns from the
    tasks it saw finish: each one finished after the last poll that saw it running (``low``) and by the
    poll that saw it done (``high``). Tasks of a model take about as long as each other, so the window
    where they finish narrows as bounds intersect; a young task is polled sparsely until the window
    opens, then at its middle and its end. A task that breaks the pattern resets the window to its own.
    """

    INITIAL = 2.0
    CAP = 15.0
    SPARSE_CAP = 60.0
    SHORTEST = 0.5

    def __init__(self, fixed: float | None = None) -> None:
        self.fixed = fixed
        self.window: tuple[float, float] | None = None
        self._recent: deque[tuple[float, float]] = deque(maxlen=3)

    def learn(self, low: float, high: float) -> None:
        """A task was seen running at age ``low`` and done at age ``high``."""
        if self.window is not None and low < self.window[1] and high > self.window[0]:
            self.window = (max(low, self.window[0]), min(high, self.window[1]))
        else:
            self.window = (low, high)

    def delay(self, ages: list[float]) -> float:
        """Seconds until the next poll for tasks of these ages (seconds since each was created)."""
        if self.fixed is not None:
            return self.fixed
        return max(self.SHORTEST, min(self._interval(age) for age in ages))

    def _interval(self, age: float) -> float:
        if self.window is not None:
            low, high = self.window
            if age < low:
                return min(max(self.INITIAL, age), self.SPARSE_CAP, low - age)
            if age < high:
                return min(max(self.SHORTEST, (high - low) / 2), high - age)
        return min(max(self.INITIAL, age / 2), self.CAP)
