"""What the command line checks before it sends anything: numbers, the output path, the API's address.

A mistake found after the create is paid for; every check that can run before it, does.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import stat
from pathlib import Path

from freepik_kling.errors import InvalidInputError


def positive_seconds(text: str) -> float:
    """An argparse ``type``: a finite number of seconds above zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, got {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return value


_TASK_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")


def task_id(text: str) -> str:
    """An argparse ``type``: what a task id looks like (the API's are UUIDs). A path separator would make the
    video's file name (``<task id>.mp4``) point elsewhere."""
    if not _TASK_ID.fullmatch(text):
        raise argparse.ArgumentTypeError(f"not a task id (letters, digits, '-', '_', '.'): {text[:80]!r}")
    return text


def positive_count(text: str) -> int:
    """An argparse ``type``: a whole number above zero."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text!r}")
    return value


def output_target(dest: str, file_name: str | None) -> Path | None:
    """Where a download to ``dest`` lands, as the library decides it: a directory (an existing one, or a
    path ending in a separator) gets ``file_name``; None when that name is not known yet."""
    path = Path(dest)
    if path.is_dir() or dest.endswith(("/", os.sep)):
        return path / file_name if file_name else None
    return path


def check_output(dest: str, file_name: str | None, *, overwrite: bool, option: str = "-o") -> None:
    """The output's folder exists or can be made, and is writable; an existing target is a regular file
    and ``--overwrite`` was given. ``file_name`` is the name a directory ``dest`` gives the video, if known.
    """
    if not dest:
        raise InvalidInputError(option, "the output path is empty")
    target = output_target(dest, file_name)
    folder = Path(dest) if target is None else target.parent
    if target is not None:
        _check_existing(option, target, overwrite=overwrite)
    existing = folder
    while not existing.exists() and existing != existing.parent:
        if existing.is_symlink():
            raise InvalidInputError(option, f"{existing} is a broken symbolic link")
        existing = existing.parent
    if not existing.is_dir():
        inside = "" if existing == Path(dest) else f", so {dest} cannot be made in it"
        raise InvalidInputError(option, f"{existing} is a file, not a folder{inside}")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise InvalidInputError(option, f"the folder {existing.resolve()} is not writable")


def _check_existing(option: str, target: Path, *, overwrite: bool) -> None:
    try:
        mode = target.stat().st_mode  # a link to a regular file counts as one: the link is what gets replaced
    except (FileNotFoundError, NotADirectoryError):  # not there: the folder check says why, if it matters
        if target.is_symlink():
            raise InvalidInputError(option, f"{target} is a broken symbolic link") from None
        return
    except OSError as error:
        raise InvalidInputError(option, f"cannot use {target}: {error.strerror}") from None
    if not stat.S_ISREG(mode):
        raise InvalidInputError(option, f"{target} is {_kind(mode)}, not a regular file: it is never replaced")
    if not overwrite:
        raise InvalidInputError(option, f"{target} exists; add --overwrite to replace it")


def _kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((name for test, name in kinds if test(mode)), "a special file")


def check_api_address(base_url: str | None) -> None:
    """``--base-url`` or ``$FREEPIK_BASE_URL``, when given, is an http(s) URL."""
    from freepik_kling._inputs import check_url  # only a command that sends needs it, not the parser

    if base_url is not None:
        check_url("--base-url", base_url)
    elif os.environ.get("FREEPIK_BASE_URL"):
        check_url("FREEPIK_BASE_URL", os.environ["FREEPIK_BASE_URL"])


def check_api_key() -> None:
    """A key that could not go into an HTTP header fails here, named, rather than deep in httpx."""
    key = os.environ.get("FREEPIK_API_KEY", "").strip()
    if key and not (key.isascii() and key.isprintable()):
        raise InvalidInputError("FREEPIK_API_KEY", "contains characters an API key cannot have (check the copy)")
