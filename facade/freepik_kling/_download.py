"""Where a download goes, and how it lands there: a temporary file beside the target, then an atomic rename.

A reader of the target never sees a partial file, an interrupted download leaves no file behind, and an
existing file is replaced only when the caller says so. Sync and async clients share all of this and
only stream the bytes themselves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import urlsplit

from freepik_kling._task import Task, TaskStatus
from freepik_kling.errors import InvalidInputError

CHUNK_SIZE = 1024 * 1024


def plan(source: Task | str, dest: str | os.PathLike[str], index: int) -> tuple[str, Path]:
    """(URL to fetch, file to write). ``dest`` may be a directory: the file is then named after the task."""
    if isinstance(source, Task):
        if source.status != TaskStatus.COMPLETED or not source.videos:
            raise InvalidInputError("task", f"task {source.id} has no video yet (status {source.status})")
        if not 0 <= index < len(source.videos):
            raise InvalidInputError("index", f"task {source.id} has {len(source.videos)} video(s), not {index + 1}")
        url, stem = source.videos[index], source.id + (f"-{index}" if index else "")
    else:
        url = source
        stem = PurePosixPath(urlsplit(url).path).stem or "video"
    if urlsplit(url).scheme not in ("http", "https"):
        raise InvalidInputError("url", f"must be an http(s) URL, got {url[:80]!r}")
    target = Path(dest)
    if target.is_dir() or str(dest).endswith(os.sep):
        suffix = PurePosixPath(urlsplit(url).path).suffix or ".mp4"
        target = target / f"{stem}{suffix}"
    return url, target


class Progress:
    """Calls ``on_progress(bytes_so_far, total)``; total is None when the server did not say."""

    def __init__(self, headers: Mapping[str, str], on_progress: Callable[[int, int | None], object] | None) -> None:
        length = headers.get("content-length", "")
        self.total = int(length) if length.isdigit() else None
        self.done = 0
        self.on_progress = on_progress

    def add(self, count: int) -> None:
        self.done += count
        if self.on_progress is not None:
            self.on_progress(self.done, self.total)


def check_target(target: Path, overwrite: bool) -> None:
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} exists; pass overwrite=True to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)


def open_part(target: Path) -> tuple[IO[bytes], Path]:
    """A new file beside the target (so the final rename stays on one filesystem), created with the
    permissions the user's umask gives any new file, unlike tempfile's 0600."""
    part = target.with_name(f".{target.name}.{os.urandom(6).hex()}.part")
    descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    return os.fdopen(descriptor, "wb"), part


def remove_stale_parts(target: Path) -> None:
    """Delete part files a killed process left for ``target`` (only safe when nothing else downloads it)."""
    for stale in target.parent.glob(f".{target.name}.*.part"):
        stale.unlink(missing_ok=True)


def finish(handle: IO[bytes], part: Path, target: Path, overwrite: bool, fsync: bool) -> Path:
    handle.flush()
    if fsync:  # survives a power loss too; costs about a third of a fast download's time
        os.fsync(handle.fileno())
    handle.close()
    if overwrite:
        os.replace(part, target)
    else:
        try:
            os.link(part, target)  # fails if the target appeared meanwhile: never clobber
        finally:
            part.unlink()
    return target


def discard(handle: IO[bytes], part: Path) -> None:
    handle.close()
    part.unlink(missing_ok=True)
