"""The scheduler: one loop that creates, polls, fetches and downloads, and the only code that waits.

Every wait (the request pace, a backoff, the next poll) happens here, between requests, and a job becomes
``sending`` only after them, right before its create leaves. Creates go one at a time, so a kill leaves at
most one create in flight, and on resume the API's task list can tell whether it arrived. Tasks are
polled per model with one ``list()`` (it carries every task's status); only finished ones are fetched with
``get()``, for their video URLs. Downloads run beside the loop.

Each job has one deadline (``timeout`` seconds from its first create of this run, or from when this run found
its task in the journal) over its wait for a free slot, its task and its download: every wait is cut to it,
every request but the create is bounded by it, and a job past it keeps its step and task id for the next run.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from freepik_kling._client import AsyncFreepik
from freepik_kling._policy import LAST_POLL, Clock, Deadline
from freepik_kling._task import Task, TaskStatus
from freepik_kling.batch._decide import Backoff, PollPlan, RateGate, judge
from freepik_kling.batch._files import ForeignFileError, OutFolder
from freepik_kling.batch._journal import (
    COMPLETED,
    CREATED,
    DOWNLOADED,
    FAILED,
    PENDING,
    SENDING,
    UNKNOWN,
    Journal,
)
from freepik_kling.errors import FreepikError, InvalidInputError

MAX_SENDS = 8
"""Creates sent for one job without any answer before the batch gives up on it."""
MAX_FETCH_TRIES = 5
DOWNLOADS_AT_ONCE = 4


@dataclass(frozen=True)
class Settings:
    concurrency: int
    rate: float
    timeout: float
    poll_interval: float | None
    settle: float
    resubmit_unknown: bool


@dataclass
class _Flight:
    """A task in progress that this run follows. ``created`` is on the runner's clock; a task found in
    the journal gets the time this run found it, so its age is not known and teaches the plan nothing."""

    job_id: str
    model: str
    task_id: str
    created: float
    age_known: bool
    seen_running_at: float = 0.0


@dataclass
class _Fetch:
    job_id: str
    model: str
    task_id: str
    not_before: float = 0.0
    tries: int = 0


@dataclass
class _Stop:
    """Why the run stops creating (``creates``) or stops altogether (``everything``)."""

    creates: str | None = None
    everything: str | None = None


class Runner:
    def __init__(
        self,
        journal: Journal,
        client: AsyncFreepik,
        folder: OutFolder,
        settings: Settings,
        clock: Clock,
        queue: list[str],
        listed: set[str],
        note: Callable[[str], object],
        on_status: Callable[[dict[str, int]], object] | None = None,
    ) -> None:
        self.journal = journal
        self.client = client
        self.folder = folder
        self.settings = settings
        self.clock = clock
        self.queue = queue  # pending jobs of the current jobs list, in order
        self.listed = listed  # every job of the current list: others in the journal are never sent
        self.note = note
        self.on_status = on_status
        self.stop = _Stop()
        self._flights: dict[str, _Flight] = {}
        self._fetches: list[_Fetch] = []
        self._downloads: set[asyncio.Task[None]] = set()
        self._crash: BaseException | None = None
        self._download_slots = asyncio.Semaphore(DOWNLOADS_AT_ONCE)
        self._gate = RateGate(settings.rate)
        self._plans: dict[str, PollPlan] = {}
        self._next_poll: dict[str, float] = {}
        self._unlistable: set[str] = set()
        self._create_backoff = Backoff()
        self._creates_not_before = 0.0
        self._deadlines: dict[str, Deadline] = {}

    async def run(self) -> None:
        for row in self.journal.rows():
            if row.model not in self.client.models and row.state in (CREATED, COMPLETED):
                self.note(f"job {row.id}: model {row.model!r} is unknown to this version; left as it is")
            elif row.state == CREATED and row.task_id:
                self._follow(row.id, row.model, row.task_id, age_known=False)
            elif row.state == COMPLETED and row.task_id:
                self._fetches.append(_Fetch(row.id, row.model, row.task_id))
        first = True
        while self.stop.everything is None:
            await self._reconcile(resubmit=first and self.settings.resubmit_unknown)
            first = False
            if not (self._sendable() or self._flights or self._fetches):
                break
            await self._drive()

    # -- the loop -------------------------------------------------------------------------------------

    async def _drive(self) -> None:
        try:
            while self.stop.everything is None:
                if self._crash is not None:
                    raise self._crash
                await self._poll_due()
                await self._fetch_due()
                await self._create_due()
                self._report()
                wake = self._next_wake()
                if wake is None:
                    if not self._downloads:
                        return
                    await asyncio.wait(self._downloads, return_when=asyncio.FIRST_COMPLETED)
                    continue
                await self.clock.asleep(max(0.0, wake - self.clock.monotonic()))
        except BaseException:
            self.stop.everything = self.stop.everything or "interrupted"
            raise
        finally:
            if self.stop.everything is not None:
                for download in self._downloads:
                    download.cancel()
            await asyncio.gather(*self._downloads, return_exceptions=True)

    def _sendable(self) -> bool:
        return bool(self.queue) and self.stop.creates is None and self.stop.everything is None

    def _next_wake(self) -> float | None:
        times = [self._next_poll[model] for model in {flight.model for flight in self._flights.values()}]
        times += [fetch.not_before for fetch in self._fetches]
        if self._sendable() and len(self._flights) < self.settings.concurrency:
            times.append(self._creates_not_before)
        return min(times) if times else None

    async def _pace(self) -> None:
        """Wait for this request's turn under ``rate``; every API request goes through here."""
        delay = self._gate.delay(self.clock.monotonic())
        if delay > 0:
            await self.clock.asleep(delay)

    def _report(self) -> None:
        if self.on_status is not None:
            states = Counter(row.state for row in self.journal.rows())
            self.on_status(dict(states))

    # -- creating -------------------------------------------------------------------------------------

    async def _create_due(self) -> None:
        while self._sendable() and len(self._flights) < self.settings.concurrency:
            if self.clock.monotonic() < self._creates_not_before or not await self._create(self.queue[0]):
                return
            self.queue.pop(0)

    async def _create(self, job_id: str) -> bool:
        """Send one job's create; False when it must be tried again later (nothing was created)."""
        row = self.journal.row(job_id)
        if not self._deadline(job_id).left():  # refused until its deadline: nothing was created
            self.stop.creates = f"the API refused every create for {self.settings.timeout:g} s ({row.error})"
            self.journal.update(job_id, error=f"timed out, nothing created: {self.stop.creates}; run again")
            return False
        resource = self.client.model(row.model)
        await self._pace()
        self.journal.update(job_id, state=SENDING, attempts=row.attempts + 1, sent_at=time.time(), checked=0)
        try:
            task = await resource.create(**json.loads(row.params))
        except InvalidInputError as error:  # raised before sending: a local image changed since the check
            self.journal.update(job_id, state=FAILED, error=str(error))
            return True
        except FreepikError as error:
            verdict = judge(error)
            if verdict.kind == "unknown":
                self.journal.update(job_id, state=UNKNOWN, error=str(error), sent_at=time.time())
                self.note(f"job {job_id}: {error}")
                return True
            if verdict.kind == "rejected":
                self.journal.update(job_id, state=FAILED, error=str(error))
                return True
            self.journal.update(job_id, state=PENDING, error=str(error))  # the answer proves nothing was created
            if verdict.kind == "fatal":
                self.stop.everything = str(error)
            else:
                self._creates_not_before = self.clock.monotonic() + min(
                    self._create_backoff.refused(verdict.after), self._deadline(job_id).left()
                )
            return False
        self._create_backoff.succeeded()
        self.journal.update(job_id, state=CREATED, task_id=task.id, error=None)
        self._follow(job_id, row.model, task.id, age_known=True)
        return True

    def _deadline(self, job_id: str) -> Deadline:
        """The job's deadline, started by the first call."""
        return self._deadlines.setdefault(job_id, Deadline(self.clock, self.settings.timeout))

    def _left(self, job_ids: list[str]) -> float:
        """The seconds a request for these jobs may take: to the first deadline, or one last answer's."""
        return max(min(self._deadline(job_id).left() for job_id in job_ids), LAST_POLL)

    def _follow(self, job_id: str, model: str, task_id: str, *, age_known: bool) -> None:
        now = self.clock.monotonic()
        plan = self._plans.setdefault(model, PollPlan(self.settings.poll_interval))
        self._flights[job_id] = _Flight(job_id, model, task_id, now, age_known)
        first = now + min(plan.delay([0.0]), self._deadline(job_id).left()) if age_known else now
        self._next_poll[model] = min(self._next_poll.get(model, first), first)

    # -- polling --------------------------------------------------------------------------------------

    async def _poll_due(self) -> None:
        for model in sorted({flight.model for flight in self._flights.values()}):
            if self._next_poll[model] <= self.clock.monotonic() and self.stop.everything is None:
                await self._poll(model)

    async def _poll(self, model: str) -> None:
        flights = [flight for flight in self._flights.values() if flight.model == model]
        tasks = await self._statuses(model, flights)
        now = self.clock.monotonic()
        for flight in flights:
            task = (tasks or {}).get(flight.task_id)
            if task is not None:
                self._observe(flight, task, now)
            elif flight.job_id in self._flights and not self._deadline(flight.job_id).left():
                self._expire(flight, "no answer about it")
        remaining = [flight for flight in self._flights.values() if flight.model == model]
        if not remaining:
            del self._next_poll[model]
            return
        delay = self._plans[model].delay([now - flight.created for flight in remaining])
        if tasks is None:  # the API could not answer: _statuses planned the next poll
            delay = self._next_poll[model] - now
        until_deadline = min(self._deadline(flight.job_id).left() for flight in remaining)  # a last poll then
        self._next_poll[model] = now + min(delay, max(until_deadline, PollPlan.SHORTEST))

    async def _statuses(self, model: str, flights: list[_Flight]) -> dict[str, Task] | None:
        """The tasks' statuses: one list() for all of them, get() for any it leaves out; None when the
        API could not answer (the next poll is then planned)."""
        resource = self.client.model(model)
        found: dict[str, Task] = {}
        if model not in self._unlistable:
            try:
                await self._pace()
                timeout = self._left([flight.job_id for flight in flights])
                found = {task.id: task for task in await resource.list(timeout=timeout)}
            except FreepikError as error:
                verdict = judge(error)
                if verdict.kind == "fatal":
                    self.stop.everything = str(error)
                    return None
                if verdict.kind != "rejected":  # poll again later; each task's timeout still bounds it
                    after = verdict.after if verdict.after is not None else PollPlan.CAP
                    self._next_poll[model] = self.clock.monotonic() + after
                    return None
                self._unlistable.add(model)
                self.note(f"listing {model} tasks fails ({error}); asking for each task instead")
        for flight in flights:
            if flight.task_id in found or self.stop.everything is not None:
                continue
            try:
                await self._pace()
                found[flight.task_id] = await resource.get(flight.task_id, timeout=self._left([flight.job_id]))
            except FreepikError as error:
                verdict = judge(error)
                if verdict.kind == "rejected":  # e.g. 404: this key does not own the task
                    del self._flights[flight.job_id]
                    self.journal.update(flight.job_id, error=f"task {flight.task_id}: {error}")
                elif verdict.kind == "fatal":
                    self.stop.everything = str(error)
        return found

    def _observe(self, flight: _Flight, task: Task, now: float) -> None:
        age = now - flight.created
        if task.status == TaskStatus.COMPLETED:
            del self._flights[flight.job_id]
            if flight.age_known:
                self._plans[flight.model].learn(flight.seen_running_at, age)
            self.journal.update(flight.job_id, state=COMPLETED, error=None)
            self._fetches.append(_Fetch(flight.job_id, flight.model, flight.task_id))
        elif task.status == TaskStatus.FAILED:
            del self._flights[flight.job_id]
            self.journal.update(flight.job_id, state=FAILED, error=f"task {task.id} ended with status FAILED")
        elif not self._deadline(flight.job_id).left():
            self._expire(flight, f"still {task.status}")
        else:
            flight.seen_running_at = age

    def _expire(self, flight: _Flight, last: str) -> None:
        """Past its deadline: the job keeps its step (created) and its task, for the next run to follow."""
        del self._flights[flight.job_id]
        waited = f"timed out after {self.settings.timeout:g} s (task {flight.task_id}: {last})"
        self.journal.update(flight.job_id, error=f"{waited}: run again to keep waiting")

    # -- fetching and downloading ---------------------------------------------------------------------

    async def _fetch_due(self) -> None:
        """Finished tasks: get() each for fresh video URLs (they are short-lived), then download."""
        for fetch in [fetch for fetch in self._fetches if fetch.not_before <= self.clock.monotonic()]:
            if self.stop.everything is not None:
                return
            self._fetches.remove(fetch)
            try:
                await self._pace()
                task = await self.client.model(fetch.model).get(fetch.task_id, timeout=self._left([fetch.job_id]))
            except FreepikError as error:
                verdict = judge(error)
                if verdict.kind == "fatal":
                    self.stop.everything = str(error)
                elif verdict.kind == "rejected":
                    self.journal.update(fetch.job_id, error=f"task {fetch.task_id}: {error}")
                else:
                    self._retry_fetch(fetch, f"fetching task {fetch.task_id}: {error}", verdict.after)
                continue
            if task.status != TaskStatus.COMPLETED or not task.videos:
                self._retry_fetch(fetch, f"task {task.id} is {task.status} with no video yet", None)
                continue
            self.journal.update(fetch.job_id, video_url=task.videos[0])
            download = asyncio.create_task(self._download(fetch, task))
            self._downloads.add(download)
            download.add_done_callback(self._download_done)

    def _retry_fetch(self, fetch: _Fetch, problem: str, asked: float | None) -> None:
        fetch.tries += 1
        left = self._deadline(fetch.job_id).left()
        if fetch.tries >= MAX_FETCH_TRIES or not left:  # the job stays completed: the next run fetches it
            why = f"gave up after {fetch.tries} tries" if left else f"timed out after {self.settings.timeout:g} s"
            self.journal.update(fetch.job_id, error=f"{problem}; {why}: run again to retry")
            return
        fetch.not_before = self.clock.monotonic() + min(asked if asked is not None else 2.0**fetch.tries, left)
        self._fetches.append(fetch)

    def _download_done(self, download: asyncio.Task[None]) -> None:
        self._downloads.discard(download)
        if not download.cancelled() and download.exception() is not None:
            self._crash = download.exception()  # a journal that cannot be written, say: the loop raises it

    async def _download(self, fetch: _Fetch, task: Task) -> None:
        async with self._download_slots:
            try:
                path = await self.folder.save(self.client, fetch.job_id, task, self._left([fetch.job_id]))
            except FreepikError as error:
                self._retry_fetch(fetch, f"downloading: {error}", None)
                return
            except ForeignFileError as error:
                self.journal.update(fetch.job_id, error=str(error))
                return
            except OSError as error:  # a full disk, say: more tasks would only pay for videos with nowhere to go
                self.journal.update(fetch.job_id, error=f"cannot write the video: {error}")
                self.stop.creates = f"cannot write videos to {self.folder.path}: {error.strerror or error}"
                return
            self.journal.update(fetch.job_id, state=DOWNLOADED, output=str(path), error=None)
            self.folder.discard(fetch.job_id)

    # -- unknown outcomes -----------------------------------------------------------------------------

    async def _reconcile(self, *, resubmit: bool) -> None:
        """Ask the API about ``unknown`` jobs. If a model's list() holds no task this journal does not
        already know, none of its unknown creates made one: they are sent again. Otherwise they stay
        unknown, and the tasks nobody holds are recorded as orphans, for the user to decide."""
        rows = [row for row in self.journal.rows() if row.state == UNKNOWN and (resubmit or not row.checked)]
        if resubmit:
            for row in rows:
                self._send_again(row.id, "sent again, as asked, though its create may have made a task")
            return
        if not rows:
            return
        wait = max(row.sent_at or 0.0 for row in rows) + self.settings.settle - time.time()
        if wait > 0:
            self.note(f"waiting {wait:.0f} s for interrupted creates to settle before asking the API about them")
            await self.clock.asleep(wait)
        for model in sorted({row.model for row in rows}):
            mine = [row for row in rows if row.model == model]
            try:
                await self._pace()
                listed = await self.client.model(model).list()
            except FreepikError as error:
                if judge(error).kind == "fatal":
                    self.stop.everything = str(error)
                    return
                self.note(f"could not ask the API about {len(mine)} unknown {model} job(s) ({error}); run again")
                continue
            known = self.journal.known_task_ids()
            orphans = [task.id for task in listed if task.id not in known]
            if orphans:
                self.journal.add_orphans(model, orphans, [row.id for row in mine])
                for row in mine:
                    self.journal.update(row.id, checked=1)
                self.note(
                    f"{model}: the API holds task(s) no job of this journal holds ({', '.join(orphans)}); "
                    f"job(s) {', '.join(row.id for row in mine)} stay unknown"
                )
                continue
            for row in mine:
                if row.attempts >= MAX_SENDS:
                    self.journal.update(row.id, state=FAILED, error=f"{row.attempts} creates sent, none answered")
                else:
                    self._send_again(row.id, "its create never reached the API (no task it could be): sent again")

    def _send_again(self, job_id: str, why: str) -> None:
        self.journal.update(job_id, state=PENDING, error=None, checked=0)
        self._deadlines.pop(job_id, None)  # a new create: a new deadline
        if job_id in self.listed:
            self.queue.append(job_id)
            self.note(f"job {job_id}: {why}")
