"""The ``freepik-kling`` command line (also ``python -m freepik_kling``).

Results go to stdout (JSON with ``--json``), progress to stderr, and bars or a live status line only when
stderr is a terminal. Exit codes: 0 success, 2 bad input (nothing sent), 3 API or connection error,
4 task failed, 5 timed out waiting, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from freepik_kling._catalog import models
from freepik_kling._client import DEFAULT_WAIT_TIMEOUT, Freepik, ModelResource
from freepik_kling._inputs import is_image_field
from freepik_kling._policy import Clock, SystemClock
from freepik_kling._task import Task
from freepik_kling.batch import register as register_batch
from freepik_kling.errors import (
    FreepikError,
    InvalidInputError,
    MissingAPIKeyError,
    TaskFailedError,
    WaitTimeoutError,
)

EXIT_OK, EXIT_INPUT, EXIT_API, EXIT_FAILED, EXIT_TIMEOUT, EXIT_INTERRUPTED = 0, 2, 3, 4, 5, 130
DEFAULT_MODEL = "kling-v2"
DEFAULT_DURATION = "5"  # sent only to models that require a duration
# Options that map onto request fields of the same name (with - for _); the model decides which it takes.
FIELD_OPTIONS = ("prompt", "negative_prompt", "duration", "cfg_scale", "aspect_ratio", "webhook_url")


class Console:
    """Where output goes: results to stdout, progress to stderr, decoration only on a terminal."""

    def __init__(self, *, as_json: bool, out: IO[str] | None = None, err: IO[str] | None = None) -> None:
        self.as_json = as_json
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.live = self.err.isatty() and os.environ.get("TERM") != "dumb"
        self._line = ""

    def result(self, text: str, data: Any) -> None:
        self.clear()
        print(json.dumps(data, indent=2) if self.as_json else text, file=self.out, flush=True)

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


def _elapsed(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def _size(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:.1f} {unit}" if unit != "B" else f"{int(count)} B"
        count /= 1000
    raise AssertionError("unreachable")


class StatusLine:
    """``IN_PROGRESS  0:42`` while waiting: redrawn every half second on a terminal."""

    def __init__(self, console: Console, clock: Clock, task: Task | str) -> None:
        self.console = console
        self.clock = clock
        self.started = clock.monotonic()
        self.task_id = task.id if isinstance(task, Task) else task
        self.status = str(task.status) if isinstance(task, Task) else "waiting"
        self._stop = threading.Event()
        self._ticker = threading.Thread(target=self._tick, daemon=True)

    def on_status(self, task: Task) -> None:
        self.status = str(task.status)
        self.draw()

    def draw(self) -> None:
        elapsed = _elapsed(self.clock.monotonic() - self.started)
        self.console.update(f"task {self.task_id}: {self.status}  {elapsed}")

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            self.draw()

    def __enter__(self) -> StatusLine:
        self.draw()
        if self.console.live:
            self._ticker.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        if self._ticker.is_alive():
            self._ticker.join()
        self.console.clear()


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


@contextlib.contextmanager
def open_client(args: argparse.Namespace) -> Iterator[tuple[Freepik, Clock]]:
    """A client for the real API, or with ``--sandbox`` for a simulator started in this process."""
    if not args.sandbox:
        clock = SystemClock()
        with Freepik(base_url=args.base_url, clock=clock) as client:
            yield client, clock
        return
    try:
        from freepik_kling.testing import FreepikServer
    except ImportError:
        raise InvalidInputError("--sandbox", 'needs the simulator: pip install "freepik-kling[testing]"') from None
    with FreepikServer() as server, server.client() as client:
        yield client, server.clock


def create_params(model: ModelResource, images: Sequence[str], args: argparse.Namespace) -> dict[str, Any]:
    params: dict[str, Any] = {name: getattr(args, name) for name in FIELD_OPTIONS if getattr(args, name) is not None}
    if "duration" in model.spec.required and "duration" not in params:
        params["duration"] = DEFAULT_DURATION
    image_fields = [name for name in model.spec.fields if is_image_field(name)]
    if not image_fields:
        raise InvalidInputError("IMAGE", f"{model.slug} takes no image")
    field = image_fields[0]
    if model.spec.fields[field].get("type") == "array":
        params[field] = list(images)
    elif len(images) > 1:
        raise InvalidInputError(field, f"{model.slug} takes one image, got {len(images)}")
    else:
        params[field] = images[0]
    return params


def cmd_animate(args: argparse.Namespace, console: Console, context: dict[str, str]) -> int:
    with open_client(args) as (client, clock):
        model = client.model(args.model)
        params = create_params(model, args.image, args)
        if args.output and Path(args.output).is_file() and not args.overwrite:
            raise InvalidInputError("-o", f"{args.output} exists; pass --overwrite to replace it")
        task = model.create(**params)
        context.update(task_id=task.id, model=model.slug)
        if args.no_wait:
            console.result(task.id, task_json(task))
            return EXIT_OK
        console.note(f"created task {task.id} ({model.slug})")
        with StatusLine(console, clock, task) as line:
            done = model.wait(task, timeout=args.timeout, on_status=line.on_status, poll_interval=args.poll_interval)
        path = client.download(done, args.output or ".", overwrite=args.overwrite, on_progress=DownloadBar(console))
        console.result(str(path), task_json(done, path=str(path)))
    return EXIT_OK


def cmd_status(args: argparse.Namespace, console: Console, context: dict[str, str]) -> int:
    with open_client(args) as (client, _):
        task = client.model(args.model).get(args.task_id)
        console.result(f"{task.id}  {task.status}" + "".join(f"\n{url}" for url in task.videos), task_json(task))
    return EXIT_OK


def cmd_wait(args: argparse.Namespace, console: Console, context: dict[str, str]) -> int:
    context.update(task_id=args.task_id, model=args.model)
    with open_client(args) as (client, clock):
        model = client.model(args.model)
        with StatusLine(console, clock, args.task_id) as line:
            task = model.wait(
                args.task_id, timeout=args.timeout, on_status=line.on_status, poll_interval=args.poll_interval
            )
        console.result(f"{task.id}  {task.status}" + "".join(f"\n{url}" for url in task.videos), task_json(task))
    return EXIT_OK


def cmd_download(args: argparse.Namespace, console: Console, context: dict[str, str]) -> int:
    with open_client(args) as (client, _):
        task = client.model(args.model).get(args.task_id)
        path = client.download(task, args.output or ".", overwrite=args.overwrite, on_progress=DownloadBar(console))
        console.result(str(path), task_json(task, path=str(path)))
    return EXIT_OK


def cmd_list(args: argparse.Namespace, console: Console, context: dict[str, str]) -> int:
    with open_client(args) as (client, _):
        tasks = client.model(args.model).list()
    width = max([len(task.id) for task in tasks] + [7])
    rows = [f"{'TASK ID':<{width}}  STATUS"] + [f"{task.id:<{width}}  {task.status}" for task in tasks]
    console.result("\n".join(rows) if tasks else "no tasks", [task_json(task) for task in tasks])
    return EXIT_OK


def cmd_models(args: argparse.Namespace, console: Console, context: dict[str, str]) -> int:
    rows, data = [], {}
    for slug, spec in models().items():
        fields = [f"{name}{'*' if name in spec.required else ''}" for name in spec.fields]
        rows.append(f"{slug:<22} {spec.name:<22} {', '.join(fields)}")
        data[slug] = {"name": spec.name, "required": list(spec.required), "fields": spec.fields}
    console.result("\n".join([f"{'MODEL':<22} {'NAME':<22} FIELDS (* required)", *rows]), data)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print results as JSON on stdout")
    common.add_argument("--sandbox", action="store_true", help="use a local simulator: no key, no network, no cost")
    common.add_argument("--base-url", default=None, help="API base URL (default: $FREEPIK_BASE_URL or the API's)")
    model = argparse.ArgumentParser(add_help=False)
    model.add_argument("--model", default=DEFAULT_MODEL, help=f"model slug (default: {DEFAULT_MODEL}); see `models`")
    waiting = argparse.ArgumentParser(add_help=False)
    waiting.add_argument("--timeout", type=float, default=DEFAULT_WAIT_TIMEOUT, help="seconds to wait (default: 900)")
    waiting.add_argument("--poll-interval", type=float, default=None, help="fixed seconds between polls")

    parser = argparse.ArgumentParser(
        prog="freepik-kling", description="Turn images into videos with Freepik's Kling API."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    animate = commands.add_parser(
        "animate", parents=[common, model, waiting], help="create a video from an image, wait, download it"
    )
    animate.add_argument("image", nargs="+", metavar="IMAGE", help="URL or local file (up to 4 for Elements)")
    animate.add_argument("--prompt")
    animate.add_argument("--negative-prompt")
    animate.add_argument("--duration", help=f"seconds, 5 or 10 (default: {DEFAULT_DURATION} where the model needs one)")
    animate.add_argument("--cfg-scale", type=float)
    animate.add_argument("--aspect-ratio")
    animate.add_argument("--webhook-url")
    animate.add_argument("-o", "--output", help="output file or directory (default: ./<task id>.mp4)")
    animate.add_argument("--overwrite", action="store_true", help="replace an existing output file")
    animate.add_argument("--no-wait", action="store_true", help="print the task id and exit")
    animate.set_defaults(run=cmd_animate)

    for name, run, text in (
        ("status", cmd_status, "show a task's status"),
        ("wait", cmd_wait, "wait for a task to finish"),
        ("download", cmd_download, "download a finished task's video"),
    ):
        parents = [common, model, waiting] if name == "wait" else [common, model]
        sub = commands.add_parser(name, parents=parents, help=text)
        sub.add_argument("task_id", metavar="TASK_ID")
        if name == "download":
            sub.add_argument("-o", "--output", help="output file or directory")
            sub.add_argument("--overwrite", action="store_true")
        sub.set_defaults(run=run)

    commands.add_parser("list", parents=[common, model], help="list a model's tasks").set_defaults(run=cmd_list)
    commands.add_parser("models", parents=[common], help="the models this version knows").set_defaults(run=cmd_models)

    register_batch(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    console = Console(as_json=args.json)
    context: dict[str, str] = {}
    try:
        code: int = args.run(args, console, context)
        return code
    except (InvalidInputError, MissingAPIKeyError) as error:
        console.note(f"error: {error}" + (" (nothing was sent)" if isinstance(error, InvalidInputError) else ""))
        return EXIT_INPUT
    except FileExistsError as error:
        console.note(f"error: {error}")
        return EXIT_INPUT
    except TaskFailedError as error:
        console.note(f"error: {error}")
        if args.json:
            console.result("", task_json(error.task, error=str(error)))
        return EXIT_FAILED
    except WaitTimeoutError as error:
        console.note(f"error: {error}\nresume with: freepik-kling wait {error.task.id} --model {args.model}")
        return EXIT_TIMEOUT
    except FreepikError as error:
        console.note(f"error: {error}")
        return EXIT_API
    except KeyboardInterrupt:
        console.note("interrupted")
        if "task_id" in context:
            console.note(
                f"task {context['task_id']} goes on on the server; resume with: "
                f"freepik-kling wait {context['task_id']} --model {context['model']}"
            )
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
