"""The ``batch`` and ``batch-status`` options: ``register`` adds them to the command line's parser.

Only the parser: the journal, the runner and the HTTP client (``_command``) load when a batch runs.
"""

from __future__ import annotations

import argparse
from typing import Any

from freepik_kling._cli import checks
from freepik_kling._cli.deferred import deferred

_COMMAND = "freepik_kling.batch._command"


def register(
    commands: argparse._SubParsersAction[Any], common: argparse.ArgumentParser, sends: list[argparse.ArgumentParser]
) -> None:
    """Add ``batch`` (with the options of commands that send, ``sends``) and ``batch-status`` (which reads a
    file only: ``common``) to the command line's subcommands."""
    batch = commands.add_parser(
        "batch",
        parents=sends,
        help="run many jobs from a JSON Lines file, resumably",
        description="One job per line: the model's fields, plus an optional \"id\" (the video's file name) and "
        '"model". Every line is checked before anything is sent. Run the same command again after any '
        "crash: nothing is paid twice.",
    )
    batch.add_argument("jobs", metavar="JOBS.jsonl", help="relative image paths in it resolve from its folder")
    batch.add_argument("--journal", required=True, help="SQLite journal; run the same command again to resume")
    batch.add_argument("--out", required=True, help="folder for the videos (<job id>.mp4)")
    batch.add_argument(
        "--concurrency",
        type=int,
        metavar="N",
        help="tasks in progress at once (default and API limit per key: 3)",
    )
    batch.add_argument(
        "--concurrency-over-limit", action="store_true", help="allow --concurrency above the API's limit"
    )
    batch.add_argument(
        "--rate", type=float, default=8.0, metavar="N", help="API requests per second at most (default: 8)"
    )
    batch.add_argument(
        "--timeout",
        type=checks.positive_seconds,
        metavar="SECONDS",
        help="one deadline for each job: a free slot, its task, its download (default: 900)",
    )
    batch.add_argument(
        "--poll-interval", type=float, default=None, metavar="SECONDS", help="fixed seconds between polls"
    )
    batch.add_argument(
        "--settle",
        type=float,
        metavar="SECONDS",
        help="seconds after an interrupted create before the API's task list is trusted to show it (default: 10)",
    )
    batch.add_argument(
        "--resubmit-unknown",
        action="store_true",
        help="create again jobs whose create may have reached the API (this may pay twice)",
    )
    batch.add_argument("--retry-failed", action="store_true", help="send failed jobs again")
    batch.add_argument("--skip-invalid", action="store_true", help="send the good lines when some are bad")
    batch.set_defaults(run=deferred(_COMMAND, "cmd_batch"))
    text = "summarize a batch journal"
    status = commands.add_parser(
        "batch-status",
        parents=[common],
        help=text,
        description=f"{text}: each job's state, video and task, read from the file alone (nothing is sent).",
    )
    status.add_argument("journal", metavar="JOURNAL", help="the --journal file a batch wrote")
    status.set_defaults(run=deferred(_COMMAND, "cmd_batch_status"))
