"""Where videos land: ``<out>/<job id>.mp4``, placed whole, never over a file that is not this batch's.

Each run downloads into its own hidden folder in ``--out`` and links the finished file into place. A run
killed mid-download leaves its partial files in its own folder only, which the next run of the same journal
deletes (it holds the journal's lock, so that run is dead); a run on another journal never touches them.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
from pathlib import Path

from freepik_kling._client import AsyncFreepik
from freepik_kling._task import Task
from freepik_kling.errors import InvalidInputError

RUN_FOLDER_PREFIX = ".freepik-kling-run-"


class ForeignFileError(Exception):
    """The video's place holds a file this batch did not put there."""


class OutFolder:
    def __init__(self, path: Path) -> None:
        self.path = path.absolute()
        self.run_folder = self.path / f"{RUN_FOLDER_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"

    def target(self, job_id: str) -> Path:
        target = self.path / f"{job_id}.mp4"
        if target.parent != self.path:  # ids are checked to be plain file names; this is the last guard
            raise InvalidInputError("id", f"{job_id!r} would write outside {self.path}")
        return target

    def check(self) -> None:
        """Before anything is made or sent: ``--out`` is a folder, or can become one."""
        try:
            existing = self.path
            while not existing.exists():
                existing = existing.parent
            if not existing.is_dir():
                raise InvalidInputError("out", f"{existing} is a file, not a folder")
            if not os.access(existing, os.W_OK):
                raise InvalidInputError("out", f"cannot write to {existing}")
        except OSError as error:  # a name too long, say
            raise InvalidInputError("out", f"cannot use {self.path}: {error.strerror or error}") from None

    def prepare(self) -> None:
        """Create ``--out`` and this run's folder in it: the proof, before anything is sent, that videos
        can be written there."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self.run_folder.mkdir()
        except FileExistsError:
            raise InvalidInputError("out", f"{self.path} is a file, not a folder") from None
        except OSError as error:
            raise InvalidInputError("out", f"cannot write to {self.path}: {error.strerror or error}") from None

    def placed_by(self, job_id: str, run_folders: list[Path]) -> bool:
        """Whether the video in place is one a dead run of this journal placed before it could record it."""
        target = self.target(job_id)
        for folder in run_folders:
            staged = folder / target.name
            with contextlib.suppress(OSError):
                if os.path.samefile(staged, target):
                    return True
        return False

    async def save(self, client: AsyncFreepik, job_id: str, task: Task, timeout: float) -> Path:
        """Download the task's video into this run's folder within ``timeout`` seconds, then link it into place
        (both on one file system, so the video appears whole or not at all)."""
        staged = self.run_folder / f"{job_id}.mp4"
        staged.unlink(missing_ok=True)  # an earlier try in this run
        await client.download(task, staged, fsync=True, timeout=timeout)  # "downloaded" must survive a power loss
        target = self.target(job_id)
        try:
            os.link(staged, target)
        except FileExistsError:
            if not os.path.samefile(staged, target):
                raise ForeignFileError(f"{target} exists and is not this batch's video: move it away") from None
        _sync_folder(self.path)
        return target

    def discard(self, job_id: str) -> None:
        (self.run_folder / f"{job_id}.mp4").unlink(missing_ok=True)

    def close(self) -> None:
        remove_run_folder(self.run_folder)


def remove_run_folder(folder: Path) -> None:
    if folder.name.startswith(RUN_FOLDER_PREFIX) and not folder.is_symlink():
        shutil.rmtree(folder, ignore_errors=True)


def _sync_folder(path: Path) -> None:
    """Make a new name in ``path`` survive a power loss (POSIX only; Windows cannot open folders)."""
    if sys.platform == "win32":
        return
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
