"""``Batch``: run many jobs from Python, resumably; the command line's ``batch`` calls it."""

from __future__ import annotations

import asyncio
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from freepik_kling._client import AsyncFreepik
from freepik_kling._policy import DEFAULT_WAIT_TIMEOUT, Clock, SystemClock
from freepik_kling.batch._files import OutFolder, remove_run_folder
from freepik_kling.batch._jobs import InvalidJobsError, Job, Problem, check_fields, jobs_from_list, read_jobs_file
from freepik_kling.batch._journal import (
    COMPLETED,
    DOWNLOADED,
    FAILED,
    PENDING,
    SENT,
    UNKNOWN,
    JobRow,
    Journal,
    JournalLock,
    Orphan,
)
from freepik_kling.batch._runner import Runner, Settings
from freepik_kling.errors import InvalidInputError

API_TASKS_PER_KEY = 3
"""Tasks in progress the API allows per key; more creates are only answered 429."""
DEFAULT_SETTLE = 10.0


@dataclass(frozen=True)
class BatchResult:
    """What a run left in the journal.

    ``summary`` counts ``done`` (downloaded by this run), ``skipped`` (downloaded before), ``failed``,
    ``unknown`` (a create whose outcome is unknown: see ``orphans``), ``waiting`` (not finished: run again)
    and ``invalid`` (lines skipped with ``skip_invalid``, named in ``problems``). ``orphans`` are tasks the
    API holds that no job of the journal does, with the unknown jobs each may belong to. ``notes`` say
    what the run decided on its own; ``stopped`` why it stopped early, if it did (say, a rejected key).
    """

    jobs: list[JobRow]
    summary: dict[str, int]
    problems: list[Problem]
    orphans: list[Orphan]
    notes: list[str]
    stopped: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "jobs": [row.to_dict() for row in self.jobs],
            "problems": [str(problem) for problem in self.problems],
            "orphans": [orphan.to_dict() for orphan in self.orphans],
            "notes": self.notes,
            "stopped": self.stopped,
        }


@dataclass(frozen=True)
class _LinePlan:
    """What this run does with one line, given what the journal holds for its id."""

    job: Job
    action: Literal["add", "refresh", "requeue", "keep"]
    note: str | None = None

    @property
    def sends(self) -> bool:
        return self.action != "keep"


class Batch:
    """Create a video for each job, follow the tasks, and download the videos to ``out/<job id>.mp4``.

    ```python
    from freepik_kling import Batch

    result = Batch(journal="videos.sqlite", out="videos").run(
        [{"id": "cat", "image": "cat.jpg", "prompt": "A cat moving his head", "duration": 5}]
    )
    print(result.summary)  # {'done': 1, 'skipped': 0, 'failed': 0, 'unknown': 0, 'waiting': 0, 'invalid': 0}
    ```

    A job is a mapping of the model's fields plus ``id`` (a plain file name; derived from the content if
    absent) and ``model`` (default ``kling-v2``); ``run`` also takes the path of a JSON Lines file of them,
    whose relative image paths resolve from its folder (a list's from the current folder). Every job is
    checked before anything is sent: any bad one raises ``InvalidJobsError`` naming each, unless
    ``skip_invalid``. The SQLite ``journal`` records every step; run again with the same journal after any
    crash and nothing is paid twice. Only one run may use a journal at a time.

    ``concurrency`` tasks are kept in progress (at most the API's 3 per key unless
    ``concurrency_over_limit``), API requests are paced to ``rate`` a second, each job has ``timeout`` seconds
    from its first create (for a free slot, its task and its download; past it, the next run resumes it), and
    tasks are polled on an adaptive schedule unless ``poll_interval`` fixes one. A create
    interrupted mid-flight is checked against the API's task list ``settle`` seconds after it was sent;
    ``resubmit_unknown`` sends such jobs again without asking (it may pay twice); ``retry_failed`` sends
    failed jobs again. ``on_note(text)`` hears each decision, ``on_status(states)`` the count of jobs per
    state as it changes. The key and URL default as for ``freepik_kling.AsyncFreepik``; ``clock`` is
    for tests (the simulator's makes every wait instant).
    """

    def __init__(
        self,
        *,
        journal: str | os.PathLike[str],
        out: str | os.PathLike[str],
        api_key: str | None = None,
        base_url: str | None = None,
        concurrency: int = API_TASKS_PER_KEY,
        concurrency_over_limit: bool = False,
        rate: float = 8.0,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float | None = None,
        settle: float = DEFAULT_SETTLE,
        resubmit_unknown: bool = False,
        retry_failed: bool = False,
        skip_invalid: bool = False,
        clock: Clock | None = None,
        on_note: Callable[[str], object] | None = None,
        on_status: Callable[[dict[str, int]], object] | None = None,
    ) -> None:
        _check_count("concurrency", concurrency)
        if concurrency > API_TASKS_PER_KEY and not concurrency_over_limit:
            raise InvalidInputError(
                "concurrency",
                f"at most {API_TASKS_PER_KEY}, the API's limit of tasks in progress per key (more creates are "
                f"only answered 429), got {concurrency}; if your key allows more, set concurrency_over_limit",
            )
        _check_seconds("rate", rate, zero=False)
        _check_seconds("timeout", timeout, zero=False)
        if poll_interval is not None:
            _check_seconds("poll_interval", poll_interval, zero=False)
        _check_seconds("settle", settle, zero=True)
        self.journal = Path(journal)
        self.out = Path(out)
        self.api_key = api_key
        self.base_url = base_url
        self.settings = Settings(concurrency, rate, timeout, poll_interval, settle, resubmit_unknown)
        self.retry_failed = retry_failed
        self.skip_invalid = skip_invalid
        self.clock: Clock = clock or SystemClock()
        self.on_note = on_note
        self.on_status = on_status

    def run(self, jobs: Iterable[Mapping[str, Any]] | str | os.PathLike[str]) -> BatchResult:
        """Run the jobs to the end; see the class.

        Args:
            jobs: A list of mappings, or the path of a JSON Lines file of them.

        Returns:
            What the run left in the journal: each job's state, the summary, problems and orphans.

        Raises:
            InvalidJobsError: A job is bad (unless ``skip_invalid``); nothing was sent.
            InvalidInputError: No jobs, or the journal is in use or unusable.
        """
        return asyncio.run(self.arun(jobs))

    async def arun(self, jobs: Iterable[Mapping[str, Any]] | str | os.PathLike[str]) -> BatchResult:
        """``run``, awaited.

        Args:
            jobs: A list of mappings, or the path of a JSON Lines file of them.

        Returns:
            What the run left in the journal.
        """
        if isinstance(jobs, str | os.PathLike):
            lines, problems = read_jobs_file(Path(jobs))
        else:
            lines, problems = jobs_from_list(jobs)
        if not lines and not problems:
            raise InvalidInputError("jobs", "there are no jobs")
        lock = JournalLock(self.journal)
        lock.acquire()
        try:
            journal = Journal.open(self.journal)
            try:
                return await self._run(journal, lines, problems)
            finally:
                journal.close()
        finally:
            lock.release()

    async def _run(self, journal: Journal, lines: list[Job], problems: list[Problem]) -> BatchResult:
        folder = OutFolder(self.out)
        folder.check()
        rows = {row.id: row for row in journal.rows()}
        plans = [_plan_line(line, rows.get(line.id), self.retry_failed) for line in lines]
        for plan in plans:
            if plan.sends:
                problem = check_fields(plan.job) or _taken(folder, plan.job)
                if problem is not None:
                    problems.append(problem)
        problems.sort(key=lambda problem: problem.line)
        if problems and not self.skip_invalid:
            raise InvalidJobsError(problems)
        notes: list[str] = []

        def note(text: str) -> None:
            notes.append(text)
            if self.on_note is not None:
                self.on_note(text)

        bad = {problem.source for problem in problems}
        valid = [plan for plan in plans if plan.job.source not in bad]
        listed = {plan.job.id for plan in valid}
        done_before = {row.id for row in rows.values() if row.state == DOWNLOADED}
        # Retries are the runner's: it waits between requests, never inside one after a job became "sending".
        # So are the slots: it keeps at most its concurrency in progress itself.
        async with AsyncFreepik(
            api_key=self.api_key, base_url=self.base_url, max_retries=0, clock=self.clock, max_in_progress=None
        ) as client:
            folder.prepare()
            try:
                runner = self._start(journal, client, folder, valid, listed, rows, note)
                await runner.run()
            finally:
                folder.close()
                journal.drop_run(folder.run_folder)
        return _result(journal, listed, done_before, problems, notes, runner.stop.everything or runner.stop.creates)

    def _start(
        self,
        journal: Journal,
        client: AsyncFreepik,
        folder: OutFolder,
        valid: list[_LinePlan],
        listed: set[str],
        rows: dict[str, JobRow],
        note: Callable[[str], object],
    ) -> Runner:
        """Bring the journal up to date with the jobs and with how the last run ended."""
        with journal.transaction():
            for plan in valid:
                _apply(journal, plan, rows.get(plan.job.id))
            recovered = journal.recover()
            self._adopt_placed_videos(journal, folder)
            journal.add_run(folder.run_folder)
        for plan in valid:
            if plan.note:
                note(plan.note)
        if recovered:
            note(f"{recovered} create(s) were in flight when an earlier run stopped: their outcome is unknown")
        queue = [plan.job.id for plan in valid if journal.row(plan.job.id).state == PENDING]
        return Runner(journal, client, folder, self.settings, self.clock, queue, listed, note, self.on_status)

    @staticmethod
    def _adopt_placed_videos(journal: Journal, folder: OutFolder) -> None:
        """A run killed between placing a video and recording it left it in place; runs recorded in the
        journal are dead (this one holds the lock), so their folders go."""
        dead = journal.run_folders()
        for row in journal.rows():
            if row.state == COMPLETED and folder.placed_by(row.id, dead):
                journal.update(row.id, state=DOWNLOADED, output=str(folder.target(row.id)), error=None)
        for run_folder in dead:
            remove_run_folder(run_folder)
            journal.drop_run(run_folder)


def _check_count(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError(name, f"must be a whole number of at least 1, got {value!r}")


def _check_seconds(name: str, value: object, *, zero: bool) -> None:
    valid = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not valid or value < 0 or (value == 0 and not zero):  # type: ignore[operator]
        rule = "a finite number of at least 0" if zero else "a finite number above 0"
        raise InvalidInputError(name, f"must be {rule}, got {value!r}")


def _plan_line(job: Job, row: JobRow | None, retry_failed: bool) -> _LinePlan:
    if row is None:
        return _LinePlan(job, "add")
    changed = row.digest is not None and row.digest != job.digest
    if row.state == PENDING:
        note = f"{job.source}: changed; job {job.id} takes the new content" if changed else None
        return _LinePlan(job, "refresh", note)
    if row.state == FAILED and changed:
        return _LinePlan(job, "requeue", f"{job.source}: changed since job {job.id} failed; sent with the new content")
    if row.state == FAILED and retry_failed:
        return _LinePlan(job, "requeue", f"job {job.id} failed before ({row.error}); sent again as asked")
    if changed and row.state in SENT:
        task = f", task {row.task_id}" if row.task_id else ""
        return _LinePlan(
            job,
            "keep",
            f"{job.source}: changed, but job {job.id} was already sent ({row.state}{task}); the journal keeps "
            "the version sent: give the line a new id to make another video",
        )
    return _LinePlan(job, "keep")


def _taken(folder: OutFolder, job: Job) -> Problem | None:
    target = folder.target(job.id)
    if target.exists() or target.is_symlink():
        return Problem(job.source, "id", f"{target} exists already: move it away or give the job another id", job.line)
    return None


def _apply(journal: Journal, plan: _LinePlan, row: JobRow | None) -> None:
    job = plan.job
    if plan.action == "add":
        journal.add(job)
    elif plan.action == "refresh":
        journal.take_content(job, line=job.line, source=job.source)
    elif plan.action == "requeue":
        journal.take_content(job, line=job.line, source=job.source, state=PENDING, error=None, checked=0)
    else:
        journal.update(job.id, line=job.line, source=job.source, digest=(row.digest if row else None) or job.digest)


def _result(
    journal: Journal,
    listed: set[str],
    done_before: set[str],
    problems: list[Problem],
    notes: list[str],
    stopped: str | None,
) -> BatchResult:
    # Pending jobs no longer in the jobs list are not sent, and not waited for.
    rows = [row for row in journal.rows() if row.state != PENDING or row.id in listed]
    states = Counter(row.state for row in rows)
    summary = {
        "done": states[DOWNLOADED] - len(done_before & {row.id for row in rows}),
        "skipped": len(done_before),
        "failed": states[FAILED],
        "unknown": states[UNKNOWN],
        "waiting": len(rows) - states[DOWNLOADED] - states[FAILED] - states[UNKNOWN],
        "invalid": len(problems),
    }
    return BatchResult(rows, summary, problems, journal.orphans(), notes, stopped)
