"""Each rule of the merge, on the repository's sources and on small pages written by the tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.spec.build import build, qualified_names
from scripts.spec.errors import PipelineError
from scripts.spec.generate import GOLDEN as GOLDEN_FILE
from scripts.spec.sources import documented_routes
from scripts.spec.validate import check
from tests.helpers import ROOT, copy_openapi
from tests.pipeline import documents

SCHEMAS = "#/components/schemas/"
GOLDEN = ROOT / GOLDEN_FILE
TASK = {
    "type": "object",
    "required": ["data"],
    "properties": {
        "data": {
            "type": "object",
            "required": ["task_id", "status"],
            "properties": {"task_id": {"type": "string"}, "status": {"type": "string"}},
        }
    },
}
DETAIL = {
    "type": "object",
    "required": ["data"],
    "properties": {
        "data": {
            "type": "object",
            "required": ["task_id", "status", "generated"],
            "properties": {
                "task_id": {"type": "string"},
                "status": {"type": "string"},
                "generated": {"type": "array", "items": {"type": "string"}},
            },
        }
    },
}


@pytest.fixture(scope="module")
def merged() -> dict[str, Any]:
    return build(ROOT / "openapi").document


def page(
    directory: Path,
    slug: str,
    request: dict[str, Any],
    *,
    folder: str = "image-to-video",
    components: dict[str, Any] | None = None,
    answer: dict[str, Any] = TASK,
    header: str = "x-freepik-api-key",
    key_text: str = "Your key",
    examples: dict[str, Any] | None = None,
    extra_paths: dict[str, Any] | None = None,
) -> Path:
    """A page in the current rendering: a whole OpenAPI document for one create operation."""
    path = f"/v1/ai/{folder}/{slug}"
    media: dict[str, Any] = {"schema": request}
    if examples:
        media["examples"] = {name: {"value": value} for name, value in examples.items()}
    document = {
        "openapi": "3.0.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://api.freepik.com"}],
        "security": [{"apiKey": []}],
        "paths": {
            path: {
                "post": {
                    "summary": f"{slug.title()} - Create video",
                    "requestBody": {"required": True, "content": {"application/json": media}},
                    "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": answer}}}},
                }
            },
            **(extra_paths or {}),
        },
        "components": {
            "schemas": components or {},
            "securitySchemes": {"apiKey": {"type": "apiKey", "in": "header", "name": header, "description": key_text}},
        },
    }
    file = directory / f"{slug}.md"
    file.write_text(f"# {slug}\n\n````yaml post {path}\n{yaml.safe_dump(document, sort_keys=False)}````\n")
    return file


@pytest.fixture
def openapi(tmp_path: Path) -> Path:
    """A copy of openapi/ with no pages and no official operations shipped (the document still gives routes)."""
    directory = copy_openapi(tmp_path)
    for file in (directory / "pages").iterdir():
        file.unlink()
    documents.set_include(directory, [])
    return directory


def schema(document: dict[str, Any], name: str) -> dict[str, Any]:
    result: dict[str, Any] = document["components"]["schemas"][name]
    return result


MASKS = {
    "type": "object",
    "required": ["duration"],
    "properties": {
        "duration": {"type": "string", "enum": ["5", "10"]},
        "dynamic_masks": {"type": "array", "items": {"$ref": "#/components/schemas/itvkp_inner"}},
    },
}
MASK_COMPONENTS = {
    "itvkp_inner": {
        "type": "object",
        "required": ["mask", "trajectories"],
        "properties": {
            "mask": {"type": "string", "description": "Mask image: Base64 or URL"},
            "trajectories": {"type": "array", "items": {"$ref": "#/components/schemas/itvkp_inner_inner"}},
        },
    },
    "itvkp_inner_inner": {
        "type": "object",
        "required": ["x", "y"],
        "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}},
    },
}


def test_nested_schemas_are_named_from_model_and_path_and_shared(openapi: Path) -> None:
    page(openapi / "pages", "kling-pro", MASKS, components=MASK_COMPONENTS)
    page(openapi / "pages", "kling-std", MASKS, components=MASK_COMPONENTS)
    document = build(openapi).document
    masks = schema(document, "KlingProRequest")["properties"]["dynamic_masks"]
    assert masks["items"] == {"$ref": SCHEMAS + "KlingProDynamicMask"}
    trajectories = schema(document, "KlingProDynamicMask")["properties"]["trajectories"]
    assert trajectories["items"] == {"$ref": SCHEMAS + "KlingProDynamicMaskTrajectory"}
    # The identical shape of the second model is the same component, not a copy.
    assert schema(document, "KlingStdRequest")["properties"]["dynamic_masks"] == masks
    assert "KlingStdDynamicMask" not in document["components"]["schemas"]
    assert not [name for name in document["components"]["schemas"] if "itvkp" in name]


def test_names_yaml_only_overrides(openapi: Path) -> None:
    page(openapi / "pages", "kling-pro", MASKS, components=MASK_COMPONENTS)
    (openapi / "names.yaml").write_text("KlingProDynamicMask: MotionBrush\n")
    document = build(openapi).document
    assert "MotionBrush" in document["components"]["schemas"]
    assert "KlingProDynamicMask" not in document["components"]["schemas"]


def test_a_title_does_not_rename_the_request(openapi: Path) -> None:
    titled = {**MASKS, "title": "Image to Video"}
    page(openapi / "pages", "kling-a", titled, components=MASK_COMPONENTS)
    page(openapi / "pages", "kling-b", titled, components=MASK_COMPONENTS)
    document = build(openapi).document
    assert {"KlingARequest", "KlingBRequest"} <= set(document["components"]["schemas"])
    assert "title" not in str(schema(document, "KlingARequest"))


def test_alternatives_of_a_base_and_extras_become_any_of(openapi: Path) -> None:
    base = {"type": "object", "properties": {"prompt": {"type": "string"}, "duration": {"type": "integer"}}}
    request = {
        "oneOf": [
            {"title": "Text to Video", "allOf": [{"$ref": "#/components/schemas/base"}, {"required": ["prompt"]}]},
            {
                "title": "Image to Video",
                "allOf": [
                    {"$ref": "#/components/schemas/base"},
                    {"properties": {"image": {"type": "string", "description": "Image URL"}}, "required": ["image"]},
                ],
            },
        ]
    }
    page(openapi / "pages", "kling-two", request, components={"base": base})
    document = build(openapi).document
    body = document["paths"]["/v1/ai/image-to-video/kling-two"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"] == {
        "anyOf": [{"$ref": SCHEMAS + "KlingTwoTextToVideoRequest"}, {"$ref": SCHEMAS + "KlingTwoImageToVideoRequest"}]
    }
    image = schema(document, "KlingTwoImageToVideoRequest")
    assert set(image["properties"]) == {"prompt", "duration", "image"}
    assert image["required"] == ["image"]
    assert schema(document, "KlingTwoTextToVideoRequest")["required"] == ["prompt"]
    assert [shape["name"] for shape in document["x-freepik-models"]["kling-two"]["shapes"]] == [
        "TextToVideo",
        "ImageToVideo",
    ]


def test_required_beside_an_all_of_is_kept(openapi: Path) -> None:
    request = {"required": ["prompt"], "allOf": [{"type": "object", "properties": {"prompt": {"type": "string"}}}]}
    page(openapi / "pages", "ltx-two", request, folder="text-to-video")
    assert schema(build(openapi).document, "LtxTwoRequest")["required"] == ["prompt"]


def test_security_is_compared_by_type_place_and_header(openapi: Path) -> None:
    page(openapi / "pages", "kling-a", MASKS, components=MASK_COMPONENTS, key_text="Your Freepik API key.")
    page(openapi / "pages", "kling-b", MASKS, components=MASK_COMPONENTS, key_text="Other words entirely")
    document = build(openapi).document
    assert list(document["components"]["securitySchemes"]) == ["apiKey"]
    page(openapi / "pages", "kling-c", MASKS, components=MASK_COMPONENTS, header="x-other-key")
    schemes = build(openapi).document["components"]["securitySchemes"]
    assert sorted(scheme["name"] for scheme in schemes.values()) == ["x-freepik-api-key", "x-other-key"]


def test_the_official_host_gets_its_own_key_header(merged: dict[str, Any]) -> None:
    assert merged["servers"][0]["url"] == "https://api.freepik.com"  # the seeds' pair stays the default
    assert merged["x-freepik-key-headers"]["https://api.freepik.com"] == "x-freepik-api-key"
    official = documents.official()
    (scheme,) = [s for s in official["components"]["securitySchemes"].values() if s.get("in") == "header"]
    for server in official["servers"]:  # whatever host and header the vendored document pairs
        assert merged["x-freepik-key-headers"][server["url"].rstrip("/")] == scheme["name"]


def test_a_broken_publisher_example_is_dropped_with_a_warning(openapi: Path) -> None:
    examples = {"good": {"duration": "5"}, "bad": {"duration": 7}}
    page(openapi / "pages", "kling-ex", MASKS, components=MASK_COMPONENTS, examples=examples)
    built = build(openapi)
    content = built.document["paths"]["/v1/ai/image-to-video/kling-ex"]["post"]["requestBody"]["content"]
    assert list(content["application/json"]["examples"]) == ["good"]
    (warning,) = [w for w in built.warnings if "dropped" in w]
    assert "kling-ex.md" in warning
    assert "'bad'" in warning
    assert "duration" in warning


def test_a_broken_example_in_our_own_fragments_fails_the_build(openapi: Path) -> None:
    page(openapi / "pages", "kling-ex", MASKS, components=MASK_COMPONENTS)
    operations = openapi / "fragments" / "operations.yaml"
    operations.write_text(operations.read_text().replace("status: IN_PROGRESS", "status: 12", 1))
    document = build(openapi).document
    with pytest.raises(PipelineError, match="examples do not match"):
        check(document, "merged")


def test_a_create_that_answers_with_the_task_detail(openapi: Path) -> None:
    page(openapi / "pages", "relight", {"type": "object", "properties": {"prompt": {"type": "string"}}}, answer=DETAIL)
    create = build(openapi).document["paths"]["/v1/ai/image-to-video/relight"]["post"]
    assert create["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": SCHEMAS + "TaskDetailResponse"
    }


def test_routes_from_the_official_document_overrides_and_default(openapi: Path) -> None:
    page(openapi / "pages", "kling-v2-1-pro", MASKS, components=MASK_COMPONENTS)
    page(openapi / "pages", "brand-new", MASKS, components=MASK_COMPONENTS)
    page(openapi / "pages", "kling-pro", MASKS, components=MASK_COMPONENTS)
    (openapi / "routes.yaml").write_text("kling-pro:\n  status: /v1/ai/image-to-video/elsewhere/{task-id}\n")
    built = build(openapi)
    paths = set(built.document["paths"])
    assert "/v1/ai/image-to-video/kling-v2-1/{task-id}" in paths  # the official rule
    assert "/v1/ai/image-to-video/elsewhere/{task-id}" in paths  # routes.yaml wins
    assert "/v1/ai/image-to-video/brand-new/{task-id}" in paths  # the default...
    assert [w for w in built.warnings if "brand-new" in w and "no documented status route" in w]  # ...said aloud


PAGE = {
    "name": "page",
    "in": "query",
    "description": "Page number,\n  1-indexed",
    "schema": {"type": "integer", "minimum": 1},
}
KEPT_PAGE = {
    "name": "page",
    "in": "query",
    "description": "Page number, 1-indexed",
    "schema": {"type": "integer", "minimum": 1},
}


def _list_operation(document: dict[str, Any], path: str) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"][path]["get"]
    return operation


def test_a_list_routes_query_parameters_are_kept_and_the_others_dropped_aloud(
    tmp_path: Path, merged: dict[str, Any]
) -> None:
    document = documents.official()
    _, route = documents.own_list_route(document)
    size = {"type": "integer", "maximum": 50, "title": "Size"}
    document["components"].setdefault("parameters", {})["test-size"] = {
        "name": "page_size", "in": "query", "required": True, "schema": size,
    }  # fmt: skip
    document["paths"][route]["parameters"] = [PAGE]  # on the path: every method's
    document["paths"][route]["get"]["parameters"] = [
        {"$ref": "#/components/parameters/test-size"},
        {"name": "x-trace", "in": "header", "schema": {"type": "string"}},  # not a query parameter: not list()'s
        {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["new", "old"]}},
        {"name": "pageToken", "in": "query", "schema": {"type": "string"}},
        {"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}},
    ]
    openapi = copy_openapi(tmp_path)
    (openapi / "official" / documents.OFFICIAL.name).write_bytes(documents.dump(document))
    built = build(openapi)
    assert _list_operation(built.document, route)["parameters"] == [
        KEPT_PAGE,
        {"name": "page_size", "in": "query", "required": True, "schema": {"type": "integer", "maximum": 50}},
    ]
    dropped = [warning for warning in built.warnings if f"GET {route}: query parameter" in warning]
    assert [warning.split("query parameter ")[1].split(" ")[0] for warning in dropped] == [
        "'sort'", "'pageToken'", "'since'",
    ]  # fmt: skip
    lists = {path for path, item in merged["paths"].items() if "get" in item and "{" not in path} - {route}
    assert lists
    assert all(_list_operation(built.document, path) == _list_operation(merged, path) for path in lists)
    check(built.document, tmp_path / "merged.yaml")


def test_a_pages_own_list_route_gives_its_parameters(openapi: Path) -> None:
    path = "/v1/ai/image-to-video/kling-paged-tasks"  # a GET path of its own without {task-id}: its list route
    listing = {"get": {"parameters": [PAGE], "responses": {"200": {"description": "OK"}}}}
    page(openapi / "pages", "kling-paged", MASKS, components=MASK_COMPONENTS, extra_paths={path: listing})
    built = build(openapi)
    assert _list_operation(built.document, path)["parameters"] == [KEPT_PAGE]


def test_routes_for_an_unknown_model_fail(openapi: Path) -> None:
    page(openapi / "pages", "kling-pro", MASKS, components=MASK_COMPONENTS)
    (openapi / "routes.yaml").write_text("kling-nope:\n  status: /v1/x/{task-id}\n")
    with pytest.raises(PipelineError, match="kling-nope"):
        build(openapi)


def test_slugs_are_made_unique_by_folder_precedence() -> None:
    names = qualified_names(
        [
            "/v1/ai/text-to-video/kling-v3-turbo-720p",
            "/v1/ai/image-to-video/kling-v3-turbo-720p",
            "/v1/ai/reference-to-video/kling-v3-omni-pro",
            "/v1/ai/video/kling-v3-omni-pro",
            "/v1/ai/video/kling-v3-pro",
        ]
    )
    assert names == {
        "/v1/ai/image-to-video/kling-v3-turbo-720p": "kling-v3-turbo-720p",
        "/v1/ai/text-to-video/kling-v3-turbo-720p": "kling-v3-turbo-720p-text-to-video",
        "/v1/ai/video/kling-v3-omni-pro": "kling-v3-omni-pro",
        "/v1/ai/reference-to-video/kling-v3-omni-pro": "kling-v3-omni-pro-reference-to-video",
        "/v1/ai/video/kling-v3-pro": "kling-v3-pro",
    }


def test_image_fields_are_decided_at_build_time_with_stated_limits(openapi: Path) -> None:
    request = {
        "type": "object",
        "properties": {
            "first_frame_image": {
                "type": "string",
                "description": "URL of the image or base64 encoding of the image. Aspect ratio should be greater "
                "than 2:5 and less than 5:2; the shorter side must exceed 300 pixels; file size must not exceed 20MB.",
            },
            "image_mask_name": {"type": "string", "description": "A label for the mask, not an image"},
            "dynamic_masks": MASKS["properties"]["dynamic_masks"],
        },
    }
    page(openapi / "pages", "minimax-x", request, components=MASK_COMPONENTS)
    (openapi / "images.yaml").write_text("minimax-x:\n  dynamic_masks[].mask: false\n")
    model = build(openapi).document
    properties = schema(model, "MinimaxXRequest")["properties"]
    assert properties["first_frame_image"]["x-freepik-image"] == {
        "base64": True,
        "url": True,
        "max_bytes": 20 * 1024 * 1024,
        "min_side": 300,
        "min_aspect": 0.4,
        "max_aspect": 2.5,
    }
    assert "x-freepik-image" not in properties["image_mask_name"]
    mask = schema(model, "MinimaxXDynamicMask")["properties"]["mask"]
    assert "x-freepik-image" not in mask  # overridden in images.yaml


def test_limits_stated_in_words_become_keywords(openapi: Path) -> None:
    request = {
        "type": "object",
        "properties": {"prompt": {"type": "string", "description": "Cannot exceed 2500 characters"}},
    }
    page(openapi / "pages", "kling-words", request)
    assert schema(build(openapi).document, "KlingWordsRequest")["properties"]["prompt"]["maxLength"] == 2500


def test_the_shipped_catalog(merged: dict[str, Any]) -> None:
    """Its content is the golden record make generate and make update-spec rewrite (check-generated keeps it
    current); here, that it agrees with the build and holds whatever document is vendored."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert set(golden["models"]) == set(merged["x-freepik-models"])
    assert golden["unsupported"] == sorted(merged["x-freepik-unsupported"])
    assert golden["key_headers"] == merged["x-freepik-key-headers"]
    official = documents.official()
    shipped = {model["routes"]["create"] for model in golden["models"].values()}
    assert set(documents.shipped_creates(official)) <= shipped  # every Kling create with a status route ships
    for path in golden["unsupported"]:  # and those left out have none
        assert "status" not in documented_routes(official, path)
    for model in golden["models"].values():  # YAML 1.2 end to end: "16:9" stays a string, never 969
        for rules in model["fields"].values():
            if rules.get("type") == "string" and "enum" in rules:
                assert all(isinstance(value, str) for value in rules["enum"]), rules


def test_every_operation_documents_the_error_statuses(merged: dict[str, Any]) -> None:
    for item in merged["paths"].values():
        for operation in item.values():
            assert {"200", "400", "401", "429", "500", "503"} <= set(operation["responses"])


def test_status_enum_includes_created_and_stays_open(merged: dict[str, Any]) -> None:
    assert schema(merged, "TaskStatus")["enum"] == ["CREATED", "IN_PROGRESS", "COMPLETED", "FAILED"]
    assert schema(merged, "Task")["properties"]["status"]["anyOf"][1] == {"type": "string"}


def test_merged_document_and_every_example_validate(merged: dict[str, Any]) -> None:
    check(merged, "merged")


def test_a_bad_source_fails_generate_with_one_line(tmp_path: Path) -> None:
    openapi = copy_openapi(tmp_path)
    (openapi / "pages" / "broken.md").write_text("````yaml post /v1/x\npaths: [\n````\n")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.spec.generate", "--root", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ")
    assert "broken.md: malformed YAML" in line
