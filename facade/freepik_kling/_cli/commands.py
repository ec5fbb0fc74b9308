"""The commands that talk to the API: ``animate``, ``status``, ``wait``, ``download`` and ``list``.

``main.py`` imports this module only when one of them runs, so that building the parser (``--help``,
``models``) loads no HTTP client.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import sqlite3
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from freepik_kling._catalog import DEFAULT_MODEL, models
from freepik_kling._cli import checks
from freepik_kling._cli.console import Console, DownloadBar, StatusLine
from freepik_kling._cli.fields import ModelOptions
from freepik_kling._cli.history import UNKNOWN, Remembered, TaskHistory
from freepik_kling._cli.outcome import EXIT_OK, DeadlineError, Job, NoFreeSlotError, TaskNotReadyError
from freepik_kling._cli.slots import SlotWatch
from freepik_kling._client import Freepik, _base_url
from freepik_kling._inputs import build_request
from freepik_kling._policy import DEFAULT_WAIT_TIMEOUT, LAST_POLL, Clock, Deadline, SystemClock, slots_full
from freepik_kling._task import Task, TaskStatus
from freepik_kling.errors import (
    APIConnectionError,
    APIStatusError,
    FreepikError,
    InvalidInputError,
    MissingAPIKeyError,
    RateLimitError,
    TaskFailedError,
)

if TYPE_CHECKING:
    from freepik_api.typed import ModelResource

MIN_WAIT = 1.0  # seconds
STATUS_TIMEOUT = 30.0  # seconds a status command waits for its answer by default
SANDBOX_NOTE = (
    "sandbox: a simulated API in this process (no key, no network, no cost). Time is simulated: a task's "
    "minutes pass in an instant, and the video is a generated test pattern."
)
SANDBOX_SERVER = (
    "run `freepik-kling sandbox` in another terminal, export the two lines it prints, and run this "
    "command without --sandbox: that simulator keeps its tasks until it stops"
)


def _timeout(args: argparse.Namespace, default: float = DEFAULT_WAIT_TIMEOUT) -> float:
    """``--timeout``, else the command's default (the library's default wait)."""
    return default if args.timeout is None else float(args.timeout)


@contextlib.contextmanager
def _within(deadline: Deadline, failed: str) -> Iterator[None]:
    """A request that could not succeed by the command's deadline is its timeout (exit 5): ``failed`` says what
    was not done, and the request's last error why."""
    try:
        yield
    except (APIStatusError, APIConnectionError) as error:
        if deadline.left() or not error.retryable:
            raise
        raise DeadlineError(f"{failed} within {deadline.timeout:g} s (--timeout): {error}") from error


def task_json(task: Task, **extra: Any) -> dict[str, Any]:
    return {"task_id": task.id, "model": task.model, "status": str(task.status), "videos": task.videos, **extra}


def _status_text(task: Task) -> str:
    return f"{task.id}  {task.status}" + "".join(f"\n{url}" for url in task.videos)


@contextlib.contextmanager
def open_client(args: argparse.Namespace, console: Console, job: Job) -> Iterator[tuple[Freepik, Clock]]:
    """A client for the real API, or with ``--sandbox`` for a simulator started in this process."""
    if args.sandbox and (args.command in ("status", "wait", "download", "list") or getattr(args, "no_wait", False)):
        # That simulator ends with this command: a task id from another command, or for one, means nothing there.
        why = "a --no-wait task would end with it" if args.command == "animate" else "no earlier task is there"
        raise InvalidInputError("--sandbox", f"starts a simulator for this command only, so {why}; {SANDBOX_SERVER}")
    if not args.sandbox:
        checks.check_api_address(args.base_url)
        checks.check_api_key()
        clock = SystemClock()
        with Freepik(base_url=args.base_url, clock=clock) as client:
            yield client, clock
        return
    try:
        from freepik_kling.testing import FreepikServer
    except ImportError:
        raise InvalidInputError("--sandbox", 'needs the simulator: pip install "freepik-kling[testing]"') from None
    console.note(SANDBOX_NOTE)
    with FreepikServer() as server, server.client() as client:
        yield client, server.clock


# -- the task history ------------------------------------------------------------------------------


def _remember(client: Freepik, job: Job, output: str, console: Console, task_id: str | None = None) -> None:
    task_id = task_id or job.task_id
    if job.sandbox or task_id is None or job.model is None:
        return
    history = TaskHistory()
    try:
        history.remember(client.base_url, task_id, job.model, str(Path(output).absolute()))
    except (OSError, sqlite3.Error) as error:
        console.note(f"note: task {task_id} could not be added to the task history {history.path}: {error}")


def _record_output(client: Freepik, job: Job, path: Path, console: Console) -> None:
    """The file the video went to, in place of the folder or file the task was created for."""
    if job.sandbox or job.task_id is None:
        return
    history = TaskHistory()
    try:
        history.set_output(client.base_url, job.task_id, str(path.absolute()))
    except (OSError, sqlite3.Error) as error:
        console.note(f"note: the task history {history.path} could not record where {job.task_id} went: {error}")


def _choose_model(args: argparse.Namespace, client: Freepik, job: Job, console: Console) -> ModelResource:
    """``--model``, else the model this computer created the task with, else the default."""
    slug, job.model_source = args.model, "option"
    if slug is None and not job.sandbox:
        history = TaskHistory()
        try:
            remembered = history.find(client.base_url, args.task_id)
        except (OSError, sqlite3.Error) as error:
            console.note(f"note: the task history {history.path} could not be read: {error}")
            remembered = None
        if remembered is not None:
            slug, job.model_source = remembered.model, "memory"
    if slug is None:
        slug, job.model_source = DEFAULT_MODEL, "default"
    job.model = slug
    return client.model(slug)


def _as_remembered(task: Task, job: Job) -> Task:
    """A task read from a route several models share is labelled with the family; this computer's history
    knows which model created it."""
    return attrs.evolve(task, model=job.model) if job.model_source == "memory" and job.model else task


# -- commands -------------------------------------------------------------------------------------


def cmd_animate(args: argparse.Namespace, console: Console, job: Job) -> int:
    options: ModelOptions = args.options
    dest = args.output or "."
    job.model, job.options, job.resumable = options.spec.slug, options, True
    job.output, job.overwrite = args.output or "", args.overwrite
    job.timeout = limit = _timeout(args)
    params = options.params(args, args.image)
    build_request(options.spec, params)  # every field, local images included, before anything is sent
    checks.check_output(dest, None, overwrite=args.overwrite)
    with open_client(args, console, job) as (client, clock):
        model = client.model(options.spec.slug)
        deadline = Deadline(clock, limit)
        try:
            task = _create_in_free_slot(model, params, deadline, console, job)
        except FreepikError as error:
            if getattr(error, "outcome_unknown", False):  # a task may exist: list shows it as unknown
                _remember(client, job, dest, console, f"{UNKNOWN}{uuid.uuid4().hex[:12]}")
            raise
        job.task_id, job.status, job.created, job.stage = task.id, str(task.status), True, "waiting"
        console.note(f"created task {task.id} ({model.slug})")
        _remember(client, job, dest, console)
        if args.no_wait:
            finish = job.finish_command()
            console.note(f"finish it with: {finish}")
            console.result(task.id, task_json(task, finish=finish))
            return EXIT_OK
        # However long the slot took, a task that exists gets at least one poll before a timeout is reported.
        timeout = max(deadline.left(), MIN_WAIT)
        done = _wait(model, task, timeout, args.poll_interval, console, clock, job)
        path = _download(client, done, dest, args.overwrite, console, job, deadline)
        console.result(str(path), task_json(done, path=str(path)))
    return EXIT_OK


def _create_in_free_slot(
    model: ModelResource, params: dict[str, Any], deadline: Deadline, console: Console, job: Job
) -> Task:
    """Create the task; while the key's slots are all taken (a 429 about tasks in progress), the library sends
    it again when one may have freed, within the deadline, and the live line says so."""
    job.stage = "creating"
    try:
        with SlotWatch(console, deadline.clock, job):
            return model.create(**params, timeout=deadline.timeout)  # the command's deadline, started with it
    except RateLimitError as error:
        if not slots_full(error):
            raise
        raise NoFreeSlotError(deadline.timeout, error.message) from None


def _wait(
    model: ModelResource,
    task: Task | str,
    timeout: float,
    poll_interval: float | None,
    console: Console,
    clock: Clock,
    job: Job,
) -> Task:
    job.stage = "waiting"
    with StatusLine(console, clock, task) as line:

        def on_status(changed: Task) -> None:
            job.status = str(changed.status)
            line.on_status(changed)

        done = model.wait(task, timeout=timeout, on_status=on_status, poll_interval=poll_interval)
    job.status = str(done.status)
    return done


def _download(
    client: Freepik, task: Task, dest: str, overwrite: bool, console: Console, job: Job, deadline: Deadline
) -> Path:
    job.stage = "downloading"
    checks.check_output(dest, f"{task.id}.mp4", overwrite=overwrite)  # again: minutes may have passed
    with _within(deadline, f"the video of task {task.id} was not downloaded"):
        timeout = max(deadline.left(), LAST_POLL)  # a task seen done at the deadline gets one last try
        path = client.download(task, dest, overwrite=overwrite, on_progress=DownloadBar(console), timeout=timeout)
    _record_output(client, job, path, console)
    return path


def cmd_status(args: argparse.Namespace, console: Console, job: Job) -> int:
    job.task_id = args.task_id
    with open_client(args, console, job) as (client, clock):
        model = _choose_model(args, client, job, console)
        job.stage = "reading"
        deadline = Deadline(clock, _timeout(args, STATUS_TIMEOUT))
        with _within(deadline, f"no answer about task {args.task_id}"):
            task = _as_remembered(model.get(args.task_id, timeout=deadline.timeout), job)
        job.status = str(task.status)
        console.result(_status_text(task), task_json(task))
    return EXIT_OK


def cmd_wait(args: argparse.Namespace, console: Console, job: Job) -> int:
    job.task_id, job.resumable, job.output, job.overwrite = args.task_id, True, args.output, args.overwrite
    job.timeout = limit = _timeout(args)
    if args.output is not None:
        checks.check_output(args.output, f"{args.task_id}.mp4", overwrite=args.overwrite)
    with open_client(args, console, job) as (client, clock):
        model = _choose_model(args, client, job, console)
        deadline = Deadline(clock, limit)
        done = _as_remembered(_wait(model, args.task_id, limit, args.poll_interval, console, clock, job), job)
        if args.output is None:
            console.result(_status_text(done), task_json(done))
            return EXIT_OK
        path = _download(client, done, args.output, args.overwrite, console, job, deadline)
        console.result(str(path), task_json(done, path=str(path)))
    return EXIT_OK


def cmd_download(args: argparse.Namespace, console: Console, job: Job) -> int:
    job.task_id, job.resumable, job.output, job.overwrite = args.task_id, True, args.output or "", args.overwrite
    dest = args.output or "."
    checks.check_output(dest, f"{args.task_id}.mp4", overwrite=args.overwrite)
    with open_client(args, console, job) as (client, clock):
        model = _choose_model(args, client, job, console)
        job.stage = "reading"
        deadline = Deadline(clock, _timeout(args))
        with _within(deadline, f"no answer about task {args.task_id}"):
            task = _as_remembered(model.get(args.task_id, timeout=deadline.timeout), job)
        job.status = str(task.status)
        if task.status == TaskStatus.FAILED:
            raise TaskFailedError(task)
        if task.status != TaskStatus.COMPLETED:
            raise TaskNotReadyError(task.id, str(task.status))
        path = _download(client, task, dest, args.overwrite, console, job, deadline)
        console.result(str(path), task_json(task, path=str(path)))
    return EXIT_OK


def cmd_list(args: argparse.Namespace, console: Console, job: Job) -> int:
    if args.model is None:
        _list_remembered(args, console, job)
        return EXIT_OK
    with open_client(args, console, job) as (client, _):
        job.stage = "reading"
        job.model = args.model
        tasks = client.model(args.model).list()
        width = max([len(task.id) for task in tasks] + [7])
        rows = [f"{'TASK ID':<{width}}  STATUS"] + [f"{task.id:<{width}}  {task.status}" for task in tasks]
        console.result("\n".join(rows) if tasks else "no tasks", {"tasks": [task_json(t) for t in tasks]})
    return EXIT_OK


def _list_remembered(args: argparse.Namespace, console: Console, job: Job) -> None:
    """The tasks this computer created, newest first, with their status from one list call per model: the
    rows need no key and no network, so without them the statuses are said to be not refreshed."""
    history = TaskHistory()
    statuses: dict[str, Task] | None = None
    try:
        with open_client(args, console, job) as (client, _):
            job.stage = "reading"
            remembered = _recent(history, client.base_url, args.limit, console)
            statuses = _refreshed(client, remembered, console)
    except MissingAPIKeyError:
        console.note("note: statuses not refreshed: no API key (set FREEPIK_API_KEY to see them)")
        remembered = _recent(history, _base_url(args.base_url), args.limit, console)
    status = {entry.task_id: _status_of(entry.task_id, statuses) for entry in remembered}
    status.update((entry.task_id, "unknown") for entry in remembered if entry.task_id.startswith(UNKNOWN))
    if not remembered:
        text = f"no tasks in this computer's task history ({history.path}); a model's tasks: list --model M"
    else:
        width = max(len(entry.task_id) for entry in remembered)
        slug_width = max(len(entry.model) for entry in remembered)
        lines = [f"{'TASK ID':<{width}}  {'MODEL':<{slug_width}}  {'CREATED':<16}  {'STATUS':<13}  OUTPUT"]
        for entry in remembered:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.created_at))
            lines.append(
                f"{entry.task_id:<{width}}  {entry.model:<{slug_width}}  {when:<16}  "
                f"{status[entry.task_id]:<13}  {entry.output or ''}"
            )
        text = "\n".join(lines)
    data = [
        {
            "task_id": entry.task_id,
            "model": entry.model,
            "created_at": datetime.datetime.fromtimestamp(entry.created_at, datetime.UTC).isoformat(),
            "status": status[entry.task_id],
            "output": entry.output,
        }
        for entry in remembered
    ]
    console.result(text, {"tasks": data})


def _recent(history: TaskHistory, api: str, limit: int, console: Console) -> list[Remembered]:
    try:
        return history.recent(api, limit)
    except (OSError, sqlite3.Error) as error:
        console.note(f"note: the task history {history.path} could not be read: {error}")
        return []


def _refreshed(client: Freepik, remembered: list[Remembered], console: Console) -> dict[str, Task] | None:
    """The remembered tasks' current state, from one list call per model; None when the API cannot say now."""
    statuses: dict[str, Task] = {}
    try:
        for slug in dict.fromkeys(entry.model for entry in remembered if entry.model in models()):
            statuses.update((task.id, task) for task in client.model(slug).list())
    except (APIStatusError, APIConnectionError) as error:
        if not error.retryable:  # a rejected key is for the user to fix, not to read past
            raise
        console.note(f"note: statuses not refreshed: {error}")
        return None
    return statuses


def _status_of(task_id: str, statuses: dict[str, Task] | None) -> str:
    if statuses is None:
        return "not refreshed"
    return str(statuses[task_id].status) if task_id in statuses else "not listed"
