"""The generated model pages: each shows what the catalog holds, and its two calls work as written."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from freepik_kling._catalog import models
from freepik_kling._cli.main import main
from freepik_kling.testing import FreepikServer
from tests.docs.conftest import DOCS, blocks
from tests.helpers import mp4_boxes

PAGES = DOCS / "models"


def test_one_page_per_model_with_its_fields_and_routes() -> None:
    assert sorted(path.stem for path in PAGES.glob("*.md") if path.stem != "index") == sorted(models())
    index = (PAGES / "index.md").read_text(encoding="utf-8")
    for slug, spec in models().items():
        page = (PAGES / f"{slug}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {slug}\n")
        assert f"]({slug}.md)" in index
        for field in spec.fields:
            assert f"| `{field}` |" in page, (slug, field)
        for route in spec.routes.values():
            assert route in page, (slug, route)
        assert "## Required" in page
        assert all(f"`{name}`" in page.split("## Required", 1)[1].split("##", 1)[0] for name in spec.required)
        listing = page.split("## Listing tasks", 1)[1] if "## Listing tasks" in page else ""
        assert bool(listing) == bool(spec.list_parameters.fields), slug  # only where the list route has any
        assert all(f"| `{name}` |" in listing for name in spec.list_parameters.fields), slug
        rules = spec.list_parameters.fields
        paged = all(rules.get(name, {}).get("type") == "integer" for name in ("page", "page_size"))
        assert ("reads every page" in listing) == paged, slug  # what a bare list() does there


def test_every_python_call_works_as_written(reader: FreepikServer) -> None:
    calls = {slug: blocks(PAGES / f"{slug}.md", "python") for slug in models()}
    assert all(len(found) == 1 and found[0][1] is None for found in calls.values())

    for slug, [(code, _)] in calls.items():
        exec(compile(code, f"{slug}.md", "exec"), {"__name__": "__docs__"})  # noqa: S102
    for slug in models():
        assert mp4_boxes(Path(f"{slug}.mp4").read_bytes())[0] == "ftyp"
    creates = [r for r in reader.requests if r.method == "POST"]
    assert len(creates) == len(models())
    assert all(r.status == 200 for r in creates)
    assert not [r for r in reader.requests if r.contract_errors]


@pytest.mark.parametrize("slug", sorted(models()))
def test_the_command_line_works_as_written(slug: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (line,) = [code for code, _ in blocks(PAGES / f"{slug}.md", "sh")]
    words = shlex.split(line)
    assert words[:3] == ["freepik-kling", "animate", "--sandbox"]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FREEPIK_KLING_CACHE_DIR", str(tmp_path / "cache"))
    assert main(words[1:]) == 0
    assert mp4_boxes((tmp_path / f"{slug}.mp4").read_bytes())[0] == "ftyp"
