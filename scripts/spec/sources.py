"""Read the three kinds of source into one form: a small OpenAPI 3.0 document per create operation.

- a page in the docs site's older rendering (a fence ``yaml post /path`` holding ``paths: {path, method,
  request, response}`` and page-local ``components``), converted here to standard OpenAPI;
- a page in the current rendering (the fence holds a whole OpenAPI document), taken as it is;
- the official OpenAPI document, from which :func:`cut` takes one create operation with its status and
  list operations and everything they reference (``scripts/spec/cut_operation.py`` writes that as a page).

Every source is read with YAML 1.2 scalars (:func:`load_yaml`), so ``16:9`` stays the string it is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scripts.spec.errors import PipelineError

JSON = Any
SCHEMA_REF = "#/components/schemas/"
COMPONENT_REF = re.compile(r"^#/components/(schemas|examples|responses|parameters|requestBodies|headers)/(.+)$")

_FENCE = re.compile(
    r"^(?P<ticks>`{3,})yaml[ \t]+(?P<method>\w+)[ \t]+(?P<path>\S+)[ \t]*\n(?P<body>.*?)^(?P=ticks)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


class _Yaml12Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML with the YAML 1.2 core schema's implicit types.

    PyYAML follows YAML 1.1: ``16:9`` is the base-60 integer 969, ``no`` and ``y`` are booleans, and
    ``2025-05-05`` is a date (not JSON). The generator and every other OpenAPI tool read YAML 1.2, where
    each of these is a string. libyaml parses when it is installed (the official document is 2 MB).
    """


_Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
):
    _Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    # SafeConstructor's reader takes base 60 and a leading 0 as octal (YAML 1.1); YAML 1.2 does neither.
    value = str(loader.construct_scalar(node))
    return int(value, 0 if value.startswith(("0o", "0x")) else 10)


_Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


MAX_DEPTH = 64
"""Nesting levels a source may have (the official document has 15): deeper is refused before it is built."""
MAX_NODES = 2_000_000
"""Values a source may expand to, aliases counted at every use (the official document has about 70,000)."""
MAX_TEXT = 64 * 1024 * 1024
"""Characters of scalar text a source may expand to, aliases counted at every use (the download's cap)."""


def _check_size(text: str, source: Path | str) -> None:
    """Refuse a document that nests too deep or whose aliases expand too far, from its events alone.

    Each anchored value's expanded size is recorded when it ends; an alias adds that size to its parent, so
    a billion-laughs document is refused after reading its few kilobytes, before anything is expanded.
    """
    sizes: dict[str, tuple[int, int]] = {}  # anchor -> (values, characters) it expands to
    stack: list[list[Any]] = [[None, 0, 0]]  # per open collection: [anchor, values, characters]
    for event in yaml.parse(text, Loader=_Yaml12Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) > MAX_DEPTH:
                raise PipelineError(source, f"YAML nests deeper than {MAX_DEPTH} levels; refused")
            stack.append([event.anchor, 1, 0])
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, values, characters = stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, values, characters = event.anchor, 1, len(event.value)
        elif isinstance(event, yaml.AliasEvent):
            anchor, (values, characters) = None, sizes.get(event.anchor or "", (1, 0))
        else:
            continue
        if anchor is not None:
            sizes[anchor] = (values, characters)
        top = stack[-1]
        top[1] += values
        top[2] += characters
        if top[1] > MAX_NODES or top[2] > MAX_TEXT:
            raise PipelineError(
                source,
                f"YAML expands past {MAX_NODES:,} values or {MAX_TEXT // 2**20} MiB of text (aliases counted at"
                " each use); refused",
            )


def load_yaml(text: str, source: Path | str) -> Any:
    """YAML 1.2 scalars, aliases resolved into independent copies (a JSON round trip), within the limits above.

    Only the safe loader's plain types are built: a Python tag (``!!python/object``) is a YAML error.
    """
    try:
        _check_size(text, source)
        data = yaml.load(text, Loader=_Yaml12Loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        raise PipelineError(source, f"malformed YAML: {' '.join(str(exc).split())}") from None
    except ValueError as exc:
        raise PipelineError(source, f"YAML holds a value that is not JSON: {exc}") from None
    try:
        return json.loads(json.dumps(data))
    except (TypeError, ValueError) as exc:
        raise PipelineError(source, f"YAML holds a value that is not JSON: {exc}") from None


def read_yaml_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PipelineError(path, f"cannot read: {exc}") from None
    return load_yaml(text, path)


@dataclass
class Source:
    """One create operation and what it references, as a standard OpenAPI document."""

    file: Path
    kind: str  # "page" or "official"
    create_path: str
    document: dict[str, Any]
    heading: str = ""
    routes: dict[str, str] = field(default_factory=dict)  # status/list paths the source itself documents

    @property
    def operation(self) -> dict[str, Any]:
        return self.document["paths"][self.create_path]["post"]  # type: ignore[no-any-return]


def read_page(file: Path) -> Source:
    """A documentation page in either rendering."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PipelineError(file, f"cannot read: {exc}") from None
    fence = _FENCE.search(text)
    if fence is None:
        raise PipelineError(file, "no fenced block with info string 'yaml <method> <path>' found")
    method, path = fence["method"].lower(), fence["path"]
    if method != "post":
        raise PipelineError(file, f"only create (POST) pages are supported, the fence says '{method} {path}'")
    document = load_yaml(fence["body"], file)
    if not isinstance(document, dict) or not isinstance(document.get("paths"), dict):
        raise PipelineError(file, "the YAML block has no 'paths' mapping")
    heading = re.search(r"^#[ \t]+(.+)$", text, re.MULTILINE)
    summary = re.search(r"^>[ \t]*(?!#)(.+)$", text[heading.end() :] if heading else text, re.MULTILINE)
    if "openapi" in document:
        source = _current_page(file, document, path)
    else:
        source = _older_page(file, document, path, summary[1].strip() if summary else "")
    source.heading = heading[1].strip() if heading else ""
    _check_references(source)
    return source


def _current_page(file: Path, document: dict[str, Any], path: str) -> Source:
    operation = (document["paths"].get(path) or {}).get("post")
    if not isinstance(operation, dict):
        raise PipelineError(file, f"the fence names 'post {path}' but the document's paths have no such operation")
    return Source(file, "page", path, document, routes=_own_routes(document))


def _own_routes(document: dict[str, Any]) -> dict[str, str]:
    """The status and list routes a one-operation document carries (its GET paths)."""
    return {
        ("status" if "{" in path else "list"): path
        for path, item in document["paths"].items()
        if isinstance(item, dict) and "get" in item
    }


def _older_page(file: Path, page: dict[str, Any], path: str, description: str) -> Source:
    """The older rendering -> OpenAPI: ``schemaArray`` entries become schemas, ``refIdentifier`` a component."""
    rendered = page["paths"]
    declared = f"{rendered.get('method')} {rendered.get('path')}"
    if str(rendered.get("method", "")).lower() != "post" or rendered.get("path") != path:
        raise PipelineError(file, f"the fence says 'post {path}' but paths says '{declared}'")
    request = rendered.get("request") or {}
    schemes: dict[str, Any] = {}
    for requirement in request.get("security") or []:
        for location, params in (requirement.get("parameters") or {}).items():
            for name, definition in (params or {}).items():
                schemes[requirement.get("title") or name] = {
                    "type": (definition or {}).get("type", "apiKey"),
                    "in": location,
                    "name": name,
                    "description": " ".join(str((definition or {}).get("description", "")).split()),
                }
    components: dict[str, Any] = {"schemas": dict((page.get("components") or {}).get("schemas") or {})}
    body_required = False
    content: dict[str, Any] = {}
    for media_type, media in (request.get("body") or {}).items():
        entries = []
        for item in media.get("schemaArray") or []:
            schema, flag = _schema_array_entry(file, item, components)
            body_required = body_required or flag
            entries.append(schema)
        if not entries:
            raise PipelineError(file, f"request body '{media_type}' has no schemaArray")
        entry: dict[str, Any] = {"schema": entries[0] if len(entries) == 1 else {"oneOf": entries}}
        if media.get("examples"):
            entry["examples"] = media["examples"]
        content[media_type] = entry
    responses: dict[str, Any] = {}
    for status, response in (rendered.get("response") or {}).items():
        converted: dict[str, Any] = {"description": response.get("description", "")}
        for media_type, media in response.items():
            if media_type == "description" or not isinstance(media, dict):
                continue
            items = media.get("schemaArray") or []
            if items:
                schema, _ = _schema_array_entry(file, items[0], components)
                converted.setdefault("content", {})[media_type] = {"schema": schema}
                converted["description"] = converted["description"] or media.get("description", "")
        responses[str(status)] = converted
    operation = {
        "summary": "",
        "description": description,
        "requestBody": {"required": body_required, "content": content},
        "responses": responses,
    }
    document: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": file.name, "version": "page"},
        "servers": rendered.get("servers") or [],
        "security": [{name: []} for name in schemes],
        "paths": {path: {"post": operation}},
        "components": {**components, "securitySchemes": schemes},
    }
    return Source(file, "page", path, document)


def _schema_array_entry(file: Path, item: dict[str, Any], components: dict[str, Any]) -> tuple[JSON, bool]:
    """One ``schemaArray`` entry -> (a schema or a $ref to it, the request body's ``required`` flag).

    ``required: true`` on the entry is the request body's flag, and ``requiredProperties`` is the JSON
    Schema ``required`` list: read the flag before renaming.
    """
    schema = dict(item)
    flag = schema.pop("required", False)
    if not isinstance(flag, bool):
        raise PipelineError(file, f"schemaArray entry has a non-boolean 'required': {flag!r}")
    if "requiredProperties" in schema:
        schema["required"] = schema.pop("requiredProperties")
    ref = schema.pop("refIdentifier", None)
    if isinstance(ref, str) and (match := COMPONENT_REF.match(ref)) and match[1] == "schemas":
        components["schemas"].setdefault(match[2], schema)
        return {"$ref": ref}, flag
    return schema, flag


def _check_references(source: Source) -> None:
    """Every local $ref resolves: a dangling one is a broken page, named here rather than deep in a build."""
    text = json.dumps(source.document)
    for ref in sorted(set(re.findall(r'"\$ref": "([^"]*)"', text))):
        match = COMPONENT_REF.match(ref)
        if match is None or match[2] not in (source.document.get("components") or {}).get(match[1], {}):
            raise PipelineError(source.file, f"$ref '{ref}' points at nothing in the page")


# -- the official document ---------------------------------------------------------------------------------


def _segments(path: str) -> tuple[str, str]:
    """``/v1/ai/video/kling-v3-pro`` -> (``/v1/ai/video``, ``kling-v3-pro``)."""
    folder, _, resource = path.rstrip("/").rpartition("/")
    return folder, resource


def _is_prefix(resource: str, slug: str) -> bool:
    return slug == resource or slug.startswith(resource + "-")


def documented_routes(document: dict[str, Any], create_path: str) -> dict[str, str]:
    """The status and list routes the document gives a create path, by the publisher's rule.

    The status route is the ``GET <folder>/<resource>/{task-id}`` whose resource is the longest
    dash-separated prefix of the model's slug in the same folder (``kling-v2-1-pro`` -> ``kling-v2-1``);
    the list route likewise among the folder's ``GET`` paths without a parameter.
    """
    folder, slug = _segments(create_path)
    best: dict[str, tuple[int, str]] = {}
    for path, item in document.get("paths", {}).items():
        if not isinstance(item, dict) or "get" not in item:
            continue
        kind = "status" if path.endswith("/{task-id}") else "list"
        candidate = path.removesuffix("/{task-id}")
        if "{" in candidate:
            continue
        their_folder, resource = _segments(candidate)
        if their_folder == folder and _is_prefix(resource, slug) and len(resource) > best.get(kind, (-1, ""))[0]:
            best[kind] = (len(resource), path)
    return {kind: path for kind, (_, path) in best.items()}


def _references(node: JSON, document: dict[str, Any], found: dict[tuple[str, str], Any]) -> None:
    if isinstance(node, list):
        for item in node:
            _references(item, document, found)
    elif isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            raise PipelineError("official document", f"external $ref {ref!r} refused: only references inside it")
        if isinstance(ref, str) and (match := COMPONENT_REF.match(ref)) and (match[1], match[2]) not in found:
            target = (document.get("components") or {}).get(match[1], {}).get(match[2])
            if target is None:
                raise PipelineError("official document", f"$ref '{ref}' points at nothing")
            found[(match[1], match[2])] = target
            _references(target, document, found)
        for value in node.values():
            _references(value, document, found)


def cut(document: dict[str, Any], create_path: str) -> dict[str, Any]:
    """One create operation of ``document``, with its status and list operations and all they reference."""
    item = document.get("paths", {}).get(create_path)
    if not isinstance(item, dict) or "post" not in item:
        raise PipelineError("official document", f"no create operation 'POST {create_path}'")
    paths: dict[str, Any] = {create_path: {"post": item["post"]}}
    for path in documented_routes(document, create_path).values():
        paths.setdefault(path, {})["get"] = document["paths"][path]["get"]
        if "parameters" in document["paths"][path]:  # the path's own: a list route's query parameters may sit here
            paths[path]["parameters"] = document["paths"][path]["parameters"]
    found: dict[tuple[str, str], Any] = {}
    _references(paths, document, found)
    components: dict[str, Any] = {}
    for (kind, name), target in sorted(found.items()):
        components.setdefault(kind, {})[name] = target
    components["securitySchemes"] = (document.get("components") or {}).get("securitySchemes", {})
    return {
        "openapi": document.get("openapi", "3.0.3"),
        "info": document.get("info", {}),
        "servers": document.get("servers", []),
        "security": document.get("security", []),
        "paths": paths,
        "components": components,
    }


def official_sources(file: Path, document: dict[str, Any], include: list[str]) -> list[Source]:
    """The create operations of the official document whose path contains one of ``include``."""
    sources = []
    for path, item in document.get("paths", {}).items():
        if isinstance(item, dict) and "post" in item and any(word in path for word in include):
            piece = cut(document, path)
            sources.append(Source(file, "official", path, piece, routes=_own_routes(piece)))
    return sources


def page_text(document: dict[str, Any], create_path: str) -> str:
    """A cut document as a page in the docs site's current rendering."""
    operation = document["paths"][create_path]["post"]
    title = operation.get("summary") or create_path
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110)
    lines = [f"# {title}", ""]
    if operation.get("description"):
        lines += [f"> {' '.join(str(operation['description']).split())}", ""]
    lines += ["## OpenAPI", "", f"````yaml post {create_path}", body.rstrip("\n"), "````", ""]
    return "\n".join(lines)
