"""Each converter rule, on the seed pages and on small pages written by the tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from scripts.build_spec import build, pascal, unwrap_single_allof
from scripts.errors import PipelineError
from scripts.validate_spec import check
from tests.helpers import ROOT, copy_openapi, seed_document, write_page

SCHEMAS = "#/components/schemas/"


@pytest.fixture(scope="module")
def merged() -> dict[str, Any]:
    return build(ROOT / "openapi")


def schema(document: dict[str, Any], name: str) -> dict[str, Any]:
    result: dict[str, Any] = document["components"]["schemas"][name]
    return result


def openapi_with(tmp_path: Path, *pages: tuple[str, dict[str, Any]], keep_seeds: bool = True) -> Path:
    openapi = copy_openapi(tmp_path)
    if not keep_seeds:
        for page in (openapi / "pages").iterdir():
            page.unlink()
        (openapi / "routes.yaml").write_text("{}\n", encoding="utf-8")
    for name, document in pages:
        write_page(openapi / "pages", name, document)
    return openapi


def renamed(document: dict[str, Any], slug: str) -> dict[str, Any]:
    document = copy.deepcopy(document)
    document["paths"]["path"] = f"/v1/ai/image-to-video/{slug}"
    return document


def test_property_allof_wrappers_are_unwrapped(merged: dict[str, Any]) -> None:
    request = schema(merged, "KlingV2Request")
    assert request["properties"]["prompt"]["type"] == "string"
    assert request["properties"]["cfg_scale"] == {
        "default": 0.5,
        "description": request["properties"]["cfg_scale"]["description"],
        "format": "float",
        "maximum": 1,
        "minimum": 0,
        "type": "number",
    }
    assert "allOf" not in json.dumps(merged["paths"])


def test_unwrap_keeps_siblings_and_refs() -> None:
    assert unwrap_single_allof({"allOf": [{"type": "string"}], "description": "d"}) == {
        "type": "string",
        "description": "d",
    }
    assert unwrap_single_allof({"allOf": [{"$ref": "#/x"}]}) == {"$ref": "#/x"}
    # Beside a $ref, OpenAPI 3.0 ignores siblings: keep the wrapper rather than lose the description.
    kept = {"allOf": [{"$ref": "#/x"}], "description": "d"}
    assert unwrap_single_allof(kept) == kept


def test_required_flag_and_required_properties(merged: dict[str, Any]) -> None:
    create = merged["paths"]["/v1/ai/image-to-video/kling-v2"]["post"]
    assert create["requestBody"]["required"] is True
    assert schema(merged, "KlingV2Request")["required"] == ["duration", "image"]
    assert schema(merged, "KlingElementsStdRequest")["required"] == ["images"]
    assert "requiredProperties" not in json.dumps(merged)
    assert "refIdentifier" not in json.dumps(merged)


def test_required_flag_is_read_before_renaming(tmp_path: Path) -> None:
    # requiredProperties listed before the boolean flag must not overwrite it, nor the other way round.
    document = renamed(seed_document(), "kling-order")
    item = document["paths"]["request"]["body"]["application/json"]["schemaArray"][0]
    flag = item.pop("required")
    document["paths"]["request"]["body"]["application/json"]["schemaArray"][0] = {
        "requiredProperties": item.pop("requiredProperties"),
        **item,
        "required": not flag,
    }
    merged = build(openapi_with(tmp_path, ("order.md", document)))
    create = merged["paths"]["/v1/ai/image-to-video/kling-order"]["post"]
    assert create["requestBody"]["required"] is False
    assert schema(merged, "KlingOrderRequest")["required"] == ["duration", "image"]


def test_machine_names_are_renamed_and_deduped(merged: dict[str, Any]) -> None:
    names = set(merged["components"]["schemas"])
    assert {"Task", "TaskResponse", "TaskDetail", "ErrorMessage", "InvalidParam", "KlingV2Request"} <= names
    assert not [name for name in names if "style_transfer" in name or "flux" in name or name == "task"]
    create = merged["paths"]["/v1/ai/image-to-video/kling-elements-std"]["post"]
    ok = create["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": SCHEMAS + "TaskResponse"}


def test_request_body_named_from_slug() -> None:
    assert pascal("kling-v2-5-pro") + "Request" == "KlingV25ProRequest"
    assert pascal("kling-elements-std") == "KlingElementsStd"


def test_identical_page_schemas_become_one_component(tmp_path: Path) -> None:
    document = renamed(seed_document(), "kling-twin")
    document["paths"]["response"]["200"]["application/json"]["schemaArray"][0]["description"] = "other words"
    merged = build(openapi_with(tmp_path, ("twin.md", document)))
    assert [name for name in merged["components"]["schemas"] if name.startswith("TaskRes")] == ["TaskResponse"]


def test_same_name_different_shape_fails_loudly(tmp_path: Path) -> None:
    openapi = copy_openapi(tmp_path)
    (openapi / "names.yaml").write_text(
        (openapi / "names.yaml").read_text() + "clash_response: Clash\n", encoding="utf-8"
    )
    first = renamed(seed_document(), "kling-a")
    second = renamed(seed_document(), "kling-b")
    for document, kind in ((first, "string"), (second, "integer")):
        document["paths"]["response"]["200"]["application/json"]["schemaArray"][0] = {
            "type": "object",
            "properties": {"data": {"type": kind}},
            "refIdentifier": "#/components/schemas/clash_response",
        }
    write_page(openapi / "pages", "a.md", first)
    write_page(openapi / "pages", "b.md", second)
    with pytest.raises(PipelineError, match=r"a\.md, .*b\.md: name clash: schema 'Clash' has 2 different shapes"):
        build(openapi)


def test_unknown_machine_name_fails_naming_file_and_schema(tmp_path: Path) -> None:
    document = renamed(seed_document(), "kling-new")
    item = document["paths"]["response"]["200"]["application/json"]["schemaArray"][0]
    item["refIdentifier"] = "#/components/schemas/create_video_from_hyperflux_200_response"
    with pytest.raises(PipelineError, match=r"new\.md: unknown schema name 'create_video_from_hyperflux_200_response'"):
        build(openapi_with(tmp_path, ("new.md", document)))


def test_two_pages_for_one_model_fail(tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match="two pages define model 'kling-v2'"):
        build(openapi_with(tmp_path, ("again.md", seed_document())))


def test_operation_ids_tags_and_routes(merged: dict[str, Any]) -> None:
    paths = merged["paths"]
    operations = {
        (path, method): (operation["operationId"], operation["tags"])
        for path, item in paths.items()
        for method, operation in item.items()
    }
    tag = ["image-to-video"]
    assert operations == {
        ("/v1/ai/image-to-video/kling-v2", "post"): ("create_kling_v2", tag),
        ("/v1/ai/image-to-video/kling-v2", "get"): ("list_kling_v2_tasks", tag),
        ("/v1/ai/image-to-video/kling-v2/{task-id}", "get"): ("get_kling_v2_task", tag),
        ("/v1/ai/image-to-video/kling-elements-std", "post"): ("create_kling_elements_std", tag),
        ("/v1/ai/image-to-video/kling-elements-std", "get"): ("list_kling_elements_std_tasks", tag),
        # Elements Std and Pro share this status route (openapi/routes.yaml).
        ("/v1/ai/image-to-video/kling-elements/{task-id}", "get"): ("get_kling_elements_task", tag),
    }
    parameter = paths["/v1/ai/image-to-video/kling-v2/{task-id}"]["get"]["parameters"][0]
    assert parameter == {
        "name": "task-id",
        "in": "path",
        "required": True,
        "description": "ID of the task",
        "schema": {"type": "string"},
    }
    assert merged["x-freepik-models"]["kling-elements-std"]["status"] == "get_kling_elements_task"


def test_models_sharing_a_status_route_share_one_operation(tmp_path: Path) -> None:
    openapi = openapi_with(tmp_path, ("pro.md", renamed(seed_document("kling-elements-std.md"), "kling-elements-pro")))
    routes = openapi / "routes.yaml"
    routes.write_text(
        routes.read_text() + "kling-elements-pro:\n  status: /v1/ai/image-to-video/kling-elements/{task-id}\n",
        encoding="utf-8",
    )
    merged = build(openapi)
    assert merged["x-freepik-models"]["kling-elements-pro"]["status"] == "get_kling_elements_task"
    assert merged["x-freepik-models"]["kling-elements-pro"]["list"] == "list_kling_elements_pro_tasks"


def test_routes_for_an_unknown_model_fail(tmp_path: Path) -> None:
    openapi = copy_openapi(tmp_path)
    (openapi / "routes.yaml").write_text("kling-nope:\n  status: /v1/x/{task-id}\n", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"routes\.yaml: routes for 'kling-nope', which no page defines"):
        build(openapi)


def test_one_superset_error_schema_for_both_400_content_types(merged: dict[str, Any]) -> None:
    bad_request = merged["paths"]["/v1/ai/image-to-video/kling-v2"]["post"]["responses"]["400"]["content"]
    assert {media: entry["schema"] for media, entry in bad_request.items()} == {
        "application/json": {"$ref": SCHEMAS + "ErrorMessage"},
        "application/problem+json": {"$ref": SCHEMAS + "ErrorMessage"},
    }
    error = schema(merged, "ErrorMessage")
    assert error["required"] == ["message"]
    assert set(error["properties"]) == {"message", "invalid_params"}
    assert not [
        name for name, body in merged["components"]["schemas"].items() if "problem" in body.get("properties", {})
    ]


def test_every_operation_documents_429_and_error_statuses(merged: dict[str, Any]) -> None:
    for item in merged["paths"].values():
        for operation in item.values():
            assert {"200", "400", "401", "429", "500", "503"} <= set(operation["responses"])


def test_shared_duration_enum_with_readable_names(merged: dict[str, Any]) -> None:
    for name in ("KlingV2Request", "KlingElementsStdRequest"):
        assert schema(merged, name)["properties"]["duration"] == {"$ref": SCHEMAS + "VideoDuration"}
    duration = schema(merged, "VideoDuration")
    assert duration["enum"] == ["5", "10"]
    assert duration["x-enum-varnames"] == ["SECONDS_5", "SECONDS_10"]


def test_status_enum_includes_created_and_stays_open(merged: dict[str, Any]) -> None:
    assert schema(merged, "TaskStatus")["enum"] == ["CREATED", "IN_PROGRESS", "COMPLETED", "FAILED"]
    assert schema(merged, "Task")["properties"]["status"]["anyOf"][1] == {"type": "string"}
    assert "format" not in schema(merged, "Task")["properties"]["task_id"]


def test_descriptions_lifted_servers_deduped_security_synthesized(merged: dict[str, Any]) -> None:
    for item in merged["paths"].values():
        for operation in item.values():
            for response in operation["responses"].values():
                assert response["description"]
                assert all("description" not in media for media in response["content"].values())
    assert merged["servers"] == [{"url": "https://api.freepik.com", "description": "B2B API Production V1"}]
    scheme = merged["components"]["securitySchemes"]["apiKey"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "x-freepik-api-key")
    assert merged["security"] == [{"apiKey": []}]
    assert merged["openapi"] == "3.0.3"
    assert merged["info"]["title"]


def test_alternatives_become_one_of(tmp_path: Path) -> None:
    document = renamed(seed_document(), "kling-master")
    body = document["paths"]["request"]["body"]["application/json"]
    image_to_video = body["schemaArray"][0]
    image_to_video["title"] = "Image to Video"
    text_to_video = copy.deepcopy(image_to_video)
    text_to_video["title"] = "Text to Video"
    text_to_video["requiredProperties"] = ["duration"]
    body["schemaArray"].append(text_to_video)
    merged = build(openapi_with(tmp_path, ("master.md", document)))
    create = merged["paths"]["/v1/ai/image-to-video/kling-master"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"] == {
        "oneOf": [
            {"$ref": SCHEMAS + "KlingMasterImageToVideoRequest"},
            {"$ref": SCHEMAS + "KlingMasterTextToVideoRequest"},
        ]
    }


def test_limits_stated_in_words_become_keywords(merged: dict[str, Any]) -> None:
    properties = schema(merged, "KlingV2Request")["properties"]
    assert properties["prompt"]["maxLength"] == 2500  # "cannot exceed 2500 characters"
    assert properties["negative_prompt"]["maxLength"] == 2500
    assert "maxLength" not in properties["image"]


def test_merged_document_and_every_example_validate(merged: dict[str, Any]) -> None:
    check(merged, "merged")


def test_strict_example_check_catches_the_problem_wrapper(merged: dict[str, Any]) -> None:
    # The page's own problem+json schema wraps fields in `problem`; its example does not. Only a strict
    # check (undeclared keys rejected) sees the mismatch.
    document = copy.deepcopy(merged)
    document["components"]["schemas"]["Problem"] = {
        "type": "object",
        "properties": {"problem": {"$ref": SCHEMAS + "ErrorMessage"}},
    }
    bad_request = document["paths"]["/v1/ai/image-to-video/kling-v2"]["post"]["responses"]["400"]
    bad_request["content"]["application/problem+json"]["schema"] = {"$ref": SCHEMAS + "Problem"}
    with pytest.raises(PipelineError, match=r"examples\.invalid_page: Additional properties are not allowed"):
        check(document, "strict")


def test_example_with_an_int_duration_is_rejected(merged: dict[str, Any]) -> None:
    document = copy.deepcopy(merged)
    media = document["paths"]["/v1/ai/image-to-video/kling-v2"]["post"]["requestBody"]["content"]
    media["application/json"]["examples"]["required-params"]["value"]["duration"] = 5
    with pytest.raises(PipelineError, match=r"examples\.required-params: 5 is not of type 'string'"):
        check(document, "int-duration")


def test_invalid_openapi_is_rejected(merged: dict[str, Any]) -> None:
    document = copy.deepcopy(merged)
    document["components"]["schemas"]["Task"]["required"] = True
    with pytest.raises(PipelineError, match=r"not valid OpenAPI 3\.0"):
        check(document, "bad")
