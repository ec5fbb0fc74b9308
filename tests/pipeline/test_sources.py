"""Reading the three kinds of source: both page renderings, the official document, and the cut between them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from scripts.spec.errors import PipelineError
from scripts.spec.sources import cut, documented_routes, load_yaml, page_text, read_page, read_yaml_file
from tests.helpers import ROOT, SEED_PAGES
from tests.pipeline import documents

OFFICIAL = ROOT / "openapi" / "official" / "magnific-api-v1-openapi.yaml"


@pytest.fixture(scope="module")
def official() -> dict[str, Any]:
    document = read_yaml_file(OFFICIAL)
    assert isinstance(document, dict)
    return document


def test_yaml_12_scalars_stay_what_the_publisher_wrote() -> None:
    data = load_yaml(
        "a: 16:9\nb: [1:1, 1920:1080, 00:07]\nc: no\nd: y\ne: 2025-05-05\nf: 010\ng: 0x1F\nh: 1_000\n", "t"
    )
    assert data == {"a": "16:9", "b": ["1:1", "1920:1080", "00:07"], "c": "no", "d": "y", "e": "2025-05-05"} | {
        "f": 10,
        "g": 31,
        "h": "1_000",
    }


def test_the_official_document_keeps_its_ratios_as_strings(official: dict[str, Any]) -> None:
    written = set(re.findall(r"^\s*- (\d+:\d+)$", OFFICIAL.read_text(encoding="utf-8"), re.MULTILINE))
    if not written:
        pytest.skip("the vendored document lists no unquoted ratios")
    found: set[str] = set()
    pending: list[Any] = [official]
    while pending:  # every list in the document (enums, examples), wherever it sits
        node = pending.pop()
        if isinstance(node, dict):
            pending.extend(node.values())
        elif isinstance(node, list):
            found |= {value for value in node if isinstance(value, str) and value in written}
            pending.extend(node)
    assert found == written  # every ratio the publisher wrote bare is the string it reads as, none a number


def test_aliases_become_independent_copies() -> None:
    data = load_yaml("a: &x {k: 1}\nb: *x\n", "t")
    data["a"]["k"] = 2
    assert data["b"] == {"k": 1}


def test_older_page_becomes_standard_openapi() -> None:
    source = read_page(SEED_PAGES / "kling-v2.md")
    assert source.create_path == "/v1/ai/image-to-video/kling-v2"
    assert source.heading == "Create a video from an image using the Kling v2 model"
    body = source.operation["requestBody"]
    assert body["required"] is True
    assert body["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/itvkv2-request-content"}
    request = source.document["components"]["schemas"]["itvkv2-request-content"]
    assert request["required"] == ["duration", "image"]  # requiredProperties renamed after the flag was read
    scheme = source.document["components"]["securitySchemes"]["apiKey"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "x-freepik-api-key")


def test_current_page_is_taken_as_it_is(tmp_path: Path, official: dict[str, Any]) -> None:
    path = documents.plain_model(official)
    page = tmp_path / "model.md"
    page.write_text(page_text(cut(official, path), path))
    source = read_page(page)
    assert source.kind == "page"
    assert source.create_path == path
    assert source.routes == documented_routes(official, path)
    assert source.heading == (official["paths"][path]["post"].get("summary") or path)


def test_cut_holds_the_operation_its_routes_and_only_what_they_reference(official: dict[str, Any]) -> None:
    path = documents.plain_model(official)
    piece = cut(official, path)
    assert set(piece["paths"]) == {path, *documented_routes(official, path).values()}
    schemas = piece["components"]["schemas"]
    assert set(schemas) < set(official["components"]["schemas"])  # only what it references
    referenced = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(piece)))
    assert referenced == set(schemas)
    assert piece["components"]["securitySchemes"] == official["components"]["securitySchemes"]


ROUTED: dict[str, Any] = {
    "paths": {
        **{
            path: {"get": {}}
            for path in (
                "/v1/ai/image-to-video/kling-v2-1/{task-id}",
                "/v1/ai/image-to-video/kling-v2-1-pro",
                "/v1/ai/image-to-video/kling-o1/{task-id}",
                "/v1/ai/image-to-video/kling-o1",
                "/v1/ai/image-to-video/kling/{task-id}",
                "/v1/ai/image-to-video/kling-std",
                "/v1/ai/reference-to-video/kling-v3-omni/{task-id}",
                "/v1/ai/reference-to-video/kling-v3-omni",
                "/v1/ai/video/kling-v3-omni/{task-id}",  # another folder: never a reference-to-video route
                "/v1/ai/text-to-video/kling-v3-turbo/{task-id}",
                "/v1/ai/text-to-video/kling-v3-turbo",
                "/v1/ai/video/kling-v3/{task-id}",  # not a prefix of kling-v2-6-motion-control-pro
            )
        },
        "/v1/ai/video/kling-v2-6-motion-control-pro": {"post": {}},
    }
}
"""GET routes laid out as the publisher does, to read its rule on (not the vendored document's content)."""


@pytest.mark.parametrize(
    ("create", "status", "listing"),
    [
        (
            "/v1/ai/image-to-video/kling-v2-1-pro",
            "/v1/ai/image-to-video/kling-v2-1/{task-id}",
            "/v1/ai/image-to-video/kling-v2-1-pro",
        ),
        (
            "/v1/ai/image-to-video/kling-o1-std-video-reference",
            "/v1/ai/image-to-video/kling-o1/{task-id}",
            "/v1/ai/image-to-video/kling-o1",
        ),
        (
            "/v1/ai/reference-to-video/kling-v3-omni-pro",
            "/v1/ai/reference-to-video/kling-v3-omni/{task-id}",
            "/v1/ai/reference-to-video/kling-v3-omni",
        ),
        (
            "/v1/ai/text-to-video/kling-v3-turbo-720p",
            "/v1/ai/text-to-video/kling-v3-turbo/{task-id}",
            "/v1/ai/text-to-video/kling-v3-turbo",
        ),
        ("/v1/ai/image-to-video/kling-std", "/v1/ai/image-to-video/kling/{task-id}", "/v1/ai/image-to-video/kling-std"),
    ],
)
def test_routes_by_the_longest_prefix_in_the_same_folder(create: str, status: str, listing: str) -> None:
    assert documented_routes(ROUTED, create) == {"status": status, "list": listing}


def test_a_create_without_a_status_route_in_its_folder_has_none() -> None:
    assert "status" not in documented_routes(ROUTED, "/v1/ai/video/kling-v2-6-motion-control-pro")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("# no fence here\n", "no fenced block"),
        ("````yaml get /v1/x\npaths: {}\n````\n", "only create (POST) pages"),
        ("````yaml post /v1/x\npaths: [\n````\n", "malformed YAML"),
        ("````yaml post /v1/x\nopenapi: 3.0.0\npaths: {/v1/y: {post: {}}}\n````\n", "have no such operation"),
        ("````yaml post /v1/x\npaths: {path: /v1/y, method: post}\n````\n", "paths says 'post /v1/y'"),
        (
            "````yaml post /v1/x\nopenapi: 3.0.0\n"
            "paths: {/v1/x: {post: {requestBody: {$ref: '#/components/schemas/gone'}}}}\n````\n",
            "points at nothing",
        ),
        ("\udcff".encode("utf-8", "surrogateescape").decode("latin-1"), "no fenced block"),
    ],
)
def test_a_bad_page_is_named_with_its_problem(tmp_path: Path, text: str, problem: str) -> None:
    page = tmp_path / "bad.md"
    page.write_text(text, encoding="utf-8")
    with pytest.raises(PipelineError) as caught:
        read_page(page)
    assert caught.value.source == str(page)
    assert problem in caught.value.problem


def test_a_page_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    page = tmp_path / "latin1.md"
    page.write_bytes(b"# caf\xe9\n")
    with pytest.raises(PipelineError, match=r"latin1\.md: cannot read"):
        read_page(page)
