"""Merge the sources (pages in either rendering, the official document) and the fragments into one OpenAPI
3.0.3 document: ``openapi/freepik-kling.yaml``, the one input of the generator, the simulator and the tests.

Usage: ``python -m scripts.spec.build [OPENAPI_DIR] [OUTPUT]``. docs/pipeline.md explains each rule.
"""

from __future__ import annotations

import copy
import json
import keyword
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Any

import yaml

from scripts.spec.errors import PipelineError
from scripts.spec.sources import (
    COMPONENT_REF,
    SCHEMA_REF,
    Source,
    documented_routes,
    official_sources,
    read_page,
    read_yaml_file,
)

JSON = Any
# Keywords that document a schema without changing what it accepts.
_ANNOTATIONS = frozenset({"description", "example", "examples", "title", "summary", "x-enum-varnames"})
# Folders in the order that keeps the bare name when two create paths end in the same segment.
FOLDER_PRECEDENCE = ("image-to-video", "video", "text-to-video", "reference-to-video")
IMAGE_EXTENSION = "x-freepik-image"
KLING_IMAGE_LIMITS = {"max_bytes": 10 * 1024 * 1024, "min_side": 300, "min_aspect": 0.4, "max_aspect": 2.5}


_PATH = re.compile(r"(?:/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*|\{[A-Za-z0-9_-]+\}))+")
"""A route: plain segments (no ``.`` or ``..``, nothing a shell or Python would read) and ``{parameters}``.
A route's folder names a generated package and its last segment a model, so nothing else gets that far."""
_SLUG = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*")


def check_route(path: str, source: Path | str) -> str:
    if not _PATH.fullmatch(path) or "/." in path:
        raise PipelineError(
            source, f"route {path!r} refused: each segment must be letters, digits, '-', '_', '~' (or a {{name}})"
        )
    return path


def check_slug(slug: str, source: Path | str) -> str:
    """A model's name, which becomes a Python attribute and module, a file name and a docs anchor."""
    attribute = snake(slug)
    if not _SLUG.fullmatch(slug) or not attribute.isidentifier() or keyword.iskeyword(attribute):
        raise PipelineError(
            source,
            f"model name {slug!r} refused: it must start with a letter and be letters, digits and '-'"
            " (and not a Python keyword)",
        )
    return slug


def pascal(slug: str) -> str:
    """``kling-v2-5-pro`` -> ``KlingV25Pro``."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", slug) if part)


def snake(slug: str) -> str:
    """``kling-elements-std`` -> ``kling_elements_std``."""
    return re.sub(r"[^0-9A-Za-z]+", "_", slug).strip("_").lower()


def title_case(slug: str) -> str:
    return " ".join(part[:1].upper() + part[1:] for part in slug.split("-") if part)


def walk(node: JSON, visit: Callable[[dict[str, Any]], dict[str, Any]]) -> JSON:
    """Rebuild ``node`` bottom-up, passing every mapping through ``visit``."""
    if isinstance(node, dict):
        return visit({key: walk(value, visit) for key, value in node.items()})
    if isinstance(node, list):
        return [walk(item, visit) for item in node]
    return node


def structure(schema: JSON) -> str:
    """Canonical text of what a schema accepts, for dedupe and clash detection."""
    return json.dumps(walk(schema, lambda m: {k: v for k, v in m.items() if k not in _ANNOTATIONS}), sort_keys=True)


def ref(name: str) -> dict[str, str]:
    return {"$ref": SCHEMA_REF + name}


def singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def qualified_names(paths: Iterable[str]) -> dict[str, str]:
    """Path -> its last segment, made unique: where several paths end in the same segment, the one in the
    earliest folder of FOLDER_PRECEDENCE (then alphabetical) keeps it and the others get ``-<folder>``
    (``text-to-video/kling-v3-turbo-720p`` -> ``kling-v3-turbo-720p-text-to-video``). Adding a path in a
    later folder never renames an existing one."""
    by_segment: dict[str, list[str]] = {}
    for path in paths:
        segment = path.removesuffix("/{task-id}").rstrip("/").rsplit("/", 1)[-1]
        by_segment.setdefault(segment, []).append(path)

    def rank(path: str) -> tuple[int, str]:
        folder = path.removesuffix("/{task-id}").rstrip("/").rsplit("/", 2)[-2]
        order = FOLDER_PRECEDENCE.index(folder) if folder in FOLDER_PRECEDENCE else len(FOLDER_PRECEDENCE)
        return order, folder

    names = {}
    for segment, group in by_segment.items():
        ranked = sorted(set(group), key=rank)
        for index, path in enumerate(ranked):
            names[path] = segment if index == 0 or rank(path) == rank(ranked[0]) else f"{segment}-{rank(path)[1]}"
    return names


# -- schema normalization --------------------------------------------------------------------------------


def inline(node: JSON, components: dict[str, Any], source: Path, stack: tuple[str, ...] = ()) -> JSON:
    """``node`` with every component $ref replaced by a copy of its target; ``x-ref`` keeps the name."""
    if isinstance(node, list):
        return [inline(item, components, source, stack) for item in node]
    if not isinstance(node, dict):
        return node
    target = node.get("$ref")
    if isinstance(target, str):
        match = COMPONENT_REF.match(target)
        if match is None or match[2] not in components.get(match[1], {}):
            raise PipelineError(source, f"$ref '{target}' points at nothing")
        if target in stack:
            raise PipelineError(source, f"recursive schema through '{target}' is not supported")
        resolved = inline(components[match[1]][match[2]], components, source, (*stack, target))
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        return {**resolved, **inline(siblings, components, source, stack), "x-ref": match[2]}
    return {key: inline(value, components, source, stack) for key, value in node.items()}


_STATED_MAX_LENGTH = re.compile(r"(?:cannot|can not|must not|may not|should not) exceed (\d+)\s*char", re.IGNORECASE)


def merge_objects(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One object schema from the members of an ``allOf`` (or a base and a chosen alternative)."""
    merged: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            if key == "properties":
                merged.setdefault("properties", {}).update(value)
            elif key == "required":
                merged["required"] = sorted({*merged.get("required", []), *value})
            elif key not in merged:
                merged[key] = value
    return merged


def clean(node: JSON) -> JSON:
    """The rules every schema goes through, whatever its source (docs/pipeline.md lists why):
    folded descriptions, no titles, single ``allOf`` wrappers unwrapped, ``allOf`` of objects merged,
    empty ``anyOf``/``oneOf`` and null defaults of non-nullable schemas dropped, limits stated only in
    prose made keywords."""

    def visit(schema: dict[str, Any]) -> dict[str, Any]:
        schema = {key: value for key, value in schema.items() if key not in ("title", "x-ref")}
        if "default" in schema and schema["default"] is None and not schema.get("nullable"):
            del schema["default"]  # a publisher slip: OpenAPI 3.0 refuses a null default on a non-nullable schema
        for combinator in ("anyOf", "oneOf"):
            if schema.get(combinator) == []:
                del schema[combinator]
        if isinstance(schema.get("description"), str):
            schema["description"] = " ".join(schema["description"].split())
        parts = schema.pop("allOf", None)
        if isinstance(parts, list) and parts:
            schema = (
                merge_objects([*parts, schema])
                if len(parts) > 1 or "properties" in schema
                else {
                    **parts[0],
                    **schema,
                }
            )
        if schema.get("type") == "string" and "maxLength" not in schema:
            stated = _STATED_MAX_LENGTH.search(schema.get("description", ""))
            if stated:
                schema["maxLength"] = int(stated[1])
        return schema

    return walk(node, visit)


def shapes(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The request shapes a (inlined, not yet cleaned) body schema allows, each as one object schema, with a
    name from its title or component name: ``oneOf``/``anyOf`` alternatives, each merged with the schema's
    own properties and ``allOf`` parts."""
    own = {key: value for key, value in schema.items() if key not in ("oneOf", "anyOf")}
    alternatives = schema.get("oneOf") or schema.get("anyOf") or []
    if not alternatives:
        return [("", own)]
    names = [str(alt.get("title") or alt.get("x-ref") or f"variant-{i + 1}") for i, alt in enumerate(alternatives)]
    names = _distinct_parts(names)
    return [(name, merge_objects([clean(own), clean(alt)])) for name, alt in zip(names, alternatives, strict=True)]


def _distinct_parts(names: list[str]) -> list[str]:
    """``kling-request-v26-text-to-video``, ``kling-request-v26-image-to-video`` -> ``text-to-video``, ..."""
    split = [re.split(r"[^0-9A-Za-z]+", name.lower()) for name in names]
    common = 0
    while all(len(words) > common + 1 and words[common] == split[0][common] for words in split):
        common += 1
    return ["-".join(words[common:]) for words in split]


# -- images ------------------------------------------------------------------------------------------------

_IMAGE_WORDS = re.compile(r"\b(?:image|images|mask|frame|photo|picture)\b|_image|image_", re.IGNORECASE)
_NOT_IMAGE = re.compile(r"video|audio|webhook|voice|sound", re.IGNORECASE)
_SOURCE_WORDS = re.compile(r"\burl\b|base64|urls\b", re.IGNORECASE)
_MEGABYTES = re.compile(r"(?:exceed|up to|at most|maximum(?: of)?|max\.?|less than|under)\s*(\d+(?:\.\d+)?)\s*MB", re.I)
_SIDE = re.compile(
    r"(\d{2,4})\s*(?:x|\N{MULTIPLICATION SIGN})\s*(\d{2,4})\s*px|(?:side|resolution)[^.]*?(\d{2,4})\s*(?:px|pixels)",
    re.I,
)
_ASPECT = re.compile(
    r"(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)\s*(?:~|to|-|and less than|and)\s*(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)"
)


def image_mark(name: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    """The image extension for a string field that takes an image, read from its name and description."""
    text = schema.get("description", "")
    if schema.get("type") != "string" or _NOT_IMAGE.search(name) or schema.get("enum"):
        return None
    if not (_IMAGE_WORDS.search(name) or _IMAGE_WORDS.search(text)):
        return None
    if not (_SOURCE_WORDS.search(text) or re.search(r"_urls?$", name) or schema.get("format") in ("uri", "byte")):
        return None
    url = schema.get("format") != "byte" or bool(re.search(r"\burls?\b", text, re.IGNORECASE))
    mark: dict[str, Any] = {"base64": "base64" in text.lower() or schema.get("format") == "byte", "url": url}
    mark.update(KLING_IMAGE_LIMITS)
    if found := _MEGABYTES.search(text):
        mark["max_bytes"] = int(float(found[1]) * 1024 * 1024)
    if found := _SIDE.search(text):
        mark["min_side"] = int(found[1] or found[3])
    if found := _ASPECT.search(text):
        low, high = float(found[1]) / float(found[2]), float(found[3]) / float(found[4])
        mark["min_aspect"], mark["max_aspect"] = round(min(low, high), 4), round(max(low, high), 4)
    return mark


def mark_images(schema: JSON, overrides: dict[str, bool], path: str = "", inherited: str = "") -> JSON:
    """Add IMAGE_EXTENSION to every string schema that takes an image (``overrides`` by dotted path win).

    Array items without a description are read with the array's (``images: [...]``, "URLs of images")."""
    if not isinstance(schema, dict):
        return schema
    schema = dict(schema)
    text = schema.get("description") or inherited
    if "properties" in schema:
        schema["properties"] = {
            name: mark_images(value, overrides, f"{path}.{name}" if path else name)
            for name, value in schema["properties"].items()
        }
    if isinstance(schema.get("items"), dict):
        schema["items"] = mark_images(schema["items"], overrides, f"{path}[]", text)
    if path and schema.get("type") == "string":
        mark = image_mark(path.rsplit(".", 1)[-1].rstrip("[]"), {**schema, "description": text})
        wanted = overrides.get(path, mark is not None)
        if wanted:
            schema[IMAGE_EXTENSION] = mark or {"base64": True, "url": True, **KLING_IMAGE_LIMITS}
            if schema[IMAGE_EXTENSION]["url"] and schema.get("format") == "byte":
                del schema["format"]  # "Base64 or URL" in words beside format: byte: the words are the contract
    return schema


# -- names -------------------------------------------------------------------------------------------------


class Registry:
    """Named component schemas: derived names, identical shapes shared, ``names.yaml`` overrides."""

    def __init__(self, fragments: dict[str, Any], overrides: dict[str, str]) -> None:
        self.schemas: dict[str, Any] = copy.deepcopy(fragments)
        self.overrides = overrides
        self._by_structure: dict[str, str] = {}

    def add(self, wanted: str, schema: dict[str, Any], *, share: bool = True) -> str:
        key = structure(schema)
        if share and key in self._by_structure:
            return self._by_structure[key]
        base = self.overrides.get(wanted, wanted)
        name, number = base, 1
        while name in self.schemas:
            number += 1
            name = f"{base}{number}"
        self.schemas[name] = schema
        self._by_structure.setdefault(key, name)
        return name

    def hoist(self, schema: JSON, prefix: str) -> JSON:
        """Name every nested object schema ``<prefix><Property>`` (singular for array items), innermost first."""
        if not isinstance(schema, dict):
            return schema
        schema = dict(schema)
        for name, value in list(schema.get("properties", {}).items()):
            schema["properties"] = {**schema["properties"], name: self._named(value, prefix + pascal(singular(name)))}
        return schema

    def _named(self, schema: JSON, name: str) -> JSON:
        if not isinstance(schema, dict):
            return schema
        if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
            return {**schema, "items": self._named(schema["items"], name)}
        if "properties" in schema:
            return ref(self.add(name, self.hoist(schema, name)))
        return schema


# -- the merged document -----------------------------------------------------------------------------------


@dataclass
class Build:
    """What a build made: the document and the warnings to show."""

    document: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    empty_answers: list[str] = field(default_factory=list)
    """Create operations whose 200 answer's schema is empty (a publisher slip), read as answering a task."""


def _substitute(node: JSON, values: dict[str, str]) -> JSON:
    if isinstance(node, str):
        return Template(node).safe_substitute(values)
    if isinstance(node, dict):
        return {key: _substitute(value, values) for key, value in node.items()}
    if isinstance(node, list):
        return [_substitute(item, values) for item in node]
    return node


def _with_common_responses(operation: dict[str, Any], every: dict[str, Any]) -> dict[str, Any]:
    responses = dict(operation["responses"])
    for status, response in every.get("responses", {}).items():
        responses.setdefault(status, copy.deepcopy(response))
    operation["responses"] = dict(sorted(responses.items()))
    return operation


def _tag(path: str) -> str:
    """The folder of a route: ``/v1/ai/image-to-video/kling/{task-id}`` -> ``image-to-video``."""
    return path.removesuffix("/{task-id}").rstrip("/").rsplit("/", 2)[-2]


def model_title(source: Source, slug: str) -> tuple[str, str]:
    """(a short name for the model, what it does), from the summary or page heading ("Kling 3 Pro - Motion
    control video", "Create a video from an image - Kling 2.1 master model"); else the slug's words."""
    first = slug.split("-")[0].lower()
    for text in (source.operation.get("summary") or "", source.heading):
        parts = re.split(r"\s+-\s+", text.strip())
        for index, part in enumerate(parts):
            if first in part.lower() and len(parts) > 1:
                rest = " - ".join(parts[:index] + parts[index + 1 :])
                return re.sub(r"\s+model$", "", part.strip(), flags=re.IGNORECASE), rest
    return title_case(slug), source.heading


def answers_with_detail(source: Source, empty: list[str]) -> bool:
    """Whether the create call answers with the task and its results (``generated`` required), as some do.

    A 200 answer documented with an empty schema (the official document's ``task-detail-200-default-response``
    schema is only a description) is read as a task, with a warning."""
    response = source.operation.get("responses", {}).get("200", {})
    schema = (response.get("content") or {}).get("application/json", {}).get("schema")
    if schema is None:
        raise PipelineError(source.file, f"POST {source.create_path} documents no JSON 200 answer")
    resolved = clean(inline(schema, source.document.get("components", {}), source.file))
    if not set(resolved) - {"description", "example", "examples"}:
        empty.append(source.create_path)
        return False
    data = resolved.get("properties", {}).get("data", {})
    if "task_id" not in json.dumps(data):
        raise PipelineError(
            source.file, f"POST {source.create_path} answers with its result, not a task: only task operations work"
        )
    return "generated" in data.get("required", [])


def drop_slips(source: Source, checker: _ExampleChecker) -> list[str]:
    """Drop every ``example`` and ``default`` of a source's schemas and parameters that its own schema refuses,
    wherever it sits (components, properties, items, allOf/anyOf/oneOf parts, parameters, request bodies,
    answers): one warning each, naming its JSON pointer. A publisher's slip is not worth a failed build."""
    document = source.document
    components = document.get("components") or {}
    warnings: list[str] = []

    def schema(node: JSON, pointer: str) -> None:
        if not isinstance(node, dict):
            return
        for key in ("example", "default"):
            if key in node:
                problem = checker.slip(node, node[key], components, source.file)
                if problem:
                    warnings.append(f"{source.file}: {pointer}/{key} dropped: {problem}")
                    del node[key]
        for name, value in (node.get("properties") or {}).items():
            schema(value, f"{pointer}/properties/{_escape(name)}")
        for key in ("items", "additionalProperties", "not"):
            schema(node.get(key), f"{pointer}/{key}")
        for key in ("allOf", "anyOf", "oneOf"):
            for index, part in enumerate(node.get(key) or []):
                schema(part, f"{pointer}/{key}/{index}")

    def parameter(node: JSON, pointer: str) -> None:
        if isinstance(node, dict) and isinstance(node.get("schema"), dict):
            if "example" in node:
                problem = checker.slip(node["schema"], node["example"], components, source.file)
                if problem:
                    warnings.append(f"{source.file}: {pointer}/example dropped: {problem}")
                    del node["example"]
            schema(node["schema"], f"{pointer}/schema")

    def content(node: JSON, pointer: str) -> None:
        for media_type, media in ((node or {}).get("content") or {}).items() if isinstance(node, dict) else []:
            if isinstance(media, dict):
                schema(media.get("schema"), f"{pointer}/content/{_escape(media_type)}/schema")

    for name, value in (components.get("schemas") or {}).items():
        schema(value, f"#/components/schemas/{_escape(name)}")
    for name, value in (components.get("parameters") or {}).items():
        parameter(value, f"#/components/parameters/{_escape(name)}")
    for kind in ("responses", "requestBodies"):
        for name, value in (components.get(kind) or {}).items():
            content(value, f"#/components/{kind}/{_escape(name)}")
    for path, item in (document.get("paths") or {}).items():
        for method, operation in item.items() if isinstance(item, dict) else []:
            if not isinstance(operation, dict):
                continue
            where = f"#/paths/{_escape(path)}/{method}"
            for index, value in enumerate(operation.get("parameters") or []):
                parameter(value, f"{where}/parameters/{index}")
            content(operation.get("requestBody"), f"{where}/requestBody")
            for status, response in (operation.get("responses") or {}).items():
                content(response, f"{where}/responses/{status}")
    return warnings


def _escape(name: str) -> str:
    """One JSON pointer segment (RFC 6901)."""
    return str(name).replace("~", "~0").replace("/", "~1")


class _ExampleChecker:
    def __init__(self) -> None:
        from openapi_schema_validator import OAS30Validator, oas30_format_checker  # only at build time

        from scripts.spec.validate import strict  # the same closed-object check as for the merged document

        self._validator, self._formats, self._strict = OAS30Validator, oas30_format_checker, strict

    def slip(self, schema: dict[str, Any], value: Any, components: dict[str, Any], source: Path) -> str | None:
        """Why ``value`` (an example or default written in ``schema``) does not fit it; None when it does.

        Checked as the merged document's validation will: references inlined, allOf merged, objects closed."""
        own = {key: part for key, part in schema.items() if key not in ("example", "default")}
        try:
            resolved = clean(inline(own, components, source))
        except PipelineError:
            return None  # a dangling or recursive reference: reported where the schema is used
        return self.problem([resolved], value)

    def problem(self, schemas: list[dict[str, Any]], value: Any) -> str | None:
        """None when ``value`` fits one of the shapes (objects closed), else why it fits none."""
        reasons = []
        for schema in schemas:
            errors = list(self._validator(self._strict(schema), format_checker=self._formats).iter_errors(value))
            if not errors:
                return None
            reasons.append(f"{'/'.join(map(str, errors[0].absolute_path)) or '(body)'}: {errors[0].message}")
        return "; ".join(reasons)


def _read_sources(
    openapi_dir: Path, config: dict[str, Any]
) -> tuple[list[Source], dict[str, Any] | None, dict[str, str]]:
    """(the sources that make models, the official document if configured, superseded page per create path)"""
    pages_dir = openapi_dir / "pages"
    files = (
        sorted(p for p in pages_dir.iterdir() if p.is_file() and not p.name.startswith("."))
        if pages_dir.is_dir()
        else []
    )
    pages = [read_page(file) for file in files]
    official = None
    official_config = config.get("official") or {}
    if official_config.get("file"):
        file = openapi_dir / official_config["file"]
        official = read_yaml_file(file)
        if not isinstance(official, dict) or not isinstance(official.get("paths"), dict):
            raise PipelineError(file, "not an OpenAPI document (no 'paths')")
        chosen = official_sources(file, official, list(official_config.get("include") or []))
    else:
        chosen = []
    by_path: dict[str, Source] = {}
    for source in pages:
        if source.create_path in by_path:
            raise PipelineError(
                f"{by_path[source.create_path].file}, {source.file}", f"both define POST {source.create_path}"
            )
        by_path[source.create_path] = source
    superseded = {}
    for source in chosen:  # the official document is newer than any page: it wins
        if source.create_path in by_path:
            superseded[source.create_path] = by_path[source.create_path].file.name
        by_path[source.create_path] = source
    if not by_path:
        raise PipelineError(pages_dir, "no pages and no official operations selected")
    return list(by_path.values()), official, superseded


def _security(source: Source) -> dict[str, dict[str, Any]]:
    """The source's API-key schemes as (type, place, header name): descriptions do not matter."""
    schemes = (source.document.get("components") or {}).get("securitySchemes") or {}
    return {
        name: {"type": s.get("type"), "in": s.get("in"), "name": s.get("name")}
        for name, s in schemes.items()
        if isinstance(s, dict)
    }


def build(openapi_dir: Path) -> Build:
    """The merged OpenAPI document for the sources and fragments under ``openapi_dir``."""
    fragments = openapi_dir / "fragments"
    document = read_yaml_file(fragments / "document.yaml")
    component_fragments = read_yaml_file(fragments / "components.yaml")
    operations = read_yaml_file(fragments / "operations.yaml")
    config = _optional(openapi_dir / "sources.yaml")
    names = _optional(openapi_dir / "names.yaml")
    route_overrides = _optional(openapi_dir / "routes.yaml")
    image_overrides = _optional(openapi_dir / "images.yaml")

    sources, official, superseded = _read_sources(openapi_dir, config)
    checker = _ExampleChecker()
    slips: list[str] = []
    for source in sources:
        check_route(source.create_path, source.file)
        slips += drop_slips(source, checker)
    slugs = qualified_names(source.create_path for source in sources)
    for source in sources:
        check_slug(slugs[source.create_path], source.file)
    by_slug = {slugs[source.create_path]: source for source in sources}
    for slug in route_overrides:
        if slug not in by_slug:
            raise PipelineError(openapi_dir / "routes.yaml", f"routes for '{slug}', which no source defines")

    result = Build(document)
    registry = Registry(component_fragments.get("schemas", {}), names)
    shared_enums = {
        structure({"type": s.get("type"), "enum": sorted(s["enum"])}): name
        for name, s in component_fragments.get("schemas", {}).items()
        if "enum" in s
    }
    result.warnings += slips
    schemes: dict[str, dict[str, Any]] = dict(document["components"]["securitySchemes"])
    key_headers: dict[str, str] = {}
    routes: dict[str, dict[str, str]] = {}
    guessed: set[str] = set()
    for slug, source in sorted(by_slug.items()):
        route = {**source.routes}
        if official is not None and source.kind == "page" and source.create_path in official["paths"]:
            route = {**documented_routes(official, source.create_path), **route}
        route.update(route_overrides.get(slug) or {})
        if "status" not in route:
            if source.kind == "official":
                continue  # listed as unsupported in docs/models.md: a route is never guessed for the official spec
            result.warnings.append(
                f"{source.file}: {slug}: no documented status route; using {source.create_path}/{{task-id}}"
            )
            guessed.add(slug)
        route.setdefault("status", f"{source.create_path}/{{task-id}}")
        route.setdefault("list", source.create_path)
        routes[slug] = route
        for name, scheme in _security(source).items():
            known = next(
                (n for n, s in schemes.items() if {k: s.get(k) for k in ("type", "in", "name")} == scheme), None
            )
            if known is None:  # a different header: a scheme of its own, renamed if its name is taken
                known, number = name, 1
                while known in schemes:
                    number += 1
                    known = f"{name}{number}"
                schemes[known] = {**scheme, "description": f"The API key, in the {scheme['name']} header"}
            for server in source.document.get("servers") or []:
                if scheme["type"] == "apiKey" and scheme["in"] == "header":
                    key_headers.setdefault(str(server["url"]).rstrip("/"), scheme["name"])

    status_names = qualified_names(r["status"] for r in routes.values())
    list_names = qualified_names(r["list"] for r in routes.values())
    paths: dict[str, Any] = {}
    models: dict[str, Any] = {}
    for slug, route in routes.items():
        source = by_slug[slug]
        model = _convert(source, slug, registry, shared_enums, image_overrides.get(slug) or {}, checker, result)
        tag = _tag(source.create_path)
        create = _with_common_responses(model.pop("operation"), operations["every"])
        create = {"operationId": f"create_{snake(slug)}", "tags": [tag], **create}
        _add_operation(paths, source.create_path, "post", create, source.file)
        ids = {"create": create["operationId"]}
        for kind, path, resource in (
            ("status", route["status"], status_names[route["status"]]),
            ("list", route["list"], list_names[route["list"]]),
        ):
            operation = _substitute(operations[kind], {"model": title_case(resource), "slug": resource})
            operation_id = f"get_{snake(resource)}_task" if kind == "status" else f"list_{snake(resource)}_tasks"
            operation = {"operationId": operation_id, "tags": [_tag(path)], **operation}
            documented = [(source.file, source.document), ("official document", official or {})]
            if kind == "list" and (query := list_parameters(path, documented, result.warnings)):
                operation["parameters"] = query
            _add_operation(paths, path, "get", _with_common_responses(operation, operations["every"]), source.file)
            ids[kind] = operation_id
        title, summary = model_title(source, slug)
        models[slug] = {
            "title": title,
            "summary": summary,
            "source": source.kind,
            "source_file": source.file.name,
            "superseded_page": superseded.get(source.create_path, ""),
            **({"routes_guessed": True} if slug in guessed else {}),  # update-spec's review says so
            **ids,
            **model,
        }
    if official is not None:
        models_config = config.get("official") or {}
        result.document["x-freepik-unsupported"] = _unsupported(official, models_config, routes, by_slug)

    servers = list(document.get("servers") or [])
    for source in sources:
        for server in source.document.get("servers") or []:
            if all(s["url"].rstrip("/") != str(server["url"]).rstrip("/") for s in servers):
                servers.append({"url": str(server["url"]), "description": str(server.get("description", ""))})
    for server in servers:
        key_headers.setdefault(server["url"].rstrip("/"), document["components"]["securitySchemes"]["apiKey"]["name"])
    if result.empty_answers:
        result.warnings.append(
            f"{len(result.empty_answers)} create operations document an empty 200 schema and are read as answering "
            f"a task: {', '.join(sorted(result.empty_answers))}"
        )
    document["servers"] = servers
    document["paths"] = dict(sorted(paths.items()))
    document["components"] = {"schemas": dict(sorted(registry.schemas.items())), "securitySchemes": schemes}
    document["security"] = [{name: []} for name in schemes]
    document["x-freepik-key-headers"] = dict(sorted(key_headers.items()))
    document["x-freepik-models"] = models
    prune_unused(document)
    return result


_QUERY_TYPES = frozenset({"integer", "number", "boolean", "string"})
_QUERY_NAME = re.compile(r"[a-z][a-z0-9_]*")


def list_parameters(path: str, documents: list[tuple[Any, dict[str, Any]]], warnings: list[str]) -> list[JSON]:
    """The query parameters that the first of ``documents`` ((file, document): the model's source, then the
    official document) to describe ``GET path`` gives it, each with its schema inlined and cleaned.

    ``list()`` hands them to the generated module as they are, so only scalars (no enum, no string format: the
    generator would want classes of its own) named like a Python argument are kept; any other is dropped with
    a warning."""
    for file, document in documents:
        item = (document.get("paths") or {}).get(path)
        if not isinstance(item, dict) or not isinstance(item.get("get"), dict):
            continue
        components = document.get("components") or {}
        found = {}  # by name: the operation's own parameter overrides the path's
        for parameter in [*(item.get("parameters") or []), *(item["get"].get("parameters") or [])]:
            parameter = clean(inline(parameter, components, file))
            if not isinstance(parameter, dict) or parameter.get("in") != "query":
                continue
            name, schema = str(parameter.get("name")), parameter.get("schema") or {}
            kind = schema.get("type")
            scalar = kind in _QUERY_TYPES and "enum" not in schema and not (kind == "string" and "format" in schema)
            if not (scalar and _QUERY_NAME.fullmatch(name) and not keyword.iskeyword(name)):
                warning = f"{file}: GET {path}: query parameter {name!r} dropped: not a scalar named as an argument"
                warnings += [] if warning in warnings else [warning]  # a shared list route is built once per model
                continue
            found[name] = {key: parameter[key] for key in ("name", "in", "required", "description") if key in parameter}
            found[name]["schema"] = schema
        return list(found.values())
    return []


def _unsupported(
    official: dict[str, Any], config: dict[str, Any], routes: dict[str, Any], by_slug: dict[str, Source]
) -> dict[str, str]:
    shipped = {by_slug[slug].create_path for slug in routes}
    found = {}
    for path, item in official["paths"].items():
        wanted = any(word in path for word in config.get("include") or [])
        if wanted and isinstance(item, dict) and "post" in item and path not in shipped:
            found[path] = "the official document gives it no status route (GET .../{task-id})"
    return dict(sorted(found.items()))


def _optional(path: Path) -> dict[str, Any]:
    data = read_yaml_file(path) if path.is_file() else None
    if data is not None and not isinstance(data, dict):
        raise PipelineError(path, "must be a mapping")
    return data or {}


def _add_operation(paths: dict[str, Any], path: str, method: str, operation: dict[str, Any], source: Path) -> None:
    check_route(path, source)
    existing = paths.setdefault(path, {}).get(method)
    if existing is not None and existing != operation:
        raise PipelineError(source, f"{method.upper()} {path} is defined twice, differently")
    paths[path][method] = operation


def _convert(
    source: Source,
    slug: str,
    registry: Registry,
    shared_enums: dict[str, str],
    image_overrides: dict[str, bool],
    checker: _ExampleChecker,
    result: Build,
) -> dict[str, Any]:
    """One source's create operation, with its request shapes named and registered."""
    operation = source.operation
    components = source.document.get("components") or {}
    body = operation.get("requestBody") or {}
    media = (body.get("content") or {}).get("application/json")
    if not isinstance(media, dict) or "schema" not in media:
        raise PipelineError(source.file, f"POST {source.create_path} has no application/json request body")
    inlined = inline(media["schema"], components, source.file)
    prefix = pascal(slug)
    found = shapes(inlined if "oneOf" in inlined or "anyOf" in inlined else clean(inlined))
    registered, plain = [], []
    for shape_name, shape in found:
        shape = mark_images(clean(shape), image_overrides)
        if shape.get("type", "object") != "object" or "properties" not in shape:
            raise PipelineError(source.file, f"request shape {shape_name or '(body)'} is not an object with properties")
        shape["type"] = "object"
        plain.append(shape)
        named = registry.hoist(_share_enums(copy.deepcopy(shape), shared_enums), prefix)
        name = registry.add(f"{prefix}{pascal(shape_name)}Request", named, share=False)
        registered.append({"name": pascal(shape_name) or "Request", "component": name})
    content: dict[str, Any] = {
        # anyOf, whatever the source says: the published alternatives overlap (both of kling-v2-1-master's
        # shapes require only duration), so a strict oneOf would reject every body.
        "schema": ref(registered[0]["component"])
        if len(registered) == 1
        else {"anyOf": [ref(r["component"]) for r in registered]}
    }
    examples = dict(media.get("examples") or {})
    if "example" in media:
        examples["example"] = {"value": media["example"]}
    kept = {}
    for example_name, example in examples.items():
        value = (inline(example, components, source.file) or {}).get("value") if isinstance(example, dict) else None
        problem = "no value" if value is None else checker.problem(plain, value)
        if problem:
            result.warnings.append(f"{source.file}: example '{example_name}' dropped: {problem}")
        else:
            kept[example_name] = {"value": value}
    if kept:
        content["examples"] = kept
    create: dict[str, Any] = {
        "summary": operation.get("summary") or source.heading or source.create_path,
        "description": " ".join(str(operation.get("description") or "").split()),
        "requestBody": {"required": True, "content": {"application/json": content}},
        "responses": {
            "200": {
                "description": "OK - The task was created",
                "content": {
                    "application/json": {
                        "schema": ref(
                            "TaskDetailResponse"
                            if answers_with_detail(source, result.empty_answers)
                            else "TaskResponse"
                        )
                    }
                },
            }
        },
    }
    if any("webhook_url" in shape.get("properties", {}) for shape in plain):
        create["callbacks"] = {
            "taskStatusChanged": {
                "{$request.body#/webhook_url}": {
                    "post": {
                        "summary": "Delivered on every status change of the task",
                        "requestBody": {
                            "required": True,
                            "content": {"application/json": {"schema": ref("WebhookPayload")}},
                        },
                        "responses": {"200": {"description": "Any 2xx acknowledges the delivery"}},
                    }
                }
            }
        }
    return {"operation": create, "shapes": registered}


def _share_enums(schema: dict[str, Any], shared: dict[str, str]) -> dict[str, Any]:
    """Point enum properties that match a fragment enum (VideoDuration) at it: one class for all models.

    A property with a default stays inline: beside a $ref, OpenAPI 3.0 would drop the default.
    """
    properties = schema.get("properties", {})
    for name, definition in properties.items():
        if "enum" in definition and "default" not in definition:
            key = structure({"type": definition.get("type"), "enum": sorted(definition["enum"], key=str)})
            if key in shared:
                properties[name] = ref(shared[key])
    return schema


def prune_unused(document: dict[str, Any]) -> dict[str, Any]:
    """Drop schemas nothing references: each would become a model module nobody uses."""
    schemas = document["components"]["schemas"]
    used: set[str] = set()
    pending = [document["paths"]]
    while pending:
        text = json.dumps(pending.pop())
        for name in re.findall(r'"#/components/schemas/([^"]+)"', text):
            if name not in used:
                used.add(name)
                pending.append(schemas.get(name, {}))
    document["components"]["schemas"] = {name: schema for name, schema in schemas.items() if name in used}
    return document


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(document: dict[str, Any]) -> str:
    header = "# Generated by scripts/spec/build.py from openapi/ (pages, official document, fragments). Do not edit.\n"
    return header + yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


def main(argv: list[str]) -> int:
    openapi_dir = Path(argv[0]) if argv else Path("openapi")
    output = Path(argv[1]) if len(argv) > 1 else openapi_dir / "freepik-kling.yaml"
    try:
        built = build(openapi_dir)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for warning in built.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    output.write_text(dump(built.document), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
