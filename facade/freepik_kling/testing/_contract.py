"""The merged OpenAPI document as a request validator (openapi-core), plus its route table.

The document ships inside ``freepik_api`` (``openapi.yaml``), so the simulator and contract checks work
from an installed wheel as well as from a checkout.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import ImmutableMultiDict  # what openapi-core reads query parameters from

API_KEY_SCHEME = "apiKey"


@dataclass
class _Request:
    """openapi-core's Request protocol, for a request the simulator received or a client sent."""

    method: str
    path: str
    body: bytes | None
    content_type: str
    host_url: str
    parameters: RequestParameters = field(default_factory=RequestParameters)

    @property
    def full_url_pattern(self) -> str:
        return self.host_url + self.path


@dataclass(frozen=True)
class Route:
    """One operation of the document: its method, a regex for its path, and the models it serves."""

    operation_id: str
    kind: str  # create | status | list
    method: str
    template: str
    pattern: re.Pattern[str]
    models: tuple[str, ...]
    answers_detail: bool = False
    """A create documented to answer with the task's results too (``generated``), not only its id."""
    query: Mapping[str, Any] = field(default_factory=dict)
    """The query parameters the operation documents, by name: their schemas."""


class Contract:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.server = document["servers"][0]["url"]
        self.key_header = document["components"]["securitySchemes"][API_KEY_SCHEME]["name"]
        self.key_headers = tuple(
            scheme["name"].lower()
            for scheme in document["components"]["securitySchemes"].values()
            if scheme.get("type") == "apiKey" and scheme.get("in") == "header"
        )
        config = Config(
            extra_media_type_deserializers={"application/problem+json": json.loads},
            # jsonschema checks "uri" only with an optional package installed; the API does check it.
            extra_format_validators={"uri": _is_absolute_uri},
        )
        self._openapi = OpenAPI.from_dict(document, config=config)
        self.routes = self._routes()

    def _routes(self) -> list[Route]:
        kinds: dict[str, tuple[str, list[str]]] = {}
        for slug, model in self.document["x-freepik-models"].items():
            for kind in ("create", "status", "list"):
                kinds.setdefault(model[kind], (kind, []))[1].append(slug)
        routes = []
        for template, item in self.document["paths"].items():
            regex = re.sub(r"\\\{[^}]+\\\}", "(?P<task_id>[^/]+)", re.escape(template))
            for method, operation in item.items():
                kind, slugs = kinds[operation["operationId"]]
                answer = operation["responses"]["200"]["content"]["application/json"]["schema"].get("$ref", "")
                routes.append(
                    Route(
                        operation["operationId"],
                        kind,
                        method.upper(),
                        template,
                        re.compile(f"^{regex}$"),
                        tuple(slugs),
                        answers_detail=kind == "create" and answer.endswith("/TaskDetailResponse"),
                        query={p["name"]: p["schema"] for p in operation.get("parameters", []) if p["in"] == "query"},
                    )
                )
        return routes

    def route(self, method: str, path: str) -> tuple[Route, str | None] | None:
        for route in self.routes:
            found = route.pattern.match(path)
            if found and route.method == method.upper():
                return route, found.groupdict().get("task_id")
        return None

    def request_errors(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes | None, query: str = ""
    ) -> list[tuple[str, str]]:
        """(field, reason) for each way the request breaks the document; empty when it is allowed. A query
        parameter the operation does not document is refused too (openapi-core lets any through)."""
        lowered = {name.lower(): value for name, value in headers.items()}
        pairs = parse_qsl(query, keep_blank_values=True)
        found = self.route(method, path)
        documented = found[0].query if found else {}
        if unknown := sorted({name for name, _ in pairs} - set(documented)):
            return [(name, "not a query parameter of this operation") for name in unknown]
        if body and "json" in lowered.get("content-type", ""):
            try:
                json.loads(body)
            except ValueError as error:  # openapi-core's own message crashes on bytes that are not UTF-8
                return [("body", f"not a JSON document: {error}")]
        request = _Request(
            method=method.lower(),
            path=path,
            body=body or None,
            content_type=lowered.get("content-type", ""),
            host_url=self.server,
            parameters=RequestParameters(header=lowered, query=ImmutableMultiDict(pairs)),
        )
        try:
            self._openapi.validate_request(request)
        except Exception as error:
            return _reasons(error)
        return []


def _is_absolute_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True  # a type error, reported as such
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc) and not any(char.isspace() for char in value)


def _reasons(error: Exception) -> list[tuple[str, str]]:
    schema_errors = getattr(error.__cause__, "schema_errors", None)
    parameter = getattr(error, "name", None)  # a parameter's error names it (``page``)
    if not schema_errors:
        try:
            text = str(error)
        except ValueError:
            text = type(error).__name__
        return [(parameter or "request", text.split(": Value ")[0])]
    reasons = []
    for schema_error in schema_errors:
        path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in schema_error.absolute_path)
        name = path.lstrip(".")
        if schema_error.validator == "required":
            name = (name + "." if name else "") + schema_error.message.split("'")[1]
        reasons.append((name or parameter or "body", schema_error.message))
    return reasons


@functools.cache
def load_contract() -> Contract:
    """The contract of the installed ``freepik_api`` (its copy of openapi/freepik-kling.yaml)."""
    text = (resources.files("freepik_api") / "openapi.yaml").read_text(encoding="utf-8")
    # libyaml's parser where PyYAML has it: a tenth of the pure-Python one's 0.6 s, paid by every sandbox.
    return Contract(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))  # noqa: S506 - safe
