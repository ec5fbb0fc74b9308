"""One ``download()``: which URL, which file, and how it lands there: a part file beside the target, then an
atomic rename.

A reader of the target never sees a partial file, an interrupted download leaves no file behind, and an
existing file is replaced only when the caller says so. Everything here is shared by both clients, which
only stream the bytes (and fetch a task's video URLs first when it has none).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import IO, Self, TypedDict
from urllib.parse import urlsplit

import httpx

from freepik_kling._policy import check_count, check_options, task_id
from freepik_kling._task import Task, TaskStatus
from freepik_kling.errors import InvalidInputError, TaskFailedError, TaskNotReadyError

CHUNK_SIZE = 1024 * 1024
StrPath = str | os.PathLike[str]


class DownloadOptions(TypedDict, total=False):
    """``download()``'s options, all optional."""

    overwrite: bool
    """Replace an existing file (default: refuse)."""
    index: int
    """Which of the task's videos (default 0)."""
    on_progress: Callable[[int, int | None], object] | None
    """Called after each chunk with (bytes so far, total or None when the server did not say)."""
    fsync: bool
    """Flush the file to disk before the rename, so it survives a power loss (default: off)."""
    timeout: float
    """Seconds the whole download may take, fetching the video URLs and the retries included (default: no
    bound but each request's timeout)."""


class Download:
    """One ``download()``: the URL and the target it decides, and the part file the body streams into.

    Used as a ``with`` block around the tries: each try starts the part file afresh, ``finish`` puts it
    in place of the target, and leaving the block removes the part file (the target keeps what finish gave).
    """

    def __init__(self, source: Task | str, dest: StrPath, options: DownloadOptions) -> None:
        check_options("download", options, DownloadOptions)
        self.index = check_count("index", options.get("index", 0))
        if not isinstance(dest, str | os.PathLike):
            raise InvalidInputError("dest", f"must be a path, got {type(dest).__name__}")
        if not isinstance(source, Task | str):
            raise InvalidInputError("task", f"must be a Task or a video URL, got {type(source).__name__}")
        if isinstance(source, Task) and source.status == TaskStatus.FAILED:
            raise TaskFailedError(source)
        if isinstance(source, Task) and not source.videos and not source.model:
            raise InvalidInputError("task", f"task {source.id} has no video URLs and no model to fetch them from")
        self.source, self.dest, self.options = source, dest, options

    def plan(self) -> str:
        """The URL to fetch, once the task has its videos; decides ``self.target``. ``dest`` may be a
        directory: the file is then named after the task (or the URL)."""
        if isinstance(self.source, Task):
            task = self.source
            if task.status != TaskStatus.COMPLETED or not task.videos:
                raise TaskNotReadyError(task)
            if self.index >= len(task.videos):
                raise InvalidInputError("index", f"out of range: task {task.id} has {len(task.videos)} video(s)")
            url, stem = task.videos[self.index], task_id(task) + (f"-{self.index}" if self.index else "")  # no "/"
        else:
            url, stem = self.source, PurePosixPath(urlsplit(self.source).path).stem or "video"
        if urlsplit(url).scheme not in ("http", "https"):
            raise InvalidInputError("url", f"must be an http(s) URL, got {url[:80]!r}")
        self.target = Path(self.dest)
        if self.target.is_dir() or str(self.dest).endswith(os.sep):
            self.target = self.target / f"{stem}{PurePosixPath(urlsplit(url).path).suffix or '.mp4'}"
        if self.target.exists() and not self.options.get("overwrite"):
            raise FileExistsError(f"{self.target} exists; pass overwrite=True to replace it")
        self.target.parent.mkdir(parents=True, exist_ok=True)
        return url

    def __enter__(self) -> Self:
        # Beside the target, so the rename stays on one filesystem; with the permissions the user's umask
        # gives any new file, unlike tempfile's 0600.
        self.part = self.target.with_name(f".{self.target.name}.{os.urandom(6).hex()}.part")
        self.handle: IO[bytes] = os.fdopen(os.open(self.part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb")
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.handle.close()
        self.part.unlink(missing_ok=True)  # gone already once renamed onto the target

    def start(self, response: httpx.Response) -> None:
        """A try's 2xx response is about to stream its body; what an earlier try wrote is dropped."""
        if self.handle.tell():  # never an empty file: ext4 then flushes it on close (a 200 MB download, 15% slower)
            self.handle.seek(0)
            self.handle.truncate()
        length = response.headers.get("content-length", "")
        self.done, self.total = 0, int(length) if length.isdigit() else None

    def write(self, chunk: bytes) -> None:
        self.handle.write(chunk)
        self.done += len(chunk)
        if (on_progress := self.options.get("on_progress")) is not None:
            on_progress(self.done, self.total)

    def finish(self) -> Path:
        self.handle.flush()
        if self.options.get("fsync"):  # costs about a third of a fast download's time
            os.fsync(self.handle.fileno())
        self.handle.close()
        # Without overwrite, a link: it fails if the target appeared meanwhile, which is never clobbered.
        (os.replace if self.options.get("overwrite") else os.link)(self.part, self.target)
        return self.target
