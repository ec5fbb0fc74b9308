"""Shared pieces for the contract tests."""

from __future__ import annotations

from typing import Any

from freepik_kling.testing import load_contract
from scripts.spec.validate import inline_refs

DOCUMENT: dict[str, Any] = load_contract().document
SCHEMAS: dict[str, Any] = DOCUMENT["components"]["schemas"]
_ANNOTATIONS = {"description", "example", "examples", "x-enum-varnames", "title"}


def json_schema(schema: dict[str, Any]) -> Any:
    """An OpenAPI 3.0 schema as plain JSON Schema (refs inlined, annotations dropped)."""

    def clean(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: clean(value) for key, value in node.items() if key not in _ANNOTATIONS}
        if isinstance(node, list):
            return [clean(item) for item in node]
        return node

    return clean(inline_refs(schema, SCHEMAS))


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path, operation) for every operation of the document."""
    return [
        (method.upper(), path, operation)
        for path, item in DOCUMENT["paths"].items()
        for method, operation in item.items()
    ]
