"""The ``freepik-kling`` command line (also ``python -m freepik_kling``).

Results go to stdout (one JSON object with ``--json``, whatever the outcome), progress to stderr, and bars
or a live status line only when stderr is a terminal. Exit codes: 0 success, 1 unexpected error (a bug),
2 bad input (nothing sent), 3 API or connection error, 4 task failed, 5 not finished (timed out waiting),
6 the video could not be saved, 130 interrupted. Every failure after a create names the task and the
command that finishes it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import logging
import os
import signal
import sqlite3
import sys
import threading
import time
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn, Self

from freepik_kling import __version__
from freepik_kling._catalog import ModelSpec, models
from freepik_kling._cli import checks
from freepik_kling._cli.fields import IMAGE, ModelOptions, describe, main_image_field
from freepik_kling._cli.history import TaskHistory
from freepik_kling._cli.outcome import (
    EXIT_API,
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_TIMEOUT,
    EXIT_UNEXPECTED,
    Job,
    Outcome,
    TaskNotReadyError,
    UsageError,
    outcome_of,
)
from freepik_kling._cli.slots import Deadline, SlotWait, slots_full
from freepik_kling._client import DEFAULT_WAIT_TIMEOUT, Freepik, ModelResource
from freepik_kling._inputs import build_payload
from freepik_kling._policy import Clock, SystemClock
from freepik_kling._task import Task, TaskStatus
from freepik_kling.batch import register as register_batch
from freepik_kling.errors import InvalidInputError, RateLimitError, TaskFailedError

__all__ = [
    "EXIT_API",
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_TIMEOUT",
    "EXIT_UNEXPECTED",
    "Console",
    "DownloadBar",
    "LiveLine",
    "StatusLine",
    "build_parser",
    "main",
]

DEFAULT_MODEL = "kling-v2"
DEFAULT_DURATION = 5  # sent only to models that require a duration
MIN_WAIT = 1.0  # seconds
DEBUG_HELP = "show each request (never the key) and an unexpected error's traceback; or set FREEPIK_LOG=debug"
SANDBOX_NOTE = (
    "sandbox: a simulated API in this process (no key, no network, no cost). Time is simulated: a task's "
    "minutes pass in an instant, and the video is a generated test pattern."
)


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
        self.task_id = task.id if isinstance(task, Task) else task
        status = str(task.status) if isinstance(task, Task) else "waiting"
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


def task_json(task: Task, **extra: Any) -> dict[str, Any]:
    return {"task_id": task.id, "model": task.model, "status": str(task.status), "videos": task.videos, **extra}


def _status_text(task: Task) -> str:
    return f"{task.id}  {task.status}" + "".join(f"\n{url}" for url in task.videos)


@contextlib.contextmanager
def open_client(args: argparse.Namespace, console: Console, job: Job) -> Iterator[tuple[Freepik, Clock]]:
    """A client for the real API, or with ``--sandbox`` for a simulator started in this process."""
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


def _remember(client: Freepik, job: Job, output: str, console: Console) -> None:
    if job.sandbox or job.task_id is None or job.model is None:
        return
    history = TaskHistory()
    try:
        history.remember(client.base_url, job.task_id, job.model, str(Path(output).absolute()))
    except (OSError, sqlite3.Error) as error:
        console.note(f"note: task {job.task_id} could not be added to the task history {history.path}: {error}")


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


# -- commands -------------------------------------------------------------------------------------


def cmd_animate(args: argparse.Namespace, console: Console, job: Job) -> int:
    options: ModelOptions = args.options
    dest = args.output or "."
    job.model, job.options, job.resumable = options.spec.slug, options, True
    job.output, job.overwrite, job.timeout = args.output or "", args.overwrite, args.timeout
    params = options.params(args, args.image)
    build_payload(options.spec, params)  # every field, local images included, before anything is sent
    checks.check_output(dest, None, overwrite=args.overwrite)
    with open_client(args, console, job) as (client, clock):
        model = client.model(options.spec.slug)
        deadline = Deadline(clock, args.timeout)
        task = _create_in_free_slot(model, params, deadline, console, job)
        job.task_id, job.status, job.created, job.stage = task.id, str(task.status), True, "waiting"
        console.note(f"created task {task.id} ({model.slug})")
        _remember(client, job, dest, console)
        if args.no_wait:
            console.result(task.id, task_json(task))
            return EXIT_OK
        # However long the slot took, a task that exists gets at least one poll before a timeout is reported.
        timeout = max(deadline.remaining(), MIN_WAIT)
        done = _wait(model, task, timeout, args.poll_interval, console, clock, job)
        path = _download(client, done, dest, args.overwrite, console, job)
        console.result(str(path), task_json(done, path=str(path)))
    return EXIT_OK


def _create_in_free_slot(
    model: ModelResource, params: dict[str, Any], deadline: Deadline, console: Console, job: Job
) -> Task:
    """Create the task; while the key's slots are all taken (a 429 about tasks in progress), wait for one."""
    waiting: SlotWait | None = None
    with contextlib.ExitStack() as stack:
        while True:
            job.stage = "creating"
            try:
                return model.create(**params)
            except RateLimitError as error:
                if not slots_full(error):
                    raise
                job.stage = "queued"  # the API said no: nothing was created
                if waiting is None:
                    waiting = SlotWait(deadline)
                    text = f"waiting for a free slot ({error.message})"
                    stack.enter_context(LiveLine(console, deadline.clock, text))
                deadline.clock.sleep(waiting.next_delay(error))
    raise AssertionError("unreachable")


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


def _download(client: Freepik, task: Task, dest: str, overwrite: bool, console: Console, job: Job) -> Path:
    job.stage = "downloading"
    checks.check_output(dest, f"{task.id}.mp4", overwrite=overwrite)  # again: minutes may have passed
    return client.download(task, dest, overwrite=overwrite, on_progress=DownloadBar(console))


def cmd_status(args: argparse.Namespace, console: Console, job: Job) -> int:
    job.task_id = args.task_id
    with open_client(args, console, job) as (client, _):
        model = _choose_model(args, client, job, console)
        job.stage = "reading"
        task = model.get(args.task_id)
        job.status = str(task.status)
        console.result(_status_text(task), task_json(task))
    return EXIT_OK


def cmd_wait(args: argparse.Namespace, console: Console, job: Job) -> int:
    job.task_id, job.resumable, job.output, job.overwrite = args.task_id, True, args.output, args.overwrite
    job.timeout = args.timeout
    if args.output is not None:
        checks.check_output(args.output, f"{args.task_id}.mp4", overwrite=args.overwrite)
    with open_client(args, console, job) as (client, clock):
        model = _choose_model(args, client, job, console)
        done = _wait(model, args.task_id, args.timeout, args.poll_interval, console, clock, job)
        if args.output is None:
            console.result(_status_text(done), task_json(done))
            return EXIT_OK
        path = _download(client, done, args.output, args.overwrite, console, job)
        console.result(str(path), task_json(done, path=str(path)))
    return EXIT_OK


def cmd_download(args: argparse.Namespace, console: Console, job: Job) -> int:
    job.task_id, job.resumable, job.output, job.overwrite = args.task_id, True, args.output or "", args.overwrite
    dest = args.output or "."
    checks.check_output(dest, f"{args.task_id}.mp4", overwrite=args.overwrite)
    with open_client(args, console, job) as (client, _):
        model = _choose_model(args, client, job, console)
        job.stage = "reading"
        task = model.get(args.task_id)
        job.status = str(task.status)
        if task.status == TaskStatus.FAILED:
            raise TaskFailedError(task)
        if task.status != TaskStatus.COMPLETED:
            raise TaskNotReadyError(task.id, str(task.status))
        path = _download(client, task, dest, args.overwrite, console, job)
        console.result(str(path), task_json(task, path=str(path)))
    return EXIT_OK


def cmd_list(args: argparse.Namespace, console: Console, job: Job) -> int:
    with open_client(args, console, job) as (client, _):
        job.stage = "reading"
        if args.model is not None:
            job.model = args.model
            tasks = client.model(args.model).list()
            width = max([len(task.id) for task in tasks] + [7])
            rows = [f"{'TASK ID':<{width}}  STATUS"] + [f"{task.id:<{width}}  {task.status}" for task in tasks]
            console.result("\n".join(rows) if tasks else "no tasks", {"tasks": [task_json(t) for t in tasks]})
            return EXIT_OK
        _list_remembered(client, args.limit, console)
    return EXIT_OK


def _list_remembered(client: Freepik, limit: int, console: Console) -> None:
    """The tasks this computer created, newest first, with their status from one list call per model."""
    history = TaskHistory()
    try:
        remembered = history.recent(client.base_url, limit)
    except (OSError, sqlite3.Error) as error:
        console.note(f"note: the task history {history.path} could not be read: {error}")
        remembered = []
    statuses: dict[str, Task] = {}
    for slug in dict.fromkeys(entry.model for entry in remembered):
        if slug in models():
            statuses.update((task.id, task) for task in client.model(slug).list())
    status = {
        entry.task_id: str(statuses[entry.task_id].status) if entry.task_id in statuses else "not listed"
        for entry in remembered
    }
    if not remembered:
        text = f"no tasks in this computer's task history ({history.path}); a model's tasks: list --model M"
    else:
        width = max(len(entry.task_id) for entry in remembered)
        slug_width = max(len(entry.model) for entry in remembered)
        lines = [f"{'TASK ID':<{width}}  {'MODEL':<{slug_width}}  {'CREATED':<16}  {'STATUS':<11}  OUTPUT"]
        for entry in remembered:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.created_at))
            lines.append(
                f"{entry.task_id:<{width}}  {entry.model:<{slug_width}}  {when:<16}  "
                f"{status[entry.task_id]:<11}  {entry.output or ''}"
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


def cmd_models(args: argparse.Namespace, console: Console, job: Job) -> int:
    sections, data = [], []
    for slug, spec in models().items():
        options = build_parser(slug)[1]
        sections.append(_model_text(spec, options))
        data.append(
            {
                "slug": slug,
                "title": spec.title,
                "source": spec.source,
                "required": list(spec.required),
                "image_fields": list(spec.image_fields),
                "fields": spec.fields,
                "routes": spec.routes,
            }
        )
    console.result("\n\n".join(sections), {"models": data})
    return EXIT_OK


def _model_text(spec: ModelSpec, options: ModelOptions) -> str:
    rows = []
    for field, schema in spec.fields.items():
        name = options.flags[field] + (f", {IMAGE}" if field == main_image_field(spec) else "")
        rules = describe(schema, image=field in spec.image_fields)
        if field in options.cli_defaults:
            rules += f"; default here: {options.cli_defaults[field]}"
        rows.append((name, "required" if field in spec.required else "", rules))
    width = max([len(name) for name, _, _ in rows] + [6])
    return "\n".join(
        [
            f"{spec.slug}  {spec.title}  (from the {spec.source} spec)",
            f"  create {spec.routes['create']}  status {spec.routes['status']}  list {spec.routes['list']}",
            *(f"  {name:<{width}}  {required:<8}  {rules}" for name, required, rules in rows),
        ]
    )


# -- arguments ------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """Raises on a usage error instead of exiting, so that every outcome is reported the same way."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)


def _cli_defaults(spec: ModelSpec) -> dict[str, Any]:
    schema = spec.fields.get("duration", {})
    if "duration" not in spec.required or str(DEFAULT_DURATION) not in map(str, schema.get("enum", ["5"])):
        return {}
    return {"duration": DEFAULT_DURATION if schema.get("type") == "integer" else str(DEFAULT_DURATION)}


def build_parser(model: str = DEFAULT_MODEL) -> tuple[argparse.ArgumentParser, ModelOptions]:
    """The parser, with ``animate`` taking the request fields of ``model`` as options."""
    common = _Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print one JSON object on stdout, whatever the outcome")
    common.add_argument("--sandbox", action="store_true", help="use a local simulator: no key, no network, no cost")
    common.add_argument("--base-url", default=None, help="API base URL (default: $FREEPIK_BASE_URL or the API's)")
    common.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    waiting = _Parser(add_help=False)
    waiting.add_argument(
        "--timeout",
        type=checks.positive_seconds,
        default=DEFAULT_WAIT_TIMEOUT,
        metavar="SECONDS",
        help="the longest to wait, for a free slot and then for the task (default: 900)",
    )
    waiting.add_argument(
        "--poll-interval",
        type=checks.positive_seconds,
        default=None,
        metavar="SECONDS",
        help="fixed seconds between polls (default: 2, growing to 20)",
    )
    output = _Parser(add_help=False)
    output.add_argument("--overwrite", action="store_true", help="replace an existing output file (a regular file)")

    parser = _Parser(
        prog="freepik-kling", description="Turn images into videos with Freepik's Kling API.", allow_abbrev=False
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)  # read from the raw arguments in main()
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    spec = models()[model]
    animate = commands.add_parser(
        "animate",
        parents=[common, waiting, output],
        allow_abbrev=False,
        help="create a video from images or a prompt, wait, download it",
        description=f"Create a {spec.slug} video, wait for it and download it. See `freepik-kling animate "
        "--model M --help` for another model's options.",
    )
    animate.add_argument("image", nargs="*", metavar=IMAGE, help="URL or local file; fills the model's image field")
    animate.add_argument("--model", default=DEFAULT_MODEL, help=f"model slug (default: {DEFAULT_MODEL}); see `models`")
    animate.add_argument("-o", "--output", help="output file or folder (default: ./<task id>.mp4)")
    animate.add_argument("--no-wait", action="store_true", help="print the task id and exit")
    options = ModelOptions(spec, _cli_defaults(spec))
    options.add_to(animate)
    animate.set_defaults(run=cmd_animate, options=options)

    for name, run, text, parents in (
        ("status", cmd_status, "show a task's status", [common]),
        ("wait", cmd_wait, "wait for a task to finish; with -o, download its video", [common, waiting, output]),
        ("download", cmd_download, "download a finished task's video", [common, output]),
    ):
        sub = commands.add_parser(name, parents=parents, allow_abbrev=False, help=text, description=text)
        sub.add_argument("task_id", metavar="TASK_ID", type=checks.task_id)
        sub.add_argument(
            "--model",
            default=None,
            help=f"the task's model (default: the one it was created with here, else {DEFAULT_MODEL})",
        )
        if name != "status":
            sub.add_argument(
                "-o", "--output", help="file or folder for the video" + (" (default: .)" if name == "download" else "")
            )
        sub.set_defaults(run=run)

    listing = commands.add_parser(
        "list", parents=[common], allow_abbrev=False, help="recent tasks made here, or a model's tasks on the server"
    )
    listing.add_argument("--model", default=None, help="list this model's tasks on the server instead")
    listing.add_argument("--limit", type=checks.positive_count, default=20, help="recent tasks to show (default: 20)")
    listing.set_defaults(run=cmd_list)
    commands.add_parser(
        "models", parents=[common], allow_abbrev=False, help="the models this version knows, with their options"
    ).set_defaults(run=cmd_models)

    register_batch(commands, common)
    return parser, options


def _model_argument(argv: Sequence[str]) -> str | None:
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--model" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--model="):
            return word.partition("=")[2]
    return None


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The arguments, with ``animate``'s options those of the model ``--model`` names."""
    slug = _model_argument(argv)
    if slug is not None and slug not in models():
        raise InvalidInputError("--model", f"unknown model {slug!r}; models: {', '.join(models())}")
    parser, options = build_parser(slug or DEFAULT_MODEL)
    args, extras = parser.parse_known_args(argv)
    if args.command == "animate":
        for token in extras:
            error = options.unknown_option(token)
            if error is not None:
                raise error
        if not any(token.startswith("-") for token in extras):
            args.image += extras  # images given on both sides of options: argparse takes only the first run
            extras = []
    if extras:
        raise UsageError(f"unrecognized arguments: {' '.join(extras)}", f"freepik-kling {args.command}")
    return args


# -- the program ----------------------------------------------------------------------------------


class _HideSecrets(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [secret for secret in secrets if secret]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for secret in self.secrets:
            message = message.replace(secret, "<hidden>")
        record.msg, record.args = message, None
        return True


def _log_requests() -> None:
    """``--debug``: each request (method, URL, status: httpx never logs headers) and the library's retries
    and polls, on stderr; anything that still contained the key is masked."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("debug: %(name)s: %(message)s"))
    handler.addFilter(_HideSecrets([os.environ.get("FREEPIK_API_KEY", "").strip()]))
    for name in ("freepik_kling", "httpx"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)


@contextlib.contextmanager
def _interrupts_ignored() -> Iterator[None]:
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals go elsewhere anyway
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    console = Console(as_json="--json" in arguments)
    debug = "--debug" in arguments or os.environ.get("FREEPIK_LOG", "").lower() == "debug"
    if debug:
        _log_requests()
    job = Job()
    try:
        args = parse(arguments)
        job.base_url, job.sandbox = args.base_url, args.sandbox
        code: int = args.run(args, console, job)
        console.finish(code)
    except (Exception, KeyboardInterrupt) as error:
        with _interrupts_ignored():  # a second Ctrl-C must not cut the report short
            if isinstance(error, BrokenPipeError):  # stdout's reader ended (| head): write no more to it
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            outcome = outcome_of(error, job)
            if debug and outcome.code == EXIT_UNEXPECTED:
                traceback.print_exception(error, file=sys.stderr)
            console.failed(outcome, job)
        return outcome.code
    return code


if __name__ == "__main__":
    sys.exit(main())
