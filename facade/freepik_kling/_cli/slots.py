"""Waiting for a free slot. The API runs at most 3 tasks in progress per key and answers a create beyond
that with a 429: a queue, not an error. The create is sent again when a slot may have freed, until the
command's deadline; a 429 that is not about tasks in progress stays an error. The rule (which 429 is a
queue, when to ask again, the deadline) is the library's, in ``_policy.py``: here it only becomes the
command's error. The command sleeps and sends, as the clients carry out their flows (``_client.py``).
"""

from __future__ import annotations

from freepik_kling._cli.outcome import NoFreeSlotError
from freepik_kling._policy import Deadline, retry_after, slots_full
from freepik_kling.errors import RateLimitError

__all__ = ["Deadline", "SlotWait", "slots_full"]


class SlotWait:
    """When to send a create again after a "too many tasks in progress" 429: the server's Retry-After,
    else the poll schedule (2 s growing to 15-20 s); NoFreeSlotError once the deadline has passed."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline

    def next_delay(self, error: RateLimitError) -> float:
        if not self.deadline.left():
            raise NoFreeSlotError(self.deadline.timeout, error.message)
        return self.deadline.slot_delay(retry_after(error.headers))
