"""Merge the published pages and the hand-written fragments into one OpenAPI 3.0.3 document.

Usage: ``python -m scripts.build_spec [OPENAPI_DIR] [OUTPUT]`` (defaults: ``openapi``,
``openapi/freepik-kling.yaml``). Every rule here exists because a page is a documentation-site rendering
of OpenAPI, not OpenAPI; docs/pipeline.md explains each one.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from string import Template
from typing import Any

import yaml

from scripts.errors import PipelineError
from scripts.pages import Page, load_yaml, read_page

JSON = Any
SCHEMA_REF = "#/components/schemas/"
# Keywords that document a schema without changing what it accepts: two schemas that differ only in these
# are the same schema.
_ANNOTATIONS = frozenset({"description", "example", "examples", "title", "summary", "x-enum-varnames"})
_MEDIA_KEYS = frozenset({"schemaArray", "examples", "description"})


def pascal(slug: str) -> str:
    """``kling-v2-5-pro`` -> ``KlingV25Pro``."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", slug) if part)


def snake(slug: str) -> str:
    """``kling-elements-std`` -> ``kling_elements_std``."""
    return re.sub(r"[^0-9A-Za-z]+", "_", slug).strip("_").lower()


def title_case(slug: str) -> str:
    """``kling-elements-std`` -> ``Kling Elements Std``."""
    return " ".join(part[:1].upper() + part[1:] for part in slug.split("-") if part)


def walk(node: JSON, visit: Callable[[dict[str, Any]], dict[str, Any]]) -> JSON:
    """Rebuild ``node`` bottom-up, passing every mapping through ``visit``."""
    if isinstance(node, dict):
        return visit({key: walk(value, visit) for key, value in node.items()})
    if isinstance(node, list):
        return [walk(item, visit) for item in node]
    return node


def unwrap_single_allof(node: JSON) -> JSON:
    """Replace ``{allOf: [X]}`` property wrappers by X.

    The pages wrap every property this way; openapi-python-client turns each wrapped string, number or enum
    into an empty model class, silently. Siblings of the wrapper (a description) merge into X, except
    beside a ``$ref``, where OpenAPI 3.0 would ignore them, so that form is kept.
    """

    def visit(schema: dict[str, Any]) -> dict[str, Any]:
        parts = schema.get("allOf")
        if not isinstance(parts, list) or len(parts) != 1 or not isinstance(parts[0], dict):
            return schema
        siblings = {key: value for key, value in schema.items() if key != "allOf"}
        inner = parts[0]
        if "$ref" in inner:
            return inner if not siblings else schema
        return {**inner, **siblings}

    return walk(node, visit)


def normalize_descriptions(node: JSON) -> JSON:
    """Fold the line breaks that YAML block scalars leave in descriptions."""

    def visit(mapping: dict[str, Any]) -> dict[str, Any]:
        text = mapping.get("description")
        return {**mapping, "description": " ".join(text.split())} if isinstance(text, str) else mapping

    return walk(node, visit)


_STATED_MAX_LENGTH = re.compile(r"(?:cannot|can not|must not|may not) exceed (\d+) characters", re.IGNORECASE)


def stated_limits(schema: dict[str, Any]) -> dict[str, Any]:
    """Give string properties the ``maxLength`` their description states in words.

    Some pages say "cannot exceed 2500 characters" in prose only; as a keyword, every tool enforces it.
    """
    for definition in schema.get("properties", {}).values():
        stated = _STATED_MAX_LENGTH.search(definition.get("description", ""))
        if stated and definition.get("type") == "string" and "maxLength" not in definition:
            definition["maxLength"] = int(stated[1])
    return schema


def rename_refs(node: JSON, names: dict[str, str]) -> JSON:
    def visit(mapping: dict[str, Any]) -> dict[str, Any]:
        ref = mapping.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMA_REF) and ref[len(SCHEMA_REF) :] in names:
            return {**mapping, "$ref": SCHEMA_REF + names[ref[len(SCHEMA_REF) :]]}
        return mapping

    return walk(node, visit)


def structure(schema: JSON) -> str:
    """Canonical text of what a schema accepts, for dedupe and clash detection."""

    def visit(mapping: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in mapping.items() if key not in _ANNOTATIONS}

    return json.dumps(walk(schema, visit), sort_keys=True)


def ref(name: str) -> dict[str, str]:
    return {"$ref": SCHEMA_REF + name}


class Components:
    """Named schemas collected from the pages, checked for clashes, overridden by the fragments."""

    def __init__(self, fragments: dict[str, Any]) -> None:
        self.fragments = fragments
        self._found: dict[str, list[tuple[JSON, str]]] = {}

    def add(self, name: str, schema: JSON, source: Path) -> None:
        self._found.setdefault(name, []).append((schema, str(source)))

    def resolved(self) -> dict[str, Any]:
        schemas: dict[str, Any] = {}
        for name, found in self._found.items():
            if name in self.fragments:
                continue  # the fragment is the current definition; the page holds a snapshot
            shapes = {structure(schema): (schema, source) for schema, source in found}
            if len(shapes) > 1:
                sources = ", ".join(sorted({source for _, source in found}))
                raise PipelineError(
                    sources, f"name clash: schema '{name}' has {len(shapes)} different shapes across pages"
                )
            schemas[name] = found[0][0]
        schemas.update(copy.deepcopy(self.fragments))
        return dict(sorted(schemas.items()))


class PageConverter:
    """Turn one page's rendered operation into a standard create operation plus named schemas."""

    def __init__(self, page: Page, names: dict[str, str], components: Components) -> None:
        self.page = page
        self.names = names
        self.components = components
        self.request_properties: set[str] = set()
        self.shared_enums = {
            structure({"type": schema.get("type"), "enum": sorted(schema["enum"])}): name
            for name, schema in components.fragments.items()
            if "enum" in schema
        }

    def schema_name(self, ref_identifier: str) -> str:
        raw = ref_identifier.removeprefix(SCHEMA_REF)
        if raw not in self.names:
            raise PipelineError(
                self.page.source,
                f"unknown schema name '{raw}': add it to openapi/names.yaml with a good name",
            )
        return self.names[raw]

    def clean(self, schema: JSON) -> JSON:
        return rename_refs(normalize_descriptions(unwrap_single_allof(schema)), self.names)

    def split_item(self, item: dict[str, Any]) -> tuple[dict[str, Any], str | None, bool]:
        """One ``schemaArray`` entry -> (JSON Schema, refIdentifier, requestBody.required flag).

        ``required: true`` on the entry is the request body's flag, not JSON Schema, and
        ``requiredProperties`` is the JSON Schema ``required`` list: read the flag before renaming.
        """
        schema = dict(item)
        flag = schema.pop("required", False)
        if not isinstance(flag, bool):
            raise PipelineError(self.page.source, f"schemaArray entry has a non-boolean 'required': {flag!r}")
        if "requiredProperties" in schema:
            schema["required"] = schema.pop("requiredProperties")
        ref_identifier = schema.pop("refIdentifier", None)
        return self.clean(schema), ref_identifier, flag

    def share_enums(self, schema: dict[str, Any]) -> dict[str, Any]:
        """Point enum properties that match a fragment enum (VideoDuration) at it, one class for all models.

        A property with a default stays inline: beside a $ref, OpenAPI 3.0 would drop the default.
        """
        properties = schema.get("properties", {})
        for prop, definition in properties.items():
            if "enum" in definition and "default" not in definition:
                key = structure({"type": definition.get("type"), "enum": sorted(definition["enum"])})
                if key in self.shared_enums:
                    properties[prop] = ref(self.shared_enums[key])
        return schema

    def request_body(self) -> dict[str, Any]:
        body = self.page.document["paths"].get("request", {}).get("body") or {}
        if not body:
            raise PipelineError(self.page.source, "the create operation has no request body")
        content: dict[str, Any] = {}
        required = False
        base = pascal(self.page.slug)
        for media_type, media in body.items():
            items = media.get("schemaArray") or []
            if not items:
                raise PipelineError(self.page.source, f"request body '{media_type}' has no schemaArray")
            alternatives = []
            for index, item in enumerate(items):
                schema, _, flag = self.split_item(item)
                self.request_properties.update(schema.get("properties", {}))
                required = required or flag
                variant = "" if len(items) == 1 else pascal(schema.get("title") or f"variant-{index + 1}")
                name = f"{base}{variant}Request"
                self.components.add(name, stated_limits(self.share_enums(schema)), self.page.source)
                alternatives.append(ref(name))
            entry: dict[str, Any] = {"schema": alternatives[0] if len(alternatives) == 1 else {"oneOf": alternatives}}
            if media.get("examples"):
                entry["examples"] = media["examples"]
            content[media_type] = entry
        return {"required": required, "content": content}

    def responses(self) -> dict[str, Any]:
        responses: dict[str, Any] = {}
        for status, entry in (self.page.document["paths"].get("response") or {}).items():
            description = entry.get("description")
            content: dict[str, Any] = {}
            for media_type, media in entry.items():
                if media_type == "description":
                    continue
                unknown = set(media) - _MEDIA_KEYS
                if unknown:
                    raise PipelineError(
                        self.page.source, f"response {status} {media_type} has unknown keys {sorted(unknown)}"
                    )
                description = description or media.get("description")
                items = media.get("schemaArray") or []
                if len(items) != 1:
                    raise PipelineError(
                        self.page.source, f"response {status} {media_type} needs one schema, has {len(items)}"
                    )
                schema, ref_identifier, _ = self.split_item(items[0])
                if ref_identifier:
                    name = self.schema_name(ref_identifier)
                    self.components.add(name, schema, self.page.source)
                    schema = ref(name)
                media_entry: dict[str, Any] = {"schema": schema}
                if media.get("examples"):
                    media_entry["examples"] = media["examples"]
                content[media_type] = media_entry
            if not description:
                raise PipelineError(self.page.source, f"response {status} has no description")
            responses[str(status)] = {"description": description, "content": content}
        return responses

    def page_components(self) -> None:
        for raw, schema in (self.page.document.get("components", {}).get("schemas") or {}).items():
            self.components.add(self.schema_name(raw), self.clean(schema), self.page.source)

    def security_schemes(self) -> dict[str, Any]:
        schemes: dict[str, Any] = {}
        for requirement in self.page.document["paths"].get("request", {}).get("security") or []:
            for location, params in (requirement.get("parameters") or {}).items():
                for name, definition in (params or {}).items():
                    schemes[requirement["title"]] = {
                        "type": definition.get("type", "apiKey"),
                        "in": location,
                        "name": name,
                        "description": " ".join(str(definition.get("description", "")).split()),
                    }
        return schemes

    def create_operation(self, tag: str) -> dict[str, Any]:
        self.page_components()
        operation: dict[str, Any] = {
            "operationId": f"create_{snake(self.page.slug)}",
            "tags": [tag],
            "summary": self.page.title,
            "description": self.page.description,
            "requestBody": self.request_body(),
            "responses": self.responses(),
        }
        if "webhook_url" in self.request_properties:
            operation["callbacks"] = {
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
        return operation


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


def _route_segment(path: str) -> str:
    """The resource name of a route: ``.../kling-elements/{task-id}`` -> ``kling-elements``."""
    segments = [segment for segment in path.split("/") if segment and not segment.startswith("{")]
    return segments[-1]


def _add_operation(paths: dict[str, Any], path: str, method: str, operation: dict[str, Any], source: Path) -> None:
    existing = paths.setdefault(path, {}).get(method)
    if existing is not None and existing != operation:
        raise PipelineError(source, f"{method.upper()} {path} is defined twice, differently")
    paths[path][method] = operation


def _read_yaml(path: Path) -> Any:
    return load_yaml(path.read_text(encoding="utf-8"), path)


def _page_files(pages_dir: Path) -> Iterable[Path]:
    return sorted(path for path in pages_dir.iterdir() if path.is_file() and not path.name.startswith("."))


def build(openapi_dir: Path) -> dict[str, Any]:
    """The merged OpenAPI document for the pages and fragments under ``openapi_dir``."""
    fragments = openapi_dir / "fragments"
    document = _read_yaml(fragments / "document.yaml")
    component_fragments = _read_yaml(fragments / "components.yaml")
    operations = _read_yaml(fragments / "operations.yaml")
    names = _read_yaml(openapi_dir / "names.yaml") or {}
    routes = _read_yaml(openapi_dir / "routes.yaml") or {}

    pages = [read_page(path) for path in _page_files(openapi_dir / "pages")]
    if not pages:
        raise PipelineError(openapi_dir / "pages", "no pages found")
    slugs = [page.slug for page in pages]
    for slug in set(slugs):
        if slugs.count(slug) > 1:
            clashing = ", ".join(str(page.source) for page in pages if page.slug == slug)
            raise PipelineError(clashing, f"two pages define model '{slug}'")
    for slug in routes:
        if slug not in slugs:
            raise PipelineError(openapi_dir / "routes.yaml", f"routes for '{slug}', which no page defines")

    components = Components(component_fragments.get("schemas", {}))
    paths: dict[str, Any] = {}
    servers: list[dict[str, Any]] = []
    schemes: dict[str, Any] = {}
    models: dict[str, Any] = {}
    for page in pages:
        converter = PageConverter(page, names, components)
        tag = _route_segment(page.path.rsplit("/", 1)[0])
        create = _with_common_responses(converter.create_operation(tag), operations["every"])
        _add_operation(paths, page.path, "post", create, page.source)

        route = routes.get(page.slug) or {}
        status_path = route.get("status", f"{page.path}/{{task-id}}")
        list_path = route.get("list", page.path)
        status_resource = _route_segment(status_path)
        status = _substitute(operations["status"], {"model": title_case(status_resource), "slug": status_resource})
        status = {"operationId": f"get_{snake(status_resource)}_task", "tags": [tag], **status}
        _add_operation(paths, status_path, "get", _with_common_responses(status, operations["every"]), page.source)
        list_resource = _route_segment(list_path)
        listing = _substitute(operations["list"], {"model": title_case(list_resource), "slug": list_resource})
        listing = {"operationId": f"list_{snake(list_resource)}_tasks", "tags": [tag], **listing}
        _add_operation(paths, list_path, "get", _with_common_responses(listing, operations["every"]), page.source)

        for server in page.document["paths"].get("servers") or []:
            if server not in servers:
                servers.append(server)
        for title, scheme in converter.security_schemes().items():
            if schemes.setdefault(title, scheme) != scheme:
                raise PipelineError(page.source, f"security scheme '{title}' differs from another page's")
        models[page.slug] = {
            "name": title_case(page.slug),
            "create": create["operationId"],
            "status": status["operationId"],
            "list": listing["operationId"],
            "request": f"{pascal(page.slug)}Request",
        }

    document["servers"] = servers
    document["paths"] = dict(sorted(paths.items()))
    document["components"] = {"schemas": components.resolved(), "securitySchemes": schemes}
    document["security"] = [{title: []} for title in schemes]
    document["x-freepik-models"] = models
    return prune_unused(document)


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
    header = "# Generated by scripts/build_spec.py from openapi/pages and openapi/fragments. Do not edit.\n"
    return header + yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


def main(argv: list[str]) -> int:
    openapi_dir = Path(argv[0]) if argv else Path("openapi")
    output = Path(argv[1]) if len(argv) > 1 else openapi_dir / "freepik-kling.yaml"
    try:
        document = build(openapi_dir)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    output.write_text(dump(document), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
