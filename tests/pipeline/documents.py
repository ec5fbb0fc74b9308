"""Changed official documents built from whatever document is vendored, never by editing its text.

Each helper picks what it changes by what the document holds (a Kling create operation with a status route,
its request's first field), so the tests that use them keep working when the vendored document is updated.
"""

from __future__ import annotations

import copy
import functools
import shutil
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml

from scripts.spec.sources import documented_routes, read_yaml_file
from tests.helpers import ROOT

OFFICIAL = ROOT / "openapi" / "official" / "magnific-api-v1-openapi.yaml"
JSON = Any


@functools.cache
def _vendored() -> dict[str, Any]:
    document: dict[str, Any] = read_yaml_file(OFFICIAL)
    return document


def official() -> dict[str, Any]:
    """A fresh copy of the vendored official document, to change."""
    return copy.deepcopy(_vendored())


def dump(document: dict[str, Any]) -> bytes:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(document, Dumper=dumper, sort_keys=False, allow_unicode=True).encode("utf-8")


def shipped_creates(document: dict[str, Any], word: str = "kling") -> list[str]:
    """The create paths the pipeline ships: a POST whose path holds ``word``, with a documented status route."""
    return sorted(
        path
        for path, item in document["paths"].items()
        if word in path and isinstance(item, dict) and "post" in item and "status" in documented_routes(document, path)
    )


def resolve(document: dict[str, Any], node: JSON) -> JSON:
    """``node``, following its ``$ref`` chain inside the document (the object to edit in place)."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        *_, kind, name = node["$ref"].split("/")
        node = document["components"][kind][name]
    return node


def request_schema(document: dict[str, Any], path: str) -> dict[str, Any]:
    """The object schema of a create operation's JSON body that holds its ``properties`` (first alternative)."""
    schema = resolve(document, document["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"])
    while "properties" not in schema:
        parts = schema.get("allOf") or schema.get("anyOf") or schema.get("oneOf")
        assert parts, f"{path}: no request properties found"
        found = [resolve(document, part) for part in parts]
        schema = next((part for part in found if "properties" in part), found[0])
    assert isinstance(schema, dict)
    return schema


def plain_models(document: dict[str, Any]) -> list[str]:
    """The shipped create paths whose body is one object with properties of its own (no alternatives)."""
    found = []
    for path in shipped_creates(document):
        body = resolve(
            document, document["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        )
        if "properties" in body and not any(key in body for key in ("allOf", "anyOf", "oneOf")):
            found.append(path)
    assert found, "no shipped model with a plain object body in the vendored document"
    return found


def plain_model(document: dict[str, Any]) -> str:
    return plain_models(document)[0]


def unshared(document: dict[str, Any], path: str) -> dict[str, Any]:
    """Give ``path``'s create its own copy of its request schema (so an edit changes that model alone)."""
    media = document["paths"][path]["post"]["requestBody"]["content"]["application/json"]
    media["schema"] = copy.deepcopy(resolve(document, media["schema"]))
    properties = media["schema"]["properties"]
    for name, value in list(properties.items()):
        properties[name] = copy.deepcopy(resolve(document, value))
    return dict(media["schema"])


def add_model(document: dict[str, Any], like: str, slug: str) -> str:
    """A new create operation (and status route) beside ``like``'s, named ``slug``; its create path."""
    folder = like.rsplit("/", 1)[0]
    new = f"{folder}/{slug}"
    document["paths"][new] = copy.deepcopy(document["paths"][like])
    document["paths"][new]["post"].pop("operationId", None)
    status = documented_routes(document, like)["status"]
    document["paths"][f"{new}/{{task-id}}"] = copy.deepcopy(document["paths"][status])
    return new


def own_list_route(document: dict[str, Any], exclude: Collection[str] = ()) -> tuple[str, str]:
    """(a shipped create path not in ``exclude``, its list route) where that route serves no other shipped create
    and documents no parameters: a place to add some."""
    creates = shipped_creates(document)
    lists = [documented_routes(document, path).get("list") for path in creates]
    for path, route in zip(creates, lists, strict=True):
        item = document["paths"].get(route) or {}
        documented = [*(item.get("parameters") or []), *((item.get("get") or {}).get("parameters") or [])]
        if path not in exclude and route and lists.count(route) == 1 and not documented:
            return path, route
    raise AssertionError("no shipped model with a list route of its own and no parameters in the vendored document")


def remove_model(document: dict[str, Any], path: str) -> None:
    del document["paths"][path]


def repository(target: Path) -> Path:
    """What update-spec reads and writes: openapi/, generated/, docs/models.md (and the README's table)."""
    shutil.copytree(ROOT / "openapi", target / "openapi")
    shutil.copytree(ROOT / "generated", target / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    (target / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "models.md", target / "docs" / "models.md")
    return target


def set_include(openapi: Path, words: list[str]) -> None:
    """``official.include`` in a copy's sources.yaml, read and written as YAML."""
    config_file = openapi / "sources.yaml"
    config = read_yaml_file(config_file)
    config["official"]["include"] = words
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
