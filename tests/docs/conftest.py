"""The documentation's code, run as a reader would run it: against the simulator, from a folder holding the
images the snippets name, with only FREEPIK_BASE_URL and FREEPIK_API_KEY pointing at it. The clients and
batches the snippets make keep the simulator's clock, so their waits (polls 2 s apart) take no real time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from freepik_kling import _client
from freepik_kling.batch import _api
from freepik_kling.testing import FreepikServer, Timings
from tests.helpers import ROOT, image_bytes

DOCS = ROOT / "docs"
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```$", re.MULTILINE | re.DOTALL)
NOT_RUN = re.compile(r"<!-- not run: (\S.*?) -->\s*$")


def blocks(page: Path, language: str) -> list[tuple[str, str | None]]:
    """The page's code blocks in ``language``, each with the reason it is marked not runnable (or None)."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        if match[1] != language:
            continue
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        reason = NOT_RUN.search(before)
        found.append((match[2], reason[1] if reason else None))
    return found


@pytest.fixture(scope="module")
def _docs_server() -> Iterator[FreepikServer]:
    with FreepikServer(timings=Timings(queued=0.05, processing=0.2), max_in_progress=None) as server:
        yield server


@pytest.fixture
def reader(_docs_server: FreepikServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FreepikServer:
    """The simulator, reset, as the reader's environment: the variables set, and as the current folder one
    holding cat.jpg and friends and a jobs.jsonl of one job."""
    for name in ("cat.jpg", "sun.jpg"):
        (tmp_path / name).write_bytes(image_bytes(640, 480, kind="JPEG"))
    for name in ("start.png", "end.png"):
        (tmp_path / name).write_bytes(image_bytes(640, 480))
    (tmp_path / "jobs.jsonl").write_text('{"id": "cat-1", "image": "cat.jpg", "prompt": "A cat", "duration": 5}\n')
    for name in ("FREEPIK_WEBHOOK_SECRET", "MAGNIFIC_API_KEY", "MAGNIFIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FREEPIK_BASE_URL", _docs_server.base_url)
    monkeypatch.setenv("FREEPIK_API_KEY", _docs_server.api_key)
    monkeypatch.setenv("FREEPIK_KLING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    for module in (_client, _api):  # where Freepik(), AsyncFreepik() and Batch() take the time from
        monkeypatch.setattr(module, "SystemClock", lambda: _docs_server.clock)
    _docs_server.reset()
    return _docs_server
