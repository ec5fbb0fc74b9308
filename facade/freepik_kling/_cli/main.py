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
import logging
import os
import signal
import sys
import traceback
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

from freepik_kling import __version__
from freepik_kling._catalog import DEFAULT_MODEL, ModelSpec, models
from freepik_kling._cli import checks
from freepik_kling._cli.console import Console, DownloadBar, LiveLine, StatusLine
from freepik_kling._cli.deferred import deferred
from freepik_kling._cli.fields import IMAGE, ModelOptions, describe, main_image_field
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
    UsageError,
    outcome_of,
)
from freepik_kling.batch import register as register_batch
from freepik_kling.errors import InvalidInputError

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

DEFAULT_DURATION = 5  # sent only to models that require a duration
DEBUG_HELP = "show each request (never the key) and an unexpected error's traceback; or set FREEPIK_LOG=debug"
SANDBOX_HELP = "use a simulator started for this command only: no key, no network, no cost"

COMMANDS = "freepik_kling._cli.commands"  # the commands that talk to the API


# -- commands that need no API --------------------------------------------------------------------


def cmd_models(args: argparse.Namespace, console: Console, job: Job) -> int:
    chosen = _chosen_models(args.slugs)
    sections, data = [], []
    for slug, spec in chosen.items():
        if args.slugs:  # the options of the models asked for; without a filter, one line each
            sections.append(_model_text(spec, build_parser(slug)[1]))
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
    if not args.slugs:
        width = max(len(slug) for slug in chosen)
        lines = [f"{slug:<{width}}  {spec.title}" for slug, spec in chosen.items()]
        sections = ["\n".join(lines), "a model's options, allowed values and bounds: freepik-kling models SLUG"]
    console.result("\n\n".join(sections), {"models": data})
    return EXIT_OK


def _chosen_models(words: list[str]) -> dict[str, ModelSpec]:
    """Every model; with words, the model each names exactly, else those whose slug contains it."""
    catalog, chosen = models(), dict[str, ModelSpec]()
    for word in words:
        matches = [word] if word in catalog else [slug for slug in catalog if word.lower() in slug]
        if not matches:
            raise InvalidInputError("SLUG", f"no model's slug contains {word!r}; models: {', '.join(catalog)}")
        chosen.update((slug, catalog[slug]) for slug in matches)
    return chosen if words else dict(catalog)


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
    common.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    # Only commands that talk to the API take its address; only those whose work ends with them take a sandbox.
    api = _Parser(add_help=False)
    api.add_argument(
        "--base-url", default=None, metavar="URL", help="API base URL (default: $FREEPIK_BASE_URL or the API's)"
    )
    sandbox = _Parser(add_help=False)
    sandbox.add_argument("--sandbox", action="store_true", help=SANDBOX_HELP)
    # A task id from another command is unknown to a sandbox started for this one: refused, with advice.
    no_sandbox = _Parser(add_help=False)
    no_sandbox.add_argument("--sandbox", action="store_true", help=argparse.SUPPRESS)
    waiting = _Parser(add_help=False)
    waiting.add_argument(
        "--timeout",
        type=checks.positive_seconds,
        default=None,  # the library's, applied by the command (here it would load the HTTP client)
        metavar="SECONDS",
        help="one deadline for all the command waits for: a free slot, the task, the download (default: 900)",
    )
    waiting.add_argument(
        "--poll-interval",
        type=checks.positive_seconds,
        default=None,
        metavar="SECONDS",
        help="fixed seconds between polls (default: 2, growing to 15, and 20 after two minutes)",
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
        parents=[common, api, sandbox, waiting, output],
        allow_abbrev=False,
        help="create a video from images or a prompt, wait, download it",
        description=f"Create a {spec.slug} video, wait for it and download it. See `freepik-kling animate "
        "--model M --help` for another model's options.",
    )
    image = animate.add_argument("image", nargs="*", metavar=IMAGE)
    animate.add_argument("--model", default=DEFAULT_MODEL, help=f"model slug (default: {DEFAULT_MODEL}); see `models`")
    animate.add_argument("-o", "--output", help="output file or folder (default: ./<task id>.mp4)")
    animate.add_argument(
        "--no-wait", action="store_true", help="print the task id, and the command that finishes it, and exit"
    )
    options = ModelOptions(spec, _cli_defaults(spec))
    options.add_to(animate)
    image.help = options.image_help()
    animate.set_defaults(run=deferred(COMMANDS, "cmd_animate"), options=options)

    for name, text, parents in (
        ("status", "show a task's status", [common, api, no_sandbox]),
        ("wait", "wait for a task to finish; with -o, download its video", [common, api, no_sandbox, waiting, output]),
        ("download", "download a finished task's video", [common, api, no_sandbox, output]),
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
        if name != "wait":  # wait's is waiting's
            sub.add_argument(
                "--timeout",
                type=checks.positive_seconds,
                default=None,
                metavar="SECONDS",
                help="one deadline for the answer, retries included (default: 30)"
                if name == "status"
                else "one deadline for the answer and the download, retries included (default: 900)",
            )
        sub.set_defaults(run=deferred(COMMANDS, f"cmd_{name}"))

    text = "recent tasks made here, or a model's tasks on the server"
    listing = commands.add_parser(
        "list",
        parents=[common, api, no_sandbox],
        allow_abbrev=False,
        help=text,
        description=f"{text}. The history needs no key: without one, its statuses are not refreshed.",
    )
    listing.add_argument("--model", default=None, help="list this model's tasks on the server instead")
    listing.add_argument(
        "--limit", type=checks.positive_count, default=20, metavar="N", help="recent tasks to show (default: 20)"
    )
    listing.set_defaults(run=deferred(COMMANDS, "cmd_list"))
    text = "the models this version knows, with their options"
    listed = commands.add_parser(
        "models",
        parents=[common],
        allow_abbrev=False,
        help=text,
        description=f"{text}: without SLUG, one line per model; with it, that model's options, values and bounds.",
    )
    listed.add_argument("slugs", nargs="*", metavar="SLUG", help="a model's slug, or a part of it (such as v3-omni)")
    listed.set_defaults(run=cmd_models)
    serving = commands.add_parser(
        "sandbox",
        allow_abbrev=False,
        help="serve a simulated API until Ctrl-C, for other commands to use",
        description="Serve a simulated API in real time on 127.0.0.1 until Ctrl-C, and print the two lines "
        "to export so that other commands use it (no key, no network, no cost): tasks made there live on "
        "across commands (animate --no-wait, status, wait, list).",
    )
    serving.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free one)")
    serving.set_defaults(run=deferred("freepik_kling._cli.sandbox", "cmd_sandbox"))

    doctor = commands.add_parser(
        "doctor",
        parents=[common, api, sandbox],
        allow_abbrev=False,
        help="check the key, host, network, clock and folders without spending anything",
        description="Check the setup with one free call (a task list, never a create); exit 0 when all passed.",
    )
    doctor.add_argument(
        "--timeout", type=checks.positive_seconds, default=None, metavar="SECONDS", help="for the call (default: 10)"
    )
    doctor.set_defaults(run=deferred("freepik_kling._cli.doctor", "cmd_doctor"))
    compare = commands.add_parser(
        "compare",
        parents=[common, api, sandbox, output],
        allow_abbrev=False,
        help="the same image through several models, side by side on an HTML contact sheet",
        description="Send one image and prompt to each model (three at a time), download the videos and write "
        "OUT/index.html with them side by side, each model's parameters, time and outcome. Each model is paid for.",
    )
    compare.add_argument("image", metavar=IMAGE, help="URL or local file, sent to each model's image field")
    compare.add_argument("--models", required=True, help="model slugs separated by commas, such as kling-v2,kling-pro")
    compare.add_argument("--prompt", default=None, help="the same prompt for every model")
    compare.add_argument(
        "--duration", type=checks.positive_count, default=DEFAULT_DURATION, help="seconds, for models that take it"
    )
    compare.add_argument("-o", "--output", default="compare", help="folder for the videos and index.html")
    compare.add_argument(
        "--timeout", type=checks.positive_seconds, default=None, metavar="SECONDS", help="per task (default: 900)"
    )
    compare.set_defaults(run=deferred("freepik_kling._cli.compare", "cmd_compare"))

    register_batch(commands, common, [common, api, sandbox])
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
        job.base_url, job.sandbox = getattr(args, "base_url", None), getattr(args, "sandbox", False)
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
