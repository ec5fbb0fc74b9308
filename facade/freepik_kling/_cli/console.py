"""Where the command line's output goes (results on stdout, progress on stderr, decoration only on a
terminal), and the live lines it draws while it waits or downloads.

Light on purpose: every run, ``--help`` included, builds a ``Console``.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from typing import IO, TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from freepik_kling._cli.outcome import Job, Outcome
    from freepik_kling._policy import Clock
    from freepik_kling._task import Task


class Console:
    """Where output goes: results to stdout, progress to stderr, decoration only on a terminal.

    With ``--json`` the results of a run are gathered and printed as one object when it ends, with its exit
    code, whatever the outcome.
    """

    def __init__(self, *, as_json: bool, out: IO[str] | None = None, err: IO[str] | None = None) -> None:
        self.as_json = as_json
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.live = self.err.isatty() and os.environ.get("TERM") != "dumb"
        self.data: dict[str, Any] = {}
        self._line = ""

    def result(self, text: str, data: dict[str, Any]) -> None:
        self.clear()
        if self.as_json:
            self.data.update(data)
        else:
            print(text, file=self.out, flush=True)

    def note(self, text: str) -> None:
        self.clear()
        print(text, file=self.err, flush=True)

    def update(self, text: str) -> None:
        """A line that replaces itself on a terminal; elsewhere only its changes are printed."""
        if self.live:
            self.err.write("\r\033[K" + text)
            self.err.flush()
            self._line = text
        elif text != self._line:
            self._line = text
            print(text, file=self.err, flush=True)

    def clear(self) -> None:
        if self.live and self._line:
            self.err.write("\r\033[K")
            self.err.flush()
        self._line = ""

    def finish(self, code: int) -> None:
        if self.as_json:
            self._print_json({"exit_code": code, **self.data})

    def failed(self, outcome: Outcome, job: Job) -> None:
        if outcome.message:
            self.note(f"error: {outcome.message}")
        for line in outcome.notes:
            self.note(line)
        if self.as_json:
            self._print_json({**self.data, **outcome.json(job)})

    def _print_json(self, data: dict[str, Any]) -> None:
        print(json.dumps(data, indent=2), file=self.out, flush=True)


def _elapsed(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def _size(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:.1f} {unit}" if unit != "B" else f"{int(count)} B"
        count /= 1000
    raise AssertionError("unreachable")


class LiveLine:
    """``<text>  0:42``: redrawn every half second on a terminal, printed on change elsewhere."""

    def __init__(self, console: Console, clock: Clock, text: str) -> None:
        self.console = console
        self.clock = clock
        self.text = text
        self.started = clock.monotonic()
        self._stop = threading.Event()
        self._ticker = threading.Thread(target=self._tick, daemon=True)

    def set(self, text: str) -> None:
        self.text = text
        self.draw()

    def draw(self) -> None:
        self.console.update(f"{self.text}  {_elapsed(self.clock.monotonic() - self.started)}")

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            self.draw()

    def __enter__(self) -> Self:
        self.draw()
        if self.console.live:
            self._ticker.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        if self._ticker.is_alive():
            self._ticker.join()
        self.console.clear()


class StatusLine(LiveLine):
    """``task 1b2c: IN_PROGRESS  0:42`` while waiting."""

    def __init__(self, console: Console, clock: Clock, task: Task | str) -> None:
        self.task_id = task if isinstance(task, str) else task.id
        status = "waiting" if isinstance(task, str) else str(task.status)
        super().__init__(console, clock, f"task {self.task_id}: {status}")

    def on_status(self, task: Task) -> None:
        self.set(f"task {self.task_id}: {task.status}")


class DownloadBar:
    def __init__(self, console: Console) -> None:
        self.console = console
        self.started = time.monotonic()

    def __call__(self, done: int, total: int | None) -> None:
        if not self.console.live:
            return
        rate = done / max(time.monotonic() - self.started, 1e-6)
        if total:
            filled = int(30 * done / total)
            bar = "[" + "#" * filled + "-" * (30 - filled) + "]"
            self.console.update(f"downloading {bar} {_size(done)} / {_size(total)}  {_size(rate)}/s")
        else:
            self.console.update(f"downloading {_size(done)}  {_size(rate)}/s")
