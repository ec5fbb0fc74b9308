"""Reading a documentation page: the fence, the YAML, and the errors that name the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.errors import PipelineError
from scripts.pages import load_yaml, read_page
from tests.helpers import SEED_PAGES, seed_document, write_page


def test_seed_page_fence_and_slug() -> None:
    page = read_page(SEED_PAGES / "kling-elements-std.md")
    assert page.method == "post"
    assert page.path == "/v1/ai/image-to-video/kling-elements-std"
    assert page.slug == "kling-elements-std"
    assert page.title == "Create a video from an image - Kling Elements Std model"


def test_aliases_become_independent_copies() -> None:
    # 400 and 401 share `&ref_1` in the page; editing one must not edit the other.
    document = seed_document()
    first = document["paths"]["response"]["400"]["application/json"]["schemaArray"][0]["example"]
    second = document["paths"]["response"]["401"]["application/json"]["schemaArray"][0]["example"]
    assert first == second == {"message": "message"}
    first["message"] = "changed"
    assert second["message"] == "message"


def test_yaml_1_1_surprises_stay_strings(tmp_path: Path) -> None:
    data = load_yaml("when: 2025-05-05T10:00:00Z\nkey: y\nanswer: no\nflag: true\n", tmp_path / "x.yaml")
    assert data == {"when": "2025-05-05T10:00:00Z", "key": "y", "answer": "no", "flag": True}


def test_inner_three_backtick_fence_does_not_end_the_block(tmp_path: Path) -> None:
    document = seed_document()
    document["paths"]["request"]["body"]["application/json"]["schemaArray"][0]["description"] = "a\n```\nb"
    page = read_page(write_page(tmp_path, "page.md", document))
    assert page.document["paths"]["request"]["body"]["application/json"]["schemaArray"][0]["description"]


def test_no_fence_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nofence.md"
    path.write_text("# A page\n\n```yaml\npaths: {}\n```\n", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"nofence\.md: no fenced block"):
        read_page(path)


def test_malformed_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    path.write_text("````yaml post /v1/x\npaths: [unclosed\n````\n", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"broken\.md: malformed YAML"):
        read_page(path)


def test_fence_and_paths_must_agree(tmp_path: Path) -> None:
    path = write_page(tmp_path, "mismatch.md", seed_document(), fence="yaml post /v1/ai/other")
    with pytest.raises(PipelineError, match=r"mismatch\.md: fence says 'post /v1/ai/other'"):
        read_page(path)
