"""Every real published page, and operations cut from the official document, become working models with
no hand edit: generated in a temporary copy of the repository, then driven through create, get, list and
wait against the simulator (tests/drive_models.py, in a subprocess that imports the fresh package)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from scripts.spec.sources import cut, page_text, read_yaml_file
from tests.conftest import OFFICIAL, pages_only_openapi, run_generate
from tests.helpers import ROOT

CORPUS = ROOT.parent / "shared" / "pages-corpus"
if not CORPUS.is_dir():  # CI clones the repository with shared/ beside it; so does every developer
    CORPUS = Path(os.environ.get("FREEPIK_PAGES_CORPUS", "/work/shared/pages-corpus"))
PAGES = sorted(path for folder in ("kling", "other", "newformat") for path in (CORPUS / folder).glob("*.md"))
SYNCHRONOUS = {"text-to-image.md"}  # answers with images, not a task: refused with a clear error
# Create operations of the official document across families (video and image), cut into pages.
OFFICIAL_CUTS = [
    "/v1/ai/image-to-video/minimax-hailuo-2-3-768p",
    "/v1/ai/image-to-video/seedance-pro-720p",
    "/v1/ai/image-to-video/wan-v2-6-720p",
    "/v1/ai/text-to-video/wan-2-7",
    "/v1/ai/text-to-video/ltx-2-pro",
    "/v1/ai/video/kling-v3-pro",
    "/v1/ai/text-to-image/flux-dev",
    "/v1/ai/text-to-image/seedream-v4",
    "/v1/ai/image-upscaler",
    "/v1/ai/image-relight",
    "/v1/ai/image-expand/flux-pro",
]

pytestmark = [pytest.mark.skipif(not PAGES, reason=f"no page corpus at {CORPUS}"), pytest.mark.slow]


PagesOnly = Callable[[Path, list[Path]], Path]


@pytest.fixture
def pages_only_copy(routes_only_official: Path) -> PagesOnly:
    """``pages_only_copy(root, pages)``: a copy of openapi/ whose models are ``pages`` alone (the official
    document, cut down to its routes, still gives them theirs)."""

    def make(root: Path, pages: list[Path]) -> Path:
        openapi = pages_only_openapi(root, routes_only_official)
        for page in (openapi / "pages").iterdir():
            page.unlink()
        for page in pages:
            shutil.copy(page, openapi / "pages" / page.name)
        return openapi

    return make


def drive(root: Path) -> list[dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": str(root / "generated")}
    result = subprocess.run(
        [sys.executable, "-m", "tests.drive_models"], cwd=ROOT, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return [json.loads(line) for line in result.stdout.splitlines()]


def assert_all_work(results: list[dict[str, object]], slugs: set[str]) -> None:
    assert {result["slug"] for result in results} == slugs
    for result in results:
        assert result["created"] == "CREATED", result
        assert result["listed"] is True, result
        assert result["done"] == "COMPLETED", result
        assert result["videos"] == 1, result
        assert result["creates_sent"] == 1, result
        assert result["contract_errors"] == [], result


@pytest.mark.parametrize(
    "page", [p for p in PAGES if p.name not in SYNCHRONOUS], ids=lambda p: p.parent.name + "/" + p.name
)
def test_each_page_alone_becomes_a_working_model(pages_only_copy: PagesOnly, tmp_path: Path, page: Path) -> None:
    pages_only_copy(tmp_path, [page])
    result = run_generate(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert_all_work(drive(tmp_path), {page.stem})


def test_all_pages_together(pages_only_copy: PagesOnly, tmp_path: Path) -> None:
    # The two renderings of seedance-pro-1080p describe one model: the current one is taken.
    together = [p for p in PAGES if p.name not in SYNCHRONOUS and p != CORPUS / "other" / "seedance-pro-1080p.md"]
    pages_only_copy(tmp_path, together)
    result = run_generate(tmp_path)
    assert result.returncode == 0, result.stderr
    assert_all_work(drive(tmp_path), {page.stem for page in together})


def test_two_pages_for_one_model_are_refused_naming_both(pages_only_copy: PagesOnly, tmp_path: Path) -> None:
    pages = pages_only_copy(tmp_path, []) / "pages"
    shutil.copy(CORPUS / "other" / "seedance-pro-1080p.md", pages / "old.md")
    shutil.copy(CORPUS / "newformat" / "seedance-pro-1080p.md", pages / "new.md")
    result = run_generate(tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "old.md" in result.stderr
    assert "new.md" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_synchronous_page_is_refused_with_one_line(pages_only_copy: PagesOnly, tmp_path: Path) -> None:
    pages_only_copy(tmp_path, [CORPUS / "other" / "text-to-image.md"])
    result = run_generate(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert "text-to-image.md" in line
    assert "not a task" in line


def test_operations_cut_from_the_official_document(pages_only_copy: PagesOnly, tmp_path: Path) -> None:
    openapi = pages_only_copy(tmp_path, [])
    # The command line cuts the first; the rest are cut in this process from one reading of the 2 MB document,
    # and the command's page must be the one the function writes.
    command = openapi / "pages" / f"{OFFICIAL_CUTS[0].rsplit('/', 1)[-1]}.md"
    ran = subprocess.run(
        [sys.executable, "-m", "scripts.spec.cut_operation", OFFICIAL_CUTS[0], "-o", str(command)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    official = read_yaml_file(ROOT / "openapi" / OFFICIAL)
    for path in OFFICIAL_CUTS:
        page = openapi / "pages" / f"{path.rsplit('/', 1)[-1]}.md"
        text = page_text(cut(official, path), path)
        if page == command:
            assert page.read_text(encoding="utf-8") == text
        page.write_text(text, encoding="utf-8")
        assert page.read_text(encoding="utf-8").count(f"````yaml post {path}\n") == 1
    result = run_generate(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no documented status route" not in result.stderr  # each cut carries its own routes
    assert_all_work(drive(tmp_path), {path.rsplit("/", 1)[-1] for path in OFFICIAL_CUTS})
