"""Waiting for a free slot, as the command line shows it. The API runs at most 3 tasks in progress per key and
answers a create beyond that with a 429: a queue, not an error. The library sends the create again when a slot
may have freed, within the command's deadline (``create(timeout=...)``; the rule is ``_policy.py``'s), and logs
each wait; the command only listens, to draw its live line and to know that nothing is in flight meanwhile.
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING

from freepik_kling._cli.console import Console, LiveLine

if TYPE_CHECKING:
    from freepik_kling._cli.outcome import Job
    from freepik_kling._policy import Clock


class SlotWatch(logging.Handler):
    """While a create runs: on the library's first "waiting for a free slot" record, the live line; the job is
    ``queued`` from each record until the library sends the create again (it sleeps that long first)."""

    def __init__(self, console: Console, clock: Clock, job: Job) -> None:
        super().__init__()
        self.console, self.clock, self.job = console, clock, job
        self.logger = logging.getLogger("freepik_kling")
        self.level, self.until = self.logger.level, -math.inf
        self.line: LiveLine | None = None

    def emit(self, record: logging.LogRecord) -> None:
        wait = getattr(record, "slot_wait", None)  # the library's Retry decision
        if wait is None:
            return
        self.job.stage, self.until = "queued", self.clock.monotonic() + wait.after
        if self.line is None:
            self.line = LiveLine(self.console, self.clock, f"waiting for a free slot ({wait.slots_full})")
            self.line.__enter__()

    def __enter__(self) -> SlotWatch:
        if not self.logger.isEnabledFor(logging.INFO):
            self.logger.setLevel(logging.INFO)
        self.logger.addHandler(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.logger.removeHandler(self)
        self.logger.setLevel(self.level)
        if self.line is not None:
            self.line.__exit__(None, None, None)
        if self.clock.monotonic() >= self.until:  # the create may have been sent again, and be in flight
            self.job.stage = "creating"
