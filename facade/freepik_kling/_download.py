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
from typing import IO, Any, ClassVar, Self, TypedDict
from urllib.parse import urlsplit

import httpx

from freepik_kling._http import Exchange
from freepik_kling._policy import check_count, check_options
from freepik_kling._task import Task, TaskStatus
from freepik_kling.errors import InvalidInputError

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


class Download:
    """What one ``download()`` decides: the URL, the target, whether the task's video URLs must be fetched."""

    def __init__(self, source: Task | str, dest: StrPath, options: DownloadOptions) -> None:
        check_options("download", options, DownloadOptions)
        self.index = check_count("index", options.get("index", 0))
        if not isinstance(dest, str | os.PathLike):
            raise InvalidInputError("dest", f"must be a path, got {type(dest).__name__}")
        self.dest, self.source = dest, source
        self.overwrite = options.get("overwrite", False)
        self.on_progress = options.get("on_progress")
        self.fsync = options.get("fsync", False)
        if isinstance(source, Task) and source.status == TaskStatus.FAILED:
            raise InvalidInputError("task", f"task {source.id} FAILED: it has no video")
        if isinstance(source, Task) and not source.videos and not source.model:
            raise InvalidInputError("task", f"task {source.id} has no video URLs and no model to fetch them from")
        if not isinstance(source, Task | str):
            raise InvalidInputError("task", f"must be a Task or a video URL, got {type(source).__name__}")

    @property
    def stale(self) -> Task | None:
        """The task whose video URLs must be fetched first: one from create() or list() carries none."""
        return self.source if isinstance(self.source, Task) and not self.source.videos else None

    def plan(self) -> tuple[str, Path]:
        """(URL to fetch, file to write), once the task has its videos. ``dest`` may be a directory: the file
        is then named after the task (or the URL)."""
        if isinstance(self.source, Task):
            task = self.source
            if task.status != TaskStatus.COMPLETED or not task.videos:
                raise InvalidInputError("task", f"task {task.id} has no video yet (status {task.status})")
            if self.index >= len(task.videos):
                raise InvalidInputError(
                    "index", f"task {task.id} has {len(task.videos)} video(s), not {self.index + 1}"
                )
            url, stem = task.videos[self.index], task.id + (f"-{self.index}" if self.index else "")
        else:
            url, stem = self.source, PurePosixPath(urlsplit(self.source).path).stem or "video"
        if urlsplit(url).scheme not in ("http", "https"):
            raise InvalidInputError("url", f"must be an http(s) URL, got {url[:80]!r}")
        target = Path(self.dest)
        if target.is_dir() or str(self.dest).endswith(os.sep):
            target = target / f"{stem}{PurePosixPath(urlsplit(url).path).suffix or '.mp4'}"
        if target.exists() and not self.overwrite:
            raise FileExistsError(f"{target} exists; pass overwrite=True to replace it")
        target.parent.mkdir(parents=True, exist_ok=True)
        return url, target


class Attempt(Exchange):
    """One try at a download: the request, and the part file its body streams into, removed on leaving a
    ``with`` block unless the try finished."""

    # Video URLs are signed: they need nobody's credentials, and may redirect to storage elsewhere.
    send_options: ClassVar[dict[str, Any]] = {"auth": None, "follow_redirects": True}

    def __init__(self, request: httpx.Request, download: Download, target: Path) -> None:
        super().__init__(request)
        self.download, self.target = download, target
        # Beside the target, so the rename stays on one filesystem; with the permissions the user's umask
        # gives any new file, unlike tempfile's 0600.
        self.part = target.with_name(f".{target.name}.{os.urandom(6).hex()}.part")
        self.handle: IO[bytes] = os.fdopen(os.open(self.part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb")
        self.done = 0
        self.total: int | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self.handle.closed:
            self.handle.close()
            self.part.unlink(missing_ok=True)

    def writer(self, response: httpx.Response) -> Callable[[bytes], object] | None:
        length = response.headers.get("content-length", "")
        self.total = int(length) if length.isdigit() else None
        return self.write if response.is_success else None

    def write(self, chunk: bytes) -> None:
        self.handle.write(chunk)
        self.done += len(chunk)
        if self.download.on_progress is not None:
            self.download.on_progress(self.done, self.total)

    def finish(self) -> Path:
        self.handle.flush()
        if self.download.fsync:  # costs about a third of a fast download's time
            os.fsync(self.handle.fileno())
        self.handle.close()
        if self.download.overwrite:
            os.replace(self.part, self.target)
        else:
            try:
                os.link(self.part, self.target)  # fails if the target appeared meanwhile: never clobber
            finally:
                self.part.unlink()
        return self.target
