"""Fixtures shared by every test folder."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT, copy_openapi
from tests.pipeline import documents

OFFICIAL = Path("official") / "magnific-api-v1-openapi.yaml"


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder ``name``, made by ``make(folder)`` once per test run and shared by every pytest-xdist
    worker: the first to take the lock makes it, the others wait and read it. Readers must not change it.
    A ``make`` that fails leaves no folder, so the next worker tries again (and reports the same failure)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    folder, done = base / name, base / f"{name}.done"
    with (base / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                make(folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            done.touch()
    return folder


@pytest.fixture(scope="session")
def routes_only_official(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The official document cut down to its paths and their methods (about 18 KB for 2.2 MB), which is all a
    build of pages alone reads from it: the status and list routes a page's model takes. Parsing the whole
    document is a third of each such build."""

    def make(folder: Path) -> None:
        from scripts.spec.sources import read_yaml_file

        document = read_yaml_file(ROOT / "openapi" / OFFICIAL)
        paths = {path: {method: {} for method in item} for path, item in document["paths"].items()}
        skeleton = {"openapi": document["openapi"], "info": document["info"], "paths": paths}
        (folder / OFFICIAL.name).write_text(json.dumps(skeleton, indent=1), encoding="utf-8")  # JSON is YAML

    return once_per_run(tmp_path_factory, "official-routes", make) / OFFICIAL.name


def pages_only_openapi(root: Path, routes_only_official: Path) -> Path:
    """A copy of openapi/ under ``root`` with no official operations shipped (``include: []``), whose models
    come from its pages alone, and the official document cut down to the routes they read from it."""
    openapi = copy_openapi(root)
    documents.set_include(openapi, [])
    shutil.copy(routes_only_official, openapi / OFFICIAL)
    return openapi


def run_generate(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``make generate`` (or ``--check``) on the copy of the repository at ``root``."""
    return subprocess.run(
        [sys.executable, "-m", "scripts.spec.generate", "--root", str(root), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def repo_with_third_model(tmp_path_factory: pytest.TempPathFactory, routes_only_official: Path) -> Path:
    """A copy of the repository's openapi/ whose models come from its pages alone (no official operations
    shipped) plus the kling-v2-5-pro fixture page, generated once per run and shared: copy it to change it."""

    def make(root: Path) -> None:
        openapi = pages_only_openapi(root, routes_only_official)
        shutil.copy(FIXTURES / "pages" / "kling-v2-5-pro.md", openapi / "pages")
        result = run_generate(root)
        assert result.returncode == 0, result.stderr

    return once_per_run(tmp_path_factory, "repo-with-third-model", make)


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio through anyio's pytest plugin (anyio comes with httpx)."""
    return "asyncio"
