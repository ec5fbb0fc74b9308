"""The tasks this computer's command line created: id, model, when, where the video goes.

So ``status``, ``wait`` and ``download`` know a task's model without ``--model``, and ``list`` shows
recent tasks across models. One small SQLite file in the user's cache directory (``$FREEPIK_KLING_CACHE_DIR``
overrides it): every write is one transaction, so concurrent commands neither lose nor tear entries, and a
crash leaves the file as it was before or after. It is a convenience: when it cannot be read or written,
commands say so and go on.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import attrs

CACHE_DIR_ENV = "FREEPIK_KLING_CACHE_DIR"
KEEP = 1000  # the newest entries kept; older ones are of no use to a resume hint
UNKNOWN = "unknown-"
"""How the id of a create whose answer was lost or unreadable begins: it may have made a task, id unknown."""
_SCHEMA = """
CREATE TABLE IF NOT EXISTS tasks (
    task_id TEXT NOT NULL,
    api TEXT NOT NULL,
    model TEXT NOT NULL,
    created_at REAL NOT NULL,
    output TEXT,
    PRIMARY KEY (task_id, api)
)
"""


def cache_dir() -> Path:
    """The platform's per-user cache folder for freepik-kling, unless ``$FREEPIK_KLING_CACHE_DIR`` names one."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return (Path(local) if local else Path.home() / "AppData" / "Local") / "freepik-kling" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "freepik-kling"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "freepik-kling"


@attrs.frozen
class Remembered:
    task_id: str
    model: str
    created_at: float  # seconds since the epoch
    output: str | None  # absolute path of the file or folder the video was meant for


class TaskHistory:
    """Tasks by API address (a simulator's ids mean nothing to the real API), newest first.

    Methods raise ``sqlite3.Error`` or ``OSError`` when the file is unusable; callers decide how loudly.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "tasks.sqlite3"

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        db = sqlite3.connect(self.path, timeout=10.0)  # waits out another command's write
        try:
            with db:
                db.execute(_SCHEMA)
                yield db
        finally:
            db.close()

    def remember(self, api: str, task_id: str, model: str, output: str | None) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO tasks (task_id, api, model, created_at, output) VALUES (?, ?, ?, ?, ?)",
                (task_id, api, model, time.time(), output),
            )
            db.execute(
                "DELETE FROM tasks WHERE rowid NOT IN (SELECT rowid FROM tasks ORDER BY created_at DESC LIMIT ?)",
                (KEEP,),
            )

    def set_output(self, api: str, task_id: str, output: str) -> None:
        """Where the task's video was saved; a task created elsewhere is left out of the history."""
        with self._db() as db:
            db.execute("UPDATE tasks SET output = ? WHERE api = ? AND task_id = ?", (output, api, task_id))

    def find(self, api: str, task_id: str) -> Remembered | None:
        with self._db() as db:
            row = db.execute(
                "SELECT task_id, model, created_at, output FROM tasks WHERE api = ? AND task_id = ?", (api, task_id)
            ).fetchone()
        return Remembered(*row) if row else None

    def recent(self, api: str, limit: int) -> list[Remembered]:
        with self._db() as db:
            rows = db.execute(
                "SELECT task_id, model, created_at, output FROM tasks WHERE api = ? ORDER BY created_at DESC LIMIT ?",
                (api, limit),
            ).fetchall()
        return [Remembered(*row) for row in rows]
