"""``freepik-kling batch``: many jobs from a JSON Lines file, with a SQLite journal that survives kill -9.

Each job moves ``pending -> submitting -> created -> completed -> downloaded`` (or ``failed``), and every
step is committed before the next begins. So after a kill at any moment, rerunning the same command:

- never creates a job again once its create response was received (its task id is in the journal);
- marks a job ``unknown`` when its create was sent but the answer was lost (a ``submitting`` row), and
  leaves it alone unless ``--resubmit-unknown``: a second create would be paid twice;
- downloads each finished video exactly once (downloads land by atomic rename; a file already in place
  is the finished download of a run killed before it could commit).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from freepik_kling import _download
from freepik_kling._client import AsyncFreepik
from freepik_kling._http import DefaultAsyncHttpxClient as AsyncHTTPClient
from freepik_kling.errors import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    FreepikError,
    InvalidInputError,
    RateLimitError,
    ServiceUnavailableError,
    TaskFailedError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from freepik_kling.cli import Console

DEFAULT_MODEL = "kling-v2"
MAX_SUBMIT_ATTEMPTS = 8
MAX_RETRIES = 5  # per request; a batch can afford to be patient, and every retry here is a safe one
_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
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
)
"""


@dataclass(frozen=True)
class Job:
    id: str
    line: int
    model: str
    params: dict[str, Any]


def read_jobs(path: Path) -> list[Job]:
    """Parse the jobs file; any bad line is an error naming it, before anything is sent."""
    jobs: dict[str, Job] = {}
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            entry = json.loads(text)
        except ValueError as error:
            raise InvalidInputError(f"{path}:{number}", f"not a JSON object: {error}") from None
        if not isinstance(entry, dict):
            raise InvalidInputError(f"{path}:{number}", "not a JSON object")
        params = {key: value for key, value in entry.items() if key not in ("id", "model")}
        job_id = str(entry.get("id") or _derived_id(entry))
        job = Job(job_id, number, str(entry.get("model", DEFAULT_MODEL)), params)
        if job_id in jobs and (jobs[job_id].model, jobs[job_id].params) != (job.model, job.params):
            raise InvalidInputError(f"{path}:{number}", f"id {job_id!r} is used by line {jobs[job_id].line} too")
        jobs.setdefault(job_id, job)
    return list(jobs.values())


def _derived_id(entry: dict[str, Any]) -> str:
    canonical = json.dumps({k: v for k, v in entry.items() if k != "id"}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


class Journal:
    """One row per job; every write is its own committed transaction (WAL, synchronous=FULL)."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute(_SCHEMA)

    def add(self, jobs: list[Job]) -> None:
        with self.db:
            self.db.executemany(
                "INSERT OR IGNORE INTO jobs (id, line, model, params, state, updated_at) "
                "VALUES (?, ?, ?, ?, 'pending', ?)",
                [(job.id, job.line, job.model, json.dumps(job.params), time.time()) for job in jobs],
            )

    def set(self, job_id: str, **fields: Any) -> None:
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self.db.execute(
            f"UPDATE jobs SET {assignments}, updated_at = ? WHERE id = ?",  # noqa: S608 - names are ours
            [*fields.values(), time.time(), job_id],
        )

    def rows(self) -> list[sqlite3.Row]:
        return list(self.db.execute("SELECT * FROM jobs ORDER BY line"))

    def recover(self, resubmit_unknown: bool) -> None:
        """A ``submitting`` row is a create whose answer was lost: its outcome is unknown."""
        self.db.execute(
            "UPDATE jobs SET state = 'unknown', error = ? WHERE state = 'submitting'",
            ["the create was sent but its answer was lost (interrupted); it may or may not exist"],
        )
        if resubmit_unknown:
            self.db.execute("UPDATE jobs SET state = 'pending', error = NULL WHERE state = 'unknown'")

    def close(self) -> None:
        self.db.close()


class RateLimiter:
    """At most ``rate`` requests a second, on average, for every request the client sends."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next_slot = 0.0
        self.lock = asyncio.Lock()

    async def __call__(self, request: httpx.Request) -> None:
        async with self.lock:
            now = time.monotonic()
            wait = self.next_slot - now
            self.next_slot = max(now, self.next_slot) + self.interval
        if wait > 0:
            await asyncio.sleep(wait)


class Runner:
    def __init__(self, journal: Journal, client: AsyncFreepik, args: argparse.Namespace, console: Console) -> None:
        self.journal = journal
        self.client = client
        self.out = Path(args.out)
        self.timeout: float = args.timeout
        self.poll_interval: float | None = args.poll_interval
        self.slots = asyncio.Semaphore(max(1, args.concurrency))
        self.console = console
        self.fatal: FreepikError | None = None

    async def run(self) -> None:
        rows = [row for row in self.journal.rows() if row["state"] in ("pending", "created", "completed")]
        rows.sort(key=lambda row: row["state"] == "pending")  # tasks already on the server first
        await asyncio.gather(*(self.process(row) for row in rows))

    async def process(self, row: sqlite3.Row) -> None:
        job_id, state, task_id = row["id"], row["state"], row["task_id"]
        try:
            if state in ("pending", "created"):
                async with self.slots:  # a slot is a task in progress on the server (the API allows 3)
                    if self.fatal is not None:
                        return
                    if state == "pending":
                        task_id = await self.submit(row)
                    if task_id is None:
                        return
                    video = await self.follow(job_id, row["model"], task_id)
                if video is None:
                    return
                state = "completed"
            if state == "completed":
                await self.fetch(job_id, row["model"], task_id)
        except InvalidInputError as error:
            self.journal.set(job_id, state="failed", error=str(error))
        except FreepikError as error:
            # One job's trouble (a status call still rate limited after every retry, say) must not end the
            # batch: its state stays as it is, so the next run picks it up where it stopped.
            self.journal.set(job_id, error=str(error))

    async def submit(self, row: sqlite3.Row) -> str | None:
        job_id, attempts = row["id"], row["attempts"]
        params = json.loads(row["params"])
        model = self.client.model(row["model"])
        while True:
            attempts += 1
            self.journal.set(job_id, state="submitting", attempts=attempts)
            try:
                task = await model.create(**params)
            except (RateLimitError, ServiceUnavailableError) as error:
                # The API said no: nothing was created. Back off and try again, within reason.
                self.journal.set(job_id, state="pending", error=str(error))
                if attempts >= MAX_SUBMIT_ATTEMPTS:
                    self.journal.set(job_id, state="failed", error=f"gave up after {attempts} attempts: {error}")
                    return None
                await asyncio.sleep(min(30.0, 2.0**attempts))
                continue
            except InvalidInputError as error:
                self.journal.set(job_id, state="failed", error=str(error))
                return None
            except (APIStatusError, APIConnectionError) as error:
                unknown = getattr(error, "outcome_unknown", False)
                if isinstance(error, AuthenticationError):
                    self.fatal = error
                    self.journal.set(job_id, state="pending", error=str(error))
                elif unknown:
                    self.journal.set(job_id, state="unknown", error=str(error))
                elif isinstance(error, APIConnectionError):  # never reached the API: safe to retry later
                    self.journal.set(job_id, state="pending", error=str(error))
                else:
                    self.journal.set(job_id, state="failed", error=str(error))
                return None
            self.journal.set(job_id, state="created", task_id=task.id, error=None)
            return task.id

    async def follow(self, job_id: str, slug: str, task_id: str) -> str | None:
        try:
            task = await self.client.model(slug).wait(task_id, timeout=self.timeout, poll_interval=self.poll_interval)
        except TaskFailedError as error:
            self.journal.set(job_id, state="failed", error=str(error))
            return None
        except WaitTimeoutError as error:
            self.journal.set(job_id, error=f"still {error.task.status}: rerun to keep waiting")
            return None
        except APIStatusError as error:
            self.journal.set(job_id, error=str(error))
            return None
        self.journal.set(job_id, state="completed", video_url=task.videos[0] if task.videos else None)
        return task.videos[0] if task.videos else None

    async def fetch(self, job_id: str, slug: str, task_id: str) -> None:
        target = self.out / f"{job_id}.mp4"
        _download.remove_stale_parts(target)  # left by a run killed mid-download
        if not target.exists():
            # The URLs are short-lived: take fresh ones rather than the journal's.
            task = await self.client.model(slug).get(task_id)
            await self.client.download(task, target, fsync=True)  # "downloaded" must survive a power loss
        self.journal.set(job_id, state="downloaded", output=str(target), error=None)


def summary(rows: list[sqlite3.Row], already_done: set[str]) -> dict[str, int]:
    states = Counter(row["state"] for row in rows)
    done = states["downloaded"] - len(already_done)
    waiting = states["created"] + states["completed"] + states["pending"] + states["submitting"]
    return {
        "done": done,
        "skipped": len(already_done),
        "failed": states["failed"],
        "unknown": states["unknown"],
        "waiting": waiting,
    }


def _table(rows: list[sqlite3.Row]) -> Iterator[str]:
    for row in rows:
        if row["state"] in ("failed", "unknown") or row["error"]:
            yield f"  {row['id']:<18} {row['state']:<10} {row['error'] or ''}"


def run_batch(args: argparse.Namespace, console: Console) -> int:
    from freepik_kling.cli import EXIT_API, EXIT_FAILED, EXIT_OK, EXIT_TIMEOUT

    jobs = read_jobs(Path(args.jobs))
    Path(args.out).mkdir(parents=True, exist_ok=True)
    journal = Journal(Path(args.journal))
    try:
        journal.add(jobs)
        journal.recover(args.resubmit_unknown)
        already_done = {row["id"] for row in journal.rows() if row["state"] == "downloaded"}
        fatal = asyncio.run(_run(journal, args, console))
        rows = journal.rows()
    finally:
        journal.close()
    counts = summary(rows, already_done)
    text = "\n".join(
        [
            "  ".join(f"{name} {count}" for name, count in counts.items()),
            *_table(rows),
        ]
    )
    console.result(text, {"summary": counts, "jobs": [dict(row) for row in rows]})
    if fatal is not None:
        console.note(f"error: {fatal}")
        return EXIT_API
    if counts["failed"] or counts["unknown"]:
        return EXIT_FAILED
    return EXIT_TIMEOUT if counts["waiting"] else EXIT_OK


async def _run(journal: Journal, args: argparse.Namespace, console: Console) -> FreepikError | None:
    limiter = RateLimiter(args.rate)
    http = AsyncHTTPClient(event_hooks={"request": [limiter]})
    if args.sandbox:
        from freepik_kling.testing import FreepikServer

        with FreepikServer() as server:
            async with server.async_client(http_client=http, max_retries=MAX_RETRIES) as client:
                runner = Runner(journal, client, args, console)
                await runner.run()
    else:
        async with AsyncFreepik(base_url=args.base_url, http_client=http, max_retries=MAX_RETRIES) as client:
            runner = Runner(journal, client, args, console)
            await runner.run()
    await http.aclose()
    return runner.fatal


def show_status(args: argparse.Namespace, console: Console) -> int:
    from freepik_kling.cli import EXIT_INPUT, EXIT_OK

    path = Path(args.journal)
    if not path.is_file():
        raise InvalidInputError("JOURNAL", f"no such journal: {path}")
    journal = Journal(path)
    try:
        rows = journal.rows()
    finally:
        journal.close()
    states = Counter(row["state"] for row in rows)
    text = "\n".join(["  ".join(f"{state} {count}" for state, count in sorted(states.items())), *_table(rows)])
    console.result(text, {"states": dict(states), "jobs": [dict(row) for row in rows]})
    return EXIT_OK if rows else EXIT_INPUT
