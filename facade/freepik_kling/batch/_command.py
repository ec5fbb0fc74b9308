"""What ``freepik-kling batch`` and ``batch-status`` do (``_options.register`` adds them to the parser).

Exit codes, as for every command: 0 every job downloaded; 2 bad input, nothing sent (each bad line named);
3 the run stopped early (the key was rejected, creates refused for too long, videos cannot be written);
4 a job failed, is unknown, or a line was skipped; 5 some jobs still wait (run again); 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from freepik_kling._cli.outcome import (
    EXIT_API,
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TIMEOUT,
    Job,
    Outcome,
)
from freepik_kling.batch._jobs import InvalidJobsError
from freepik_kling.batch._journal import FAILED, UNKNOWN, JobRow, Journal, Orphan
from freepik_kling.errors import InvalidInputError, MissingAPIKeyError

if TYPE_CHECKING:
    from freepik_kling._cli.console import Console
    from freepik_kling._policy import Clock
    from freepik_kling.batch._api import BatchResult

SHOWN_PROBLEMS = 50  # a binary file given as JOBS.jsonl would otherwise print a line for each of its lines
# The command line's names for the library's parameters, in messages.
_OPTIONS = {
    "jobs": "JOBS.jsonl",
    "journal": "--journal",
    "out": "--out",
    "concurrency": "--concurrency",
    "rate": "--rate",
    "timeout": "--timeout",
    "poll_interval": "--poll-interval",
    "settle": "--settle",
}
_DEFAULTED = ("concurrency", "timeout", "settle")  # None unless given: Batch's defaults live with Batch


@contextlib.contextmanager
def _service(args: argparse.Namespace) -> Iterator[tuple[str | None, str | None, Clock | None]]:
    """(api_key, base_url, clock): the API's, or with ``--sandbox`` a simulator's started in this process."""
    if not args.sandbox:
        yield None, args.base_url, None
        return
    try:
        from freepik_kling.testing import FreepikServer
    except ImportError:
        raise InvalidInputError("--sandbox", 'needs the simulator: pip install "freepik-kling[testing]"') from None
    with FreepikServer() as server:
        yield server.api_key, server.base_url, server.clock


def cmd_batch(args: argparse.Namespace, console: Console, job: Job) -> int:
    from freepik_kling.batch._api import Batch  # the runner (asyncio, the HTTP client): not for --help

    # An option left out takes Batch's default, which its help states (tests/cli holds the two equal).
    given = {name: getattr(args, name) for name in _DEFAULTED if getattr(args, name) is not None}
    try:
        with _service(args) as (api_key, base_url, clock):
            batch = Batch(
                journal=args.journal,
                out=args.out,
                api_key=api_key,
                base_url=base_url,
                concurrency_over_limit=args.concurrency_over_limit,
                rate=args.rate,
                poll_interval=args.poll_interval,
                resubmit_unknown=args.resubmit_unknown,
                retry_failed=args.retry_failed,
                skip_invalid=args.skip_invalid,
                clock=clock,
                on_note=console.note,
                on_status=lambda states: console.update(_status_line(states)),
                **given,
            )
            result = batch.run(args.jobs)
    except InvalidJobsError as error:
        count = len(error.problems)
        shown = [str(problem) for problem in error.problems[:SHOWN_PROBLEMS]]
        more = f" (the first {SHOWN_PROBLEMS} shown)" if count > SHOWN_PROBLEMS else ""
        return _refused(
            console,
            job,
            shown,
            f"{count} bad line{'s' * (count > 1)}{more}: nothing was sent (--skip-invalid sends the good ones)",
        )
    except InvalidInputError as error:
        option = _OPTIONS.get(error.field, error.field)
        rule = error.rule.replace("concurrency_over_limit", "--concurrency-over-limit")
        return _refused(console, job, [f"{option}: {rule}"], "nothing was sent")
    except MissingAPIKeyError:
        return _refused(console, job, ["no API key: set FREEPIK_API_KEY (or try batch --sandbox)"], "nothing was sent")
    except KeyboardInterrupt:
        console.note(f"interrupted: {_RESUME}")
        return _outcome(console, job, Outcome(EXIT_INTERRUPTED, "interrupted", "interrupted"))
    except (OSError, sqlite3.Error) as error:
        console.note(f"error: {error}\n{_RESUME}")
        return _outcome(console, job, Outcome(EXIT_API, "api", str(error)))
    console.clear()
    console.result(_report(result), result.to_dict())
    if result.stopped:
        console.note(f"stopped early: {result.stopped}")
    return _exit_code(result)


def _exit_code(result: BatchResult) -> int:

    summary = result.summary
    if result.stopped:
        return EXIT_API
    if summary["failed"] or summary["unknown"] or summary["invalid"]:
        return EXIT_FAILED
    return EXIT_TIMEOUT if summary["waiting"] else EXIT_OK


_RESUME = "the journal holds every step done: run the same command again to resume"


def _refused(console: Console, job: Job, lines: list[str], conclusion: str) -> int:
    """Bad input: each problem, then the conclusion."""
    for line in lines:
        console.note(f"error: {line}")
    console.note(conclusion)
    return _outcome(console, job, Outcome(EXIT_INPUT, "input", conclusion, details={"problems": lines}))


def _outcome(console: Console, job: Job, outcome: Outcome) -> int:
    """The exit code, with ``--json`` the outcome in the one object the command line prints at the end."""
    if console.as_json:
        console.data.update(outcome.json(job))
    return outcome.code


def _status_line(states: dict[str, int]) -> str:
    running = states.get("created", 0) + states.get("sending", 0)
    fetching = states.get("completed", 0)
    return (
        f"batch: {states.get('pending', 0)} queued, {running} in progress, {fetching} downloading, "
        f"{states.get('downloaded', 0)} downloaded, {states.get(FAILED, 0)} failed, {states.get(UNKNOWN, 0)} unknown"
    )


def _report(result: BatchResult) -> str:
    lines = ["  ".join(f"{name} {count}" for name, count in result.summary.items())]
    lines += _table(result.jobs)
    lines += [f"  skipped {problem}" for problem in result.problems]
    lines += _orphan_lines(result.orphans)
    return "\n".join(lines)


def _table(rows: list[JobRow]) -> list[str]:
    return [
        f"  {row.id:<18} {row.state:<10} {row.error or ''}"
        for row in rows
        if row.state in (FAILED, UNKNOWN) or row.error
    ]


def _orphan_lines(orphans: list[Orphan]) -> list[str]:
    if not orphans:
        return []
    lines = ["tasks the API holds and no job of this journal does (an unknown job may have made them):"]
    for orphan in orphans:
        lines.append(
            f"  {orphan.task_id}  {orphan.model}  maybe job {' or '.join(orphan.jobs)}; "
            f"see: freepik-kling status {orphan.task_id} --model {orphan.model}"
        )
    lines.append("to create the unknown jobs again anyway (this may pay twice): run again with --resubmit-unknown")
    return lines


def cmd_batch_status(args: argparse.Namespace, console: Console, job: Job) -> int:

    try:
        journal = Journal.open(Path(args.journal), create=False)
        try:
            rows, orphans = journal.rows(), journal.orphans()
        finally:
            journal.close()
    except InvalidInputError as error:
        return _refused(console, job, [f"JOURNAL: {error.rule}"], "(nothing was sent)")
    except sqlite3.Error as error:
        return _refused(console, job, [f"JOURNAL: cannot read {args.journal}: {error}"], "(nothing was sent)")
    states = Counter(row.state for row in rows)
    text = "\n".join(
        [
            "  ".join(f"{state} {count}" for state, count in sorted(states.items())),
            *_table(rows),
            *_orphan_lines(orphans),
        ]
    )
    data: dict[str, Any] = {
        "states": dict(states),
        "jobs": [row.to_dict() for row in rows],
        "orphans": [orphan.to_dict() for orphan in orphans],
    }
    console.result(text, data)
    return EXIT_OK if rows else EXIT_INPUT
