"""The journal: one SQLite row per job, each step committed before the next begins (WAL, synchronous=FULL).

A job moves ``pending -> sending -> created -> completed -> downloaded`` (or ``failed``). ``sending`` is
written right before the create request leaves, after every wait; a run killed then leaves it behind, and the
next run turns it into ``unknown`` and asks the API which of those creates arrived (see ``orphans``).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from freepik_kling.batch._jobs import Job
from freepik_kling.errors import InvalidInputError

PENDING, SENDING, UNKNOWN, CREATED, COMPLETED, DOWNLOADED, FAILED = (
    "pending",
    "sending",
    "unknown",
    "created",
    "completed",
    "downloaded",
    "failed",
)
SENT = (SENDING, UNKNOWN, CREATED, COMPLETED, DOWNLOADED)
"""States of jobs whose create may have reached the API: their content is never replaced."""
LOST_ANSWER = "the create was sent but its answer was lost; it may or may not have created a task"

_APPLICATION_ID = 0x464B4A42  # "FKJB": marks a file as a freepik-kling batch journal
_OLD_COLUMNS = {"id", "line", "model", "params", "state", "task_id", "video_url", "attempts", "error", "output"}
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS jobs (
        id TEXT PRIMARY KEY,
        line INTEGER NOT NULL,
        model TEXT NOT NULL,
        params TEXT NOT NULL,
        state TEXT NOT NULL,
        task_id TEXT,
        video_url TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        output TEXT,
        updated_at REAL NOT NULL
    )""",
    # A task the API listed that no job of this journal holds, with the unknown jobs it may belong to.
    """CREATE TABLE IF NOT EXISTS orphans (
        task_id TEXT PRIMARY KEY,
        model TEXT NOT NULL,
        jobs TEXT NOT NULL,
        found_at REAL NOT NULL
    )""",
    # The folder each run downloads into; a run that is not ours any more (we hold the lock) is dead.
    "CREATE TABLE IF NOT EXISTS runs (folder TEXT PRIMARY KEY, pid INTEGER NOT NULL, started_at REAL NOT NULL)",
)
# Columns added since the first version (whose journals are upgraded in place).
_ADDED = {"source": "TEXT", "digest": "TEXT", "sent_at": "REAL", "checked": "INTEGER NOT NULL DEFAULT 0"}


@dataclass(frozen=True)
class JobRow:
    """A job as the journal holds it. ``params`` are what is sent (JSON, local paths absolute);
    ``sent_at`` is when its last create was sent (Unix time); ``checked`` that its ``unknown`` was
    already compared with the API's task list."""

    id: str
    line: int
    model: str
    params: str
    state: str
    task_id: str | None
    video_url: str | None
    attempts: int
    error: str | None
    output: str | None
    updated_at: float
    source: str | None
    digest: str | None
    sent_at: float | None
    checked: int

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["params"] = json.loads(self.params)
        return data


@dataclass(frozen=True)
class Orphan:
    """A task the API holds that no job of the journal does, and the unknown jobs that may have made it."""

    task_id: str
    model: str
    jobs: list[str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_COLUMNS = ", ".join(field.name for field in fields(JobRow))


class Journal:
    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    @staticmethod
    def check_path(path: Path, *, create: bool = True) -> None:
        """InvalidInputError unless ``path`` is a journal's file, or with ``create`` can become one."""
        try:
            if path.is_dir():
                raise InvalidInputError("journal", f"{path} is a folder; give a file name such as batch.sqlite")
            if not path.parent.is_dir():
                raise InvalidInputError("journal", f"the folder {path.parent} does not exist")
            if path.exists() and not path.is_file():
                raise InvalidInputError("journal", f"{path} is not a regular file")
        except OSError as error:  # a name too long, say
            raise InvalidInputError("journal", f"cannot use {path}: {error.strerror or error}") from None
        if not create and not path.is_file():
            raise InvalidInputError("journal", f"no such journal: {path}")

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Journal:
        """Open (or with ``create``, make) a journal; InvalidInputError for anything that is not one."""
        cls.check_path(path, create=create)
        try:
            db = sqlite3.connect(path, isolation_level=None)
        except sqlite3.Error as error:
            raise InvalidInputError("journal", f"cannot open {path}: {error}") from None
        try:
            cls._prepare(db, path, create)
        except sqlite3.OperationalError as error:  # locked, read-only, a disk error
            db.close()
            raise InvalidInputError("journal", f"cannot use {path}: {error}") from None
        except sqlite3.DatabaseError as error:
            db.close()
            raise InvalidInputError("journal", f"{path} is not a batch journal ({error})") from None
        except InvalidInputError:
            db.close()
            raise
        return cls(db, path)

    @staticmethod
    def _prepare(db: sqlite3.Connection, path: Path, create: bool) -> None:
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = {row[1] for row in db.execute("PRAGMA table_info(jobs)")}
        first_version = application_id == 0 and "jobs" in tables and columns >= _OLD_COLUMNS
        if application_id != _APPLICATION_ID and not first_version and (tables or not create):
            raise InvalidInputError("journal", f"{path} is not a freepik-kling batch journal")
        db.execute("PRAGMA busy_timeout = 5000")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        if application_id == _APPLICATION_ID and columns >= set(_ADDED):
            return
        with _transaction(db):
            for statement in _SCHEMA:
                db.execute(statement)
            present = {row[1] for row in db.execute("PRAGMA table_info(jobs)")}
            for name, kind in _ADDED.items():
                if name not in present:
                    db.execute(f"ALTER TABLE jobs ADD COLUMN {name} {kind}")
            db.execute("UPDATE jobs SET state = ? WHERE state = 'submitting'", [SENDING])  # the first version's name
            db.execute(f"PRAGMA application_id = {_APPLICATION_ID}")

    def close(self) -> None:
        self.db.close()

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """Writes that land together (one sync to disk), or not at all."""
        return _transaction(self.db)

    # -- jobs ---------------------------------------------------------------------------------------

    def rows(self) -> list[JobRow]:
        return [JobRow(*row) for row in self.db.execute(f"SELECT {_COLUMNS} FROM jobs ORDER BY line, id")]  # noqa: S608

    def row(self, job_id: str) -> JobRow:
        found = self.db.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", [job_id]).fetchone()  # noqa: S608
        return JobRow(*found)

    def add(self, job: Job) -> None:
        self.db.execute(
            "INSERT INTO jobs (id, line, model, params, state, updated_at, source, digest) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [job.id, job.line, job.model, _params(job), PENDING, time.time(), job.source, job.digest],
        )

    def take_content(self, job: Job, **fields: Any) -> None:
        """The job's row takes the line's current content (and ``fields``)."""
        self.update(job.id, model=job.model, params=_params(job), digest=job.digest, **fields)

    def update(self, job_id: str, **fields: Any) -> None:
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self.db.execute(
            f"UPDATE jobs SET {assignments}, updated_at = ? WHERE id = ?",  # noqa: S608 - names are ours
            [*fields.values(), time.time(), job_id],
        )

    def recover(self) -> int:
        """A ``sending`` row is a create whose run died before its answer: its outcome is unknown."""
        cursor = self.db.execute(
            "UPDATE jobs SET state = ?, error = ?, checked = 0 WHERE state = ?", [UNKNOWN, LOST_ANSWER, SENDING]
        )
        return cursor.rowcount

    # -- tasks the journal does not hold --------------------------------------------------------------

    def known_task_ids(self) -> set[str]:
        held = {task_id for (task_id,) in self.db.execute("SELECT task_id FROM jobs WHERE task_id IS NOT NULL")}
        return held | {task_id for (task_id,) in self.db.execute("SELECT task_id FROM orphans")}

    def add_orphans(self, model: str, task_ids: list[str], job_ids: list[str]) -> None:
        with self.transaction():
            self.db.executemany(
                "INSERT OR IGNORE INTO orphans (task_id, model, jobs, found_at) VALUES (?, ?, ?, ?)",
                [(task_id, model, json.dumps(job_ids), time.time()) for task_id in task_ids],
            )

    def orphans(self) -> list[Orphan]:
        """The orphan tasks some still-unknown job may own."""
        unknown = {row.id for row in self.rows() if row.state == UNKNOWN}
        found = []
        for task_id, model, jobs in self.db.execute("SELECT task_id, model, jobs FROM orphans ORDER BY found_at"):
            owners = [job for job in json.loads(jobs) if job in unknown]
            if owners:
                found.append(Orphan(task_id, model, owners))
        return found

    # -- run folders ----------------------------------------------------------------------------------

    def run_folders(self) -> list[Path]:
        return [Path(folder) for (folder,) in self.db.execute("SELECT folder FROM runs")]

    def add_run(self, folder: Path) -> None:
        self.db.execute("INSERT INTO runs VALUES (?, ?, ?)", [str(folder), os.getpid(), time.time()])

    def drop_run(self, folder: Path) -> None:
        self.db.execute("DELETE FROM runs WHERE folder = ?", [str(folder)])


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _params(job: Job) -> str:
    return json.dumps(job.resolved_params(), ensure_ascii=False)


class JournalLock:
    """One runner per journal: an exclusive lock on ``<journal>.lock`` that the system releases when the
    process ends, however it ends (kill -9 included). The file stays: deleting it would let two runners
    each lock a different file of the same name."""

    def __init__(self, journal: Path) -> None:
        self.journal = journal
        resolved = journal.resolve()  # two names of one journal (a symlink, say) share one lock
        self.path = resolved.with_name(resolved.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        Journal.check_path(self.journal)  # before the lock file is made beside it
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as error:
            raise InvalidInputError("journal", f"cannot create {self.path}: {error.strerror or error}") from None
        if not _try_lock(fd):
            owner = os.read(fd, 32).decode(errors="replace").strip()
            os.close(fd)
            raise InvalidInputError(
                "journal",
                f"another batch (pid {owner or '?'}) is running on {self.journal}; wait for it to end, "
                "or stop it and run this again",
            )
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
