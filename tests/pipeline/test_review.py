"""The review, category by category: a pair of small merged documents and catalogs, the line it prints, and
its mark (BREAKING, compatible or info)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from scripts.spec.update import (
    BREAKING,
    COMPATIBLE,
    EVERY_MODEL,
    INFO,
    Model,
    as_json,
    changelog_entries,
    compare,
    flatten,
    render,
    with_changelog,
)

ROUTES = {
    "create": "POST /v1/ai/video/kling-x",
    "status": "GET /v1/ai/video/kling-x/{task-id}",
    "list": "GET /v1/ai/video/kling-x",
}
FIELDS: dict[str, Any] = {"prompt": {"type": "string"}, "duration": {"type": "string", "enum": ["5", "10"]}}


def catalog(**models: Model) -> dict[str, Model]:
    return {slug.replace("_", "-"): model for slug, model in models.items()}


def model(fields: dict[str, Any] = FIELDS, *, source: str = "official", **routes: str) -> Model:
    return Model("Kling X", {**ROUTES, **routes}, {"Request": flatten(fields, ["duration"])}, source, "x.md")


def document(**changes: Any) -> dict[str, Any]:
    """A merged document of one model ``kling-x``, as build.py writes it."""
    answer = {
        "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskResponse"}}},
        },
        "400": {"description": "Bad"},
    }
    base: dict[str, Any] = {
        "servers": [{"url": "https://api.freepik.com"}, {"url": "https://api.magnific.com"}],
        "components": {
            "schemas": {
                "TaskResponse": {"properties": {"status": {"$ref": "#/components/schemas/TaskStatus"}}},
                "TaskStatus": {"type": "string", "enum": ["CREATED", "COMPLETED"]},
            },
            "securitySchemes": {"apiKey": {"type": "apiKey", "in": "header", "name": "x-freepik-api-key"}},
        },
        "paths": {
            "/v1/ai/video/kling-x": {"post": {"operationId": "create_kling_x", "responses": copy.deepcopy(answer)}},
            "/v1/ai/video/kling-x/{task-id}": {"get": {"operationId": "get_kling_x_task", "responses": answer}},
        },
        "x-freepik-key-headers": {"https://api.freepik.com": "x-freepik-api-key"},
        "x-freepik-models": {"kling-x": {"create": "create_kling_x", "status": "get_kling_x_task", "list": "-"}},
    }
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        node = base
        for key in parents:
            node = node[key]
        node[last] = value
    return base


def lines(review: Any) -> dict[tuple[str, str, str], str]:
    """(model, sign + subject, detail) -> mark, from the review's rows."""
    return {(row[1], f"{row[2]} {row[3]}", row[4]): row[0] for row in review.rows()}


def test_models_added_removed_and_renamed() -> None:
    review = compare(
        catalog(kling_x=model(), kling_old=model({"a": {"type": "string"}})),
        catalog(kling_x=model(), kling_new=model({"b": {"type": "integer"}}), kling_x2=model()),
    )
    found = lines(review)
    assert found[("kling-old", "- model", "Kling X  POST /v1/ai/video/kling-x")] == BREAKING
    assert found[("kling-new", "+ model", "Kling X  POST /v1/ai/video/kling-x")] == COMPATIBLE
    assert (
        found[("kling-x2", "+ model", "Kling X  POST /v1/ai/video/kling-x")] == COMPATIBLE
    )  # kling-x stays: no rename
    renamed = compare(catalog(kling_old=model()), catalog(kling_new=model()))
    assert lines(renamed) == {("kling-old", "~ model", "renamed to kling-new (same request fields)"): BREAKING}
    assert renamed.breaking == 1


def test_a_model_standing_only_on_an_old_page_with_guessed_routes_is_breaking() -> None:
    new_document = document()
    new_document["x-freepik-models"]["kling-x"]["routes_guessed"] = True
    review = compare(catalog(kling_x=model()), catalog(kling_x=model(source="page")), document(), new_document)
    (row,) = review.rows()
    assert row[0] == BREAKING
    assert row[1:4] == ("kling-x", "~", "source")
    assert (
        row[4]
        == "no longer in the official document: stands only on the old page x.md; its routes are guessed from the slug"
    )
    assert "no changes" not in render(review)


def test_a_new_model_from_a_page_with_guessed_routes_says_so() -> None:
    new_document = document()
    new_document["x-freepik-models"]["kling-x"]["routes_guessed"] = True
    found = lines(compare({}, catalog(kling_x=model(source="page")), document(), new_document))
    assert found[("kling-x", "+ routes", "guessed from the slug (page x.md documents none)")] == INFO


def test_routes_changed() -> None:
    review = compare(catalog(kling_x=model()), catalog(kling_x=model(status="GET /v1/ai/video/kling/{task-id}")))
    assert lines(review) == {
        (
            "kling-x",
            "~ status route",
            "GET /v1/ai/video/kling-x/{task-id} -> GET /v1/ai/video/kling/{task-id}",
        ): BREAKING
    }


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ({**FIELDS, "cfg": {"type": "number"}}, FIELDS, {("~ cfg", "removed")}),
        (FIELDS, {**FIELDS, "cfg": {"type": "number"}}, {("+ cfg", "added")}),
        (
            {**FIELDS, "seed": {"type": "integer", "minimum": 0}},
            {**FIELDS, "seed_value": {"type": "integer", "minimum": 0}},
            {("~ seed", "renamed to seed_value")},
        ),
        (
            {**FIELDS, "cfg": {"type": "number", "default": 0.5}},
            {**FIELDS, "cfg": {"type": "string", "default": "0.5"}},
            {("~ cfg", "type number -> string"), ("~ cfg", 'default 0.5 -> "0.5"')},
        ),
        (
            {**FIELDS, "url": {"type": "string"}},
            {**FIELDS, "url": {"type": "string", "format": "uri"}},
            {("~ url", "format uri (new)")},
        ),
        (FIELDS, {**FIELDS, "duration": {"type": "string", "enum": ["5"]}}, {("~ duration", 'enum drops "10"')}),
        (
            FIELDS,
            {**FIELDS, "duration": {"type": "string", "enum": ["5", "10", "15"]}},
            {("~ duration", 'enum adds "15"')},
        ),
        (
            {**FIELDS, "n": {"type": "integer", "maximum": 4}},
            {**FIELDS, "n": {"type": "integer", "maximum": 2}},
            {("~ n", "maximum 4 -> 2")},
        ),
        (
            {**FIELDS, "n": {"type": "integer", "maximum": 2}},
            {**FIELDS, "n": {"type": "integer", "maximum": 4}},
            {("~ n", "maximum 2 -> 4")},
        ),
        (
            {**FIELDS, "s": {"type": "string"}},
            {**FIELDS, "s": {"type": "string", "maxLength": 10}},
            {("~ s", "maxLength 10 (new)")},
        ),
        (
            {**FIELDS, "a": {"type": "array", "minItems": 2}},
            {**FIELDS, "a": {"type": "array", "minItems": 1}},
            {("~ a", "minItems 2 -> 1")},
        ),
    ],
    ids=[
        "removed",
        "added",
        "renamed",
        "type",
        "format",
        "enum-drops",
        "enum-adds",
        "tightened",
        "loosened",
        "bound-set",
        "items-loosened",
    ],
)
def test_request_fields(old: dict[str, Any], new: dict[str, Any], expected: set[tuple[str, str]]) -> None:
    found = {
        (subject, detail): mark
        for (_, subject, detail), mark in lines(
            compare(catalog(kling_x=model(old)), catalog(kling_x=model(new)))
        ).items()
    }
    marks = {
        "removed": BREAKING,
        "renamed": BREAKING,
        "type": BREAKING,
        "format": BREAKING,
        "enum drops": BREAKING,
        "maximum 4": BREAKING,
        "maxLength": BREAKING,
    }
    for subject, detail in expected:
        if subject == "~ cfg" and detail.startswith("removed"):
            subject = "- cfg"
        mark = found[(subject, detail)]
        wanted = (
            INFO
            if detail.startswith("default")
            else next((m for word, m in marks.items() if detail.startswith(word)), COMPATIBLE)
        )
        assert mark == wanted, (subject, detail, mark)


def test_required_and_optional() -> None:
    required = Model("K", ROUTES, {"Request": flatten(FIELDS, ["duration", "prompt"])})
    assert lines(compare(catalog(kling_x=model()), catalog(kling_x=required))) == {
        ("kling-x", "~ prompt", "now required"): BREAKING
    }
    assert lines(compare(catalog(kling_x=required), catalog(kling_x=model()))) == {
        ("kling-x", "~ prompt", "no longer required"): COMPATIBLE
    }


PAGE: dict[str, Any] = {"page": {"type": "integer", "minimum": 1, "default": 1}}


def listing(parameters: dict[str, Any], required: tuple[str, ...] = ()) -> Model:
    """kling-x whose list route documents ``parameters`` (its request fields as ``model()`` has them)."""
    return Model("Kling X", ROUTES, model().shapes, list_parameters=flatten(parameters, required))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (listing({}), listing(PAGE), {("+ list parameter page", "added"): COMPATIBLE}),
        (listing({}), listing(PAGE, ("page",)), {("+ list parameter page", "added, required"): BREAKING}),
        (listing(PAGE), listing({}), {("- list parameter page", "removed"): BREAKING}),
        (
            listing({"page_size": {"type": "integer", "maximum": 100}}),
            listing({"page_size": {"type": "integer", "maximum": 50}}),
            {("~ list parameter page_size", "maximum 100 -> 50"): BREAKING},
        ),
        (
            listing({"page_size": {"type": "integer", "maximum": 50}}),
            listing({"page_size": {"type": "integer", "maximum": 100}}),
            {("~ list parameter page_size", "maximum 50 -> 100"): COMPATIBLE},
        ),
        (
            listing(PAGE),
            listing({"page": {"type": "integer", "minimum": 0, "default": 1}}),
            {("~ list parameter page", "minimum 1 -> 0"): COMPATIBLE},
        ),
        (
            listing({"page": {"type": "integer"}}),
            listing({"page": {"type": "integer", "minimum": 1}}),
            {("~ list parameter page", "minimum 1 (new)"): BREAKING},
        ),
        (listing(PAGE), listing(PAGE, ("page",)), {("~ list parameter page", "now required"): BREAKING}),
        (
            listing(PAGE),
            listing({"page": {"type": "string", "minimum": 1, "default": 1}}),
            {("~ list parameter page", "type integer -> string"): BREAKING},
        ),
        (
            listing(PAGE),
            listing({"page": {"type": "integer", "minimum": 1, "default": 0}}),
            {("~ list parameter page", "default 1 -> 0"): INFO},
        ),
        (model(), listing({}), {}),  # a catalog written before list() took parameters reads as none
    ],
    ids=[
        "added", "added-required", "removed", "tightened", "loosened", "lowered", "bound-set", "required", "type",
        "default", "none-either-way",
    ],
)  # fmt: skip
def test_list_parameters_follow_the_rules_of_request_fields(
    old: Model, new: Model, expected: dict[tuple[str, str], str]
) -> None:
    found = {
        (subject, detail): mark
        for (_, subject, detail), mark in lines(compare(catalog(kling_x=old), catalog(kling_x=new))).items()
    }
    assert found == expected


def test_defaults_changed_are_info() -> None:
    old, new = {"d": {"type": "string", "default": "a"}}, {"d": {"type": "string", "default": "b"}}
    assert lines(compare(catalog(kling_x=model(old)), catalog(kling_x=model(new)))) == {
        ("kling-x", "~ d", 'default "a" -> "b"'): INFO
    }


def _review_documents(old: dict[str, Any], new: dict[str, Any]) -> dict[tuple[str, str, str], str]:
    return lines(compare(catalog(kling_x=model()), catalog(kling_x=model()), old, new))


def test_answers_and_status_values() -> None:
    dropped = document()
    del dropped["paths"]["/v1/ai/video/kling-x/{task-id}"]["get"]["responses"]["200"]
    assert (
        _review_documents(document(), dropped)[("kling-x", "- status answer 200", "no longer documented")] == BREAKING
    )
    detail = document()
    detail["paths"]["/v1/ai/video/kling-x"]["post"]["responses"]["200"]["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/TaskDetailResponse"
    }
    assert (
        _review_documents(document(), detail)[
            ("kling-x", "~ create answer 200", "schema TaskResponse -> TaskDetailResponse")
        ]
        == BREAKING
    )
    widened = document(components__schemas__TaskStatus={"type": "string", "enum": ["CREATED", "COMPLETED", "QUEUED"]})
    assert (
        _review_documents(document(), widened)[(EVERY_MODEL, "~ answer TaskStatus", 'enum adds "QUEUED"')] == BREAKING
    )
    assert _review_documents(widened, document())[(EVERY_MODEL, "~ answer TaskStatus", 'enum drops "QUEUED"')] == INFO


def test_servers_security_schemes_and_key_headers() -> None:
    moved = document(servers=[{"url": "https://api.magnific.com"}])
    found = _review_documents(document(), moved)
    assert found[(EVERY_MODEL, "~ default server", "https://api.freepik.com -> https://api.magnific.com")] == BREAKING
    assert found[(EVERY_MODEL, "- server", "https://api.freepik.com")] == BREAKING
    assert _review_documents(moved, document())[(EVERY_MODEL, "+ server", "https://api.freepik.com")] == COMPATIBLE
    renamed = document(
        components__securitySchemes={"apiKey": {"type": "apiKey", "in": "header", "name": "x-magnific-api-key"}}
    )
    assert (
        _review_documents(document(), renamed)[
            (
                EVERY_MODEL,
                "~ security scheme apiKey",
                "apiKey in header x-freepik-api-key -> apiKey in header x-magnific-api-key",
            )
        ]
        == BREAKING
    )
    paired = document(**{"x-freepik-key-headers": {"https://api.freepik.com": "x-magnific-api-key"}})
    assert (
        _review_documents(document(), paired)[
            (EVERY_MODEL, "~ key header of https://api.freepik.com", "x-freepik-api-key -> x-magnific-api-key")
        ]
        == BREAKING
    )
    more = document(
        **{
            "x-freepik-key-headers": {
                "https://api.freepik.com": "x-freepik-api-key",
                "https://api.magnific.com": "x-magnific-api-key",
            }
        }
    )
    assert (
        _review_documents(document(), more)[
            (EVERY_MODEL, "+ key header of https://api.magnific.com", "x-magnific-api-key")
        ]
        == COMPATIBLE
    )


def test_the_same_documents_are_no_changes() -> None:
    review = compare(catalog(kling_x=model()), catalog(kling_x=model()), document(), document())
    assert not review
    assert render(review) == "no changes\n"
    assert as_json("stored", review) == {"stored": "stored", "changes": [], "breaking": 0, "summary": "no changes"}


def test_changelog_unreleased_entries_are_merged_into_their_sections() -> None:
    review = compare(
        catalog(kling_x=model({**FIELDS, "cfg": {"type": "number"}})),
        catalog(kling_x=model(), kling_y=model({"z": {"type": "string"}})),
    )
    entries = changelog_entries("https://example.com/spec.yaml: 10 bytes", review)
    created = with_changelog(None, entries)
    assert created.startswith("# Changelog\n")
    assert "## [Unreleased]\n\n### Added\n\n- `kling-y` Kling X  POST /v1/ai/video/kling-x\n" in created
    assert "- **BREAKING** `kling-x`: `cfg` removed\n" in created
    history = "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- Something earlier\n\n## [0.3.0] - 2026-11-01\n\n- Old\n"
    merged = with_changelog(history, entries)
    assert merged.count("### Added") == 1
    assert "- Something earlier\n- `kling-y`" in merged
    assert merged.endswith("## [0.3.0] - 2026-11-01\n\n- Old\n")
    assert with_changelog("# Changelog\n\n## [0.3.0]\n\n- Old\n", entries).index("## [Unreleased]") < merged.index(
        "## [0.3.0]"
    )
