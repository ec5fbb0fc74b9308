"""Headless Chromium (Debian's package, which `make test` installs when it runs as root) and a loopback
web server for a folder: what a reader's browser does with the built site or a contact sheet."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> str:
    """The browser's path; on CI (``$CI`` set) its absence fails the test instead of skipping it."""
    path = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
    if path is None:
        reason = "Chromium is not installed (as root: apt-get install chromium; make test does it)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must run the browser tests")
        pytest.skip(reason)
    return path


def _run(arguments: list[str]) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        return subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", *arguments],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def dump_dom(url: str) -> str:
    """The page's DOM once its scripts ran."""
    result = _run(["--virtual-time-budget=5000", "--dump-dom", url])
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def screenshot(url: str, path: Path, size: tuple[int, int] = (1400, 900)) -> Path:
    result = _run(["--virtual-time-budget=5000", f"--window-size={size[0]},{size[1]}", f"--screenshot={path}", url])
    assert result.returncode == 0, result.stderr[-2000:]
    assert path.is_file(), result.stderr[-2000:]
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` on http://127.0.0.1 at a free port, for the length of the block."""
    handler = functools.partial(_Quiet, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            thread.join()
