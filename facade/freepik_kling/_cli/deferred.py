"""Commands whose code is imported only when they run, so that building the parser (for ``--help``, or
any command) loads neither the HTTP client nor the batch runner."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from freepik_kling._cli.console import Console
    from freepik_kling._cli.outcome import Job

Command = Callable[[argparse.Namespace, "Console", "Job"], int]


def deferred(module: str, name: str) -> Command:
    """The command ``module.name``, imported on its first run."""

    def run(args: argparse.Namespace, console: Console, job: Job) -> int:
        command: Command = getattr(importlib.import_module(module), name)
        return command(args, console, job)

    return run
