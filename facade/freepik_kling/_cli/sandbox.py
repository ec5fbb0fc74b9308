"""``freepik-kling sandbox``: a simulated API that outlives one command.

``--sandbox`` starts a simulator for one command, so a task made with ``--no-wait`` would end with it. This
command serves one in real time until Ctrl-C and prints the lines that point other commands at it; there,
``animate --no-wait``, ``status``, ``wait``, ``download`` and ``list`` work as against the real API.
"""

from __future__ import annotations

import argparse

from freepik_kling._cli.console import Console
from freepik_kling._cli.outcome import EXIT_OK, Job
from freepik_kling.errors import InvalidInputError


def cmd_sandbox(args: argparse.Namespace, console: Console, job: Job) -> int:
    try:
        from freepik_kling.testing.__main__ import main as serve
    except ImportError:
        raise InvalidInputError("sandbox", 'needs the simulator: pip install "freepik-kling[testing]"') from None
    serve(["--port", str(args.port), "--export"])
    return EXIT_OK
