"""Fixtures shared by every test folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT, copy_openapi


@pytest.fixture(scope="session")
def repo_with_third_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's openapi/ whose models come from its pages alone (no official operations
    shipped) plus the kling-v2-5-pro fixture page, generated once."""
    root = tmp_path_factory.mktemp("repo")
    openapi = copy_openapi(root)
    config = openapi / "sources.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("include: [kling]", "include: []"), encoding="utf-8")
    shutil.copy(FIXTURES / "pages" / "kling-v2-5-pro.md", root / "openapi" / "pages")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.spec.generate", "--root", str(root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio through anyio's pytest plugin (anyio comes with httpx)."""
    return "asyncio"
