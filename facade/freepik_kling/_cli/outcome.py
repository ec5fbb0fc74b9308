"""How a command ended, in the command line's terms: an exit code, a message, and the way to finish a task.

Once a task exists, no outcome loses it: every error after the create names the task, its model and the
exact command that finishes the job. Messages name options and environment variables, not Python
arguments.
"""

from __future__ import annotations

import shlex
from typing import Any

import attrs

from freepik_kling._cli.fields import ModelOptions
from freepik_kling.errors import (
    APIStatusError,
    AuthenticationError,
    FreepikError,
    InvalidInputError,
    MissingAPIKeyError,
    NotFoundError,
    TaskFailedError,
    WaitTimeoutError,
)

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_INPUT = 2
EXIT_API = 3
EXIT_FAILED = 4
EXIT_TIMEOUT = 5
EXIT_OUTPUT = 6
EXIT_INTERRUPTED = 130
EXIT_CLOSED = 141  # 128 + SIGPIPE, as a Unix tool whose reader ended exits

KEY_PAGE = "https://www.freepik.com/developers/dashboard/api-key"


class UsageError(Exception):
    """The arguments do not parse (argparse's complaint, raised instead of exiting)."""

    def __init__(self, message: str, command: str) -> None:
        super().__init__(message)
        self.command = command


class NoFreeSlotError(Exception):
    """Every slot (tasks in progress per key) stayed taken until the command's deadline."""

    def __init__(self, timeout: float, message: str) -> None:
        super().__init__(f"no free slot within {timeout:g} s ({message}); nothing was created")


class DeadlineError(Exception):
    """The command's ``--timeout`` passed before an answer came (the request's own error is its cause)."""


class TaskNotReadyError(Exception):
    """``download`` of a task that has not finished."""

    def __init__(self, task_id: str, status: str) -> None:
        super().__init__(f"task {task_id} is {status}: no video to download yet")


@attrs.define
class Job:
    """What the running command is working on, kept up to date so any failure can say how to finish it.

    ``stage``: ``checking`` (nothing sent yet), ``creating``, ``waiting``, ``downloading`` or ``reading``.
    ``output`` is the ``-o`` of a command that downloads (None when it does not); ``model_source`` says how
    the model was chosen: ``option``, ``memory`` (the task history) or ``default``.
    """

    stage: str = "checking"
    task_id: str | None = None
    model: str | None = None
    model_source: str = "option"
    status: str | None = None
    created: bool = False
    resumable: bool = False
    output: str | None = None
    overwrite: bool = False
    base_url: str | None = None
    sandbox: bool = False
    options: ModelOptions | None = None
    timeout: float | None = None  # the command's --timeout (waits may get what remains of it)

    def finish_command(self) -> str | None:
        """The command that finishes this job: ``freepik-kling download ID --model M -o out.mp4``."""
        if not self.resumable or self.task_id is None or self.model is None or self.sandbox:
            return None
        downloads = self.output is not None
        verb = "download" if downloads and self.status == "COMPLETED" else "wait"
        words = ["freepik-kling", verb, self.task_id, "--model", self.model]
        if downloads:
            words += ["-o", self.output or f"{self.task_id}.mp4"]
            if self.overwrite:
                words.append("--overwrite")
        if self.base_url:
            words += ["--base-url", self.base_url]
        return shlex.join(words)

    def task_notes(self) -> list[str]:
        if self.sandbox and self.created:
            return [f"task {self.task_id} lived in the sandbox's simulator, which ended with this run"]
        finish = self.finish_command()
        if finish is not None:
            return [f"task {self.task_id} ({self.model}) is safe on the server; finish it with:", f"  {finish}"]
        if self.stage == "queued":
            return ["nothing was created: the command was waiting for a free slot"]
        if self.stage == "creating" and self.task_id is None:
            look = f"freepik-kling list --model {self.model}" if self.model else "freepik-kling list"
            return [
                "the create request was sent but its answer was not received: a task may exist (and be paid for)",
                f"look for it before creating another: {look}",
            ]
        return []

    def json(self) -> dict[str, Any]:
        fields = {"task_id": self.task_id, "model": self.model, "status": self.status}
        data = {name: value for name, value in fields.items() if value is not None}
        finish = self.finish_command()
        if finish is not None:
            data["finish"] = finish
        return data


@attrs.frozen
class Outcome:
    code: int
    kind: str  # input, api, failed, timeout, output, closed, interrupted, unexpected
    message: str
    notes: tuple[str, ...] = ()
    details: dict[str, Any] = attrs.Factory(dict)

    def json(self, job: Job) -> dict[str, Any]:
        error = {"kind": self.kind, "message": self.message, **self.details}
        return {"exit_code": self.code, **job.json(), "error": error}


def outcome_of(error: BaseException, job: Job) -> Outcome:
    """The outcome of a command that raised ``error``; ``job`` says how far it got."""
    if isinstance(error, KeyboardInterrupt):
        return Outcome(EXIT_INTERRUPTED, "interrupted", "interrupted", tuple(job.task_notes()))
    if isinstance(error, InvalidInputError) and job.stage == "downloading":
        return Outcome(EXIT_OUTPUT, "output", f"the video was not saved: {error}", tuple(job.task_notes()))
    if isinstance(error, UsageError | InvalidInputError | MissingAPIKeyError):
        return _bad_input(error, job)
    if isinstance(error, TaskFailedError):
        job.status = str(error.task.status)
        return Outcome(EXIT_FAILED, "failed", f"task {error.task.id} ({job.model}) failed on the server: no video")
    if isinstance(error, WaitTimeoutError):
        job.status = str(error.task.status)
        waited = job.timeout or error.timeout
        message = f"task {error.task.id} is still {error.task.status} after {waited:g} s; it may still finish"
        return Outcome(EXIT_TIMEOUT, "timeout", message, tuple(job.task_notes()))
    if isinstance(error, NoFreeSlotError):
        return Outcome(EXIT_TIMEOUT, "timeout", str(error), ("see the tasks in progress: freepik-kling list",))
    if isinstance(error, TaskNotReadyError | DeadlineError):
        return Outcome(EXIT_TIMEOUT, "timeout", str(error), tuple(job.task_notes()))
    if isinstance(error, FreepikError):
        return _api_error(error, job)
    if isinstance(error, BrokenPipeError):  # `| head`: quiet, as any Unix tool, unless a task would be lost
        notes = tuple(job.task_notes())
        message = "the output was closed before everything was written (its reader ended)" if notes else ""
        return Outcome(EXIT_CLOSED, "closed", message, notes)
    if isinstance(error, FileExistsError) and job.stage == "downloading":
        message = f"{error.filename or job.output} appeared meanwhile; it was left as it is"
        advice = "(add --overwrite to replace it, or give another -o)"
        return Outcome(EXIT_OUTPUT, "output", message, (*job.task_notes(), advice))
    if isinstance(error, OSError) and job.stage in ("checking", "downloading"):
        where = f": {error.filename}" if error.filename else ""
        if job.stage == "checking":
            return Outcome(EXIT_INPUT, "input", f"{error.strerror or error}{where} (nothing was sent)")
        message = f"could not save the video: {error.strerror or error}{where}"
        return Outcome(EXIT_OUTPUT, "output", message, tuple(job.task_notes()))
    debug = "this is a bug; run again with --debug (or FREEPIK_LOG=debug) to see the details"
    message = f"unexpected {type(error).__name__}: {error}"
    return Outcome(EXIT_UNEXPECTED, "unexpected", message, (debug, *job.task_notes()))


def _bad_input(error: Exception, job: Job) -> Outcome:
    details: dict[str, Any] = {}
    if isinstance(error, MissingAPIKeyError):
        message = f"no API key: set the FREEPIK_API_KEY environment variable (get one at {KEY_PAGE})"
        message += "; or try a sandbox: `freepik-kling sandbox` serves one to every command (animate: --sandbox)"
        details["option"] = "FREEPIK_API_KEY"
    elif isinstance(error, InvalidInputError):
        if job.options is not None:
            error = job.options.translate(error)
        message = str(error)
        details["option"] = error.field
    else:
        message = str(error)
    if not job.created and job.stage != "creating":
        message += " (nothing was sent)"
    notes = job.task_notes() + ([f"see: {error.command} --help"] if isinstance(error, UsageError) else [])
    return Outcome(EXIT_INPUT, "input", message, tuple(notes), details)


def _api_error(error: FreepikError, job: Job) -> Outcome:
    details: dict[str, Any] = {}
    if hasattr(error, "outcome_unknown"):
        details["outcome_unknown"] = error.outcome_unknown
    refused = job.stage == "creating" and job.task_id is None and details.get("outcome_unknown") is False
    notes = ["nothing was created: the create was refused or never reached the API"] if refused else job.task_notes()
    if isinstance(error, APIStatusError):
        message = f"{error.status_code}: {error.message}"
        details["status_code"] = error.status_code
        label = job.options.label if job.options is not None else str
        notes = [f"{label(name)}: {reason}" for name, reason in error.invalid_params] + notes
    else:
        message = _without_library_advice(str(error))
    if isinstance(error, AuthenticationError):
        notes.append("check the FREEPIK_API_KEY environment variable")
    if isinstance(error, NotFoundError) and job.task_id and job.model:
        notes = [_not_found_hint(job)]  # not a task to finish: the API does not know it (under this model)
    if getattr(error, "outcome_unknown", False):  # a request error, or a create's unreadable answer
        look = f"freepik-kling list --model {job.model}"
        notes = [
            "the create may have been processed, so it was not sent again (a second task would be paid twice)",
            f"look for the task before creating another: {look}",
        ]
    return Outcome(EXIT_API, "api", message, tuple(notes), details)


def _not_found_hint(job: Job) -> str:
    if job.model_source == "memory":
        return (
            f"this computer created task {job.task_id} with {job.model}: is FREEPIK_API_KEY the key it was made with?"
        )
    if job.model_source == "default":
        return (
            f"task {job.task_id} is not in this computer's task history, so the model was taken to be {job.model}; "
            "if it belongs to another model, pass --model (see: freepik-kling models)"
        )
    return f"no task {job.task_id} for {job.model} with this API key; is --model right? (see: freepik-kling models)"


def _without_library_advice(message: str) -> str:
    # The library's own advice speaks Python (list(), wait()); the notes above give the command line's.
    return message.split(" The request may have created a task")[0].split(". The create reached the API")[0]
