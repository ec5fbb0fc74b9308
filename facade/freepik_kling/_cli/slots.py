"""Waiting for a free slot. The API runs at most 3 tasks in progress per key and answers a create beyond
that with a 429: a queue, not an error. The create is sent again when a slot may have freed, until the
command's deadline; a 429 that is not about tasks in progress stays an error. Decides only: the command
sleeps and sends, as the clients carry out their flows (``_client.py``).
"""

from __future__ import annotations

import re

from freepik_kling._cli.outcome import NoFreeSlotError
from freepik_kling._policy import Clock, PollSchedule, retry_after
from freepik_kling.errors import FreepikError, RateLimitError

_SLOTS_FULL = re.compile(r"in progress|concurren", re.IGNORECASE)


def slots_full(error: FreepikError) -> bool:
    """A 429 that says too many tasks are in progress (rather than too many requests)."""
    return isinstance(error, RateLimitError) and bool(_SLOTS_FULL.search(error.message))


class Deadline:
    """One deadline for a whole command: waiting for a slot and then for the task share it."""

    def __init__(self, clock: Clock, timeout: float) -> None:
        self.clock = clock
        self.timeout = timeout
        self.started = clock.monotonic()

    def elapsed(self) -> float:
        return self.clock.monotonic() - self.started

    def remaining(self) -> float:
        return self.timeout - self.elapsed()


class SlotWait:
    """When to send a create again after a "too many tasks in progress" 429: the server's Retry-After,
    else the poll schedule (2 s growing to 15-20 s); NoFreeSlotError once the deadline has passed."""

    def __init__(self, deadline: Deadline, schedule: PollSchedule | None = None) -> None:
        self.deadline = deadline
        self.schedule = schedule or PollSchedule()
        self.interval: float | None = None

    def next_delay(self, error: RateLimitError) -> float:
        remaining = self.deadline.remaining()
        if remaining <= 0:
            raise NoFreeSlotError(self.deadline.timeout, error.message)
        self.interval = self.schedule.next(self.interval, self.deadline.elapsed())
        asked = retry_after(error.headers)
        return min(self.interval if asked is None else asked, remaining)
