"""Validate the merged document: OpenAPI validity, then every example against its schema, strictly.

openapi-spec-validator never looks at examples, and a plain example check lets unknown keys through
(``additionalProperties`` defaults to true), which is how a page's problem+json example could disagree
with its schema unnoticed. The strict pass rejects any key the schema does not declare.

Usage: ``python -m scripts.spec.validate [SPEC]``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from scripts.spec.errors import PipelineError
from scripts.spec.sources import SCHEMA_REF, load_yaml


def inline_refs(schema: Any, schemas: dict[str, Any]) -> Any:
    """The schema with every component $ref replaced by its target (the merged spec has no cycles)."""
    if isinstance(schema, list):
        return [inline_refs(item, schemas) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return inline_refs(schemas[schema["$ref"].removeprefix(SCHEMA_REF)], schemas)
    return {key: inline_refs(value, schemas) for key, value in schema.items()}


def strict(schema: Any) -> Any:
    """Flatten ``allOf`` and close every object schema, so that an undeclared key is an error.

    Closing each ``allOf`` member separately would reject keys the other members declare.
    """
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: strict(value) for key, value in schema.items()}
    for part in schema.pop("allOf", []):
        for key, value in part.items():
            if key == "properties":
                schema.setdefault("properties", {}).update(value)
            elif key == "required":
                schema["required"] = sorted({*schema.get("required", []), *value})
            else:
                schema.setdefault(key, value)
    if "properties" in schema:
        schema.setdefault("additionalProperties", False)
    return schema


def examples_of(document: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    """(where, schema, example) for every example in the document."""
    for name, schema in document["components"]["schemas"].items():
        yield from _schema_examples(f"components.schemas.{name}", schema)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            where = f"{method.upper()} {path}"
            bodies = [("request", operation.get("requestBody", {}))]
            bodies += [(f"response {code}", response) for code, response in operation["responses"].items()]
            for label, body in bodies:
                for media_type, media in body.get("content", {}).items():
                    prefix = f"{where} {label} {media_type}"
                    if "example" in media:
                        yield f"{prefix} example", media["schema"], media["example"]
                    for example_name, example in media.get("examples", {}).items():
                        yield f"{prefix} examples.{example_name}", media["schema"], example["value"]


def _schema_examples(where: str, schema: Any) -> Iterator[tuple[str, Any, Any]]:
    if not isinstance(schema, dict):
        return
    if "example" in schema:
        yield f"{where}.example", schema, schema["example"]
    for prop, definition in schema.get("properties", {}).items():
        yield from _schema_examples(f"{where}.{prop}", definition)
    for index, part in enumerate(schema.get("allOf", [])):
        yield from _schema_examples(f"{where}.allOf[{index}]", part)
    if "items" in schema:
        yield from _schema_examples(f"{where}.items", schema["items"])


def check(document: dict[str, Any], source: Path | str) -> None:
    """Raise PipelineError naming the first problem: invalid OpenAPI, or an example its schema rejects."""
    try:
        validate(document)
    except OpenAPIValidationError as exc:
        raise PipelineError(source, f"not valid OpenAPI 3.0: {exc.message}") from exc
    schemas = document["components"]["schemas"]
    problems = []
    for where, schema, example in examples_of(document):
        validator = OAS30Validator(strict(inline_refs(schema, schemas)), format_checker=oas30_format_checker)
        problems += [f"{where}: {error.message}" for error in validator.iter_errors(example)]
    if problems:
        raise PipelineError(source, "examples do not match their schemas:\n  " + "\n  ".join(problems))


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else Path("openapi/freepik-kling.yaml")
    try:
        check(load_yaml(source.read_text(encoding="utf-8"), source), source)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
