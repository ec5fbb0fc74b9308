"""What `make generate` writes beside the generated client: the catalog, the input validators, docs/models.md.

- ``catalog.py``: per model slug, its routes, the modules and classes the generator wrote for it (read
  back from the generated files, never predicted), its request shapes and fields with their rules.
- ``validators/<model>__<shape>.py``: each request shape's JSON Schema compiled to Python by fastjsonschema
  (about 5 µs a call); the facade imports one only when that model is first used.
- ``docs/models.md``: every model, its routes and its fields, for people.
"""

from __future__ import annotations

import ast
import json
import pprint
import re
from pathlib import Path
from typing import Any

import fastjsonschema

from scripts.spec.build import IMAGE_EXTENSION, snake
from scripts.spec.errors import PipelineError
from scripts.spec.validate import inline_refs

PACKAGE = "freepik_api"
_FIELD_KEYS = (
    "type", "format", "enum", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minLength", "maxLength", "pattern", "minItems", "maxItems", "nullable", IMAGE_EXTENSION,
)  # fmt: skip
_KEPT_FORMATS = frozenset({"uri"})
_HTTP_URL = r"^https?://[^\s/?#@]+[^\s]*\Z"
"""What a ``format: uri`` field takes: every one the API documents is a URL it fetches or calls."""
_STRUCTURE_DROPS = frozenset({"description", "example", "examples", "default", "title", "nullable", "x-enum-varnames"})


def docstring(text: str, limit: int | None = None) -> str:
    """``text`` from a document as a one-line docstring that cannot end early or run anything.

    Whitespace is folded; backslashes, each run of three double quotes and the quotes that end the text are
    escaped (so nothing closes the string before its end); characters that are not printable are written as
    escapes (a NUL byte would make the module unreadable).
    """
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 3].rstrip() + "..."
    body = text.rstrip('"')
    escaped = "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in body.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    )
    return '"""' + escaped + '\\"' * (len(text) - len(body)) + '"""'


def endpoint_modules(package: Path) -> dict[tuple[str, str], str]:
    """(METHOD, path as in the spec) -> dotted module, read from the endpoint modules the generator wrote."""
    found = {}
    for file in sorted((package / "api").rglob("*.py")):
        text = file.read_text(encoding="utf-8")
        method = re.search(r'"method": "(\w+)"', text)
        url = re.search(r'"url": f?"([^"]+)"', text)
        if method and url:
            path = re.sub(r"\{[^}]*\}", "{task-id}", url[1])
            module = ".".join((PACKAGE, *file.relative_to(package).with_suffix("").parts))
            found[(method[1].upper(), path)] = module
    return found


def body_classes(package: Path, module: str) -> list[str]:
    """The dotted names of the classes a create module's ``body`` parameter accepts, in the order written."""
    file = package.joinpath(*module.split(".")[1:]).with_suffix(".py")
    tree = ast.parse(file.read_text(encoding="utf-8"))
    homes = {
        alias.name: f"{PACKAGE}.{node.module}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("models")
        for alias in node.names
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "_get_kwargs":
            for arg in node.args.kwonlyargs:
                if arg.arg == "body" and arg.annotation is not None:
                    names = [n.id for n in ast.walk(arg.annotation) if isinstance(n, ast.Name)]
                    return [f"{homes[name]}.{name}" for name in names if name in homes]
    raise PipelineError(file, "the generated create module has no body parameter")


def list_query(document: dict[str, Any], operation_id: str) -> list[dict[str, Any]]:
    """The query parameters ``build.list_parameters`` kept for a list operation, as the merged document has them."""
    for item in document["paths"].values():
        if (item.get("get") or {}).get("operationId") == operation_id:
            return [p for p in item["get"].get("parameters") or [] if p.get("in") == "query"]
    return []


def query_arguments(package: Path, module: str) -> list[str]:
    """The keyword arguments of a generated list module's ``_get_kwargs``: its query parameters' Python names."""
    file = package.joinpath(*module.split(".")[1:]).with_suffix(".py")
    tree = ast.parse(file.read_text(encoding="utf-8"))
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name == "_get_kwargs"]
    return [arg.arg for node in functions for arg in node.args.kwonlyargs]


def list_parameters(document: dict[str, Any], package: Path, operation_id: str, module: str, validator: str) -> Any:
    """A list route's query parameters as the facade checks them: each one's rules, the required ones, and a
    validator of them all (written only where there are any). list() passes them by their wire names, so the
    generated module must take exactly those: read back, never assumed."""
    parameters = list_query(document, operation_id)
    names = [parameter["name"] for parameter in parameters]
    if set(query_arguments(package, module)) != set(names):
        raise PipelineError(module, f"the generated list module does not take exactly {names}")
    required = [parameter["name"] for parameter in parameters if parameter.get("required")]
    fields = {p["name"]: field_summary({**p["schema"], "description": p.get("description", "")}) for p in parameters}
    if parameters:
        schema = {"type": "object", "properties": {p["name"]: p["schema"] for p in parameters}}
        schema |= {"required": required} if required else {}  # draft 4 refuses an empty list
        (package / "validators" / f"{validator}.py").write_text(validator_code(schema), encoding="utf-8")
    return {
        "validator": f"{PACKAGE}.validators.{validator}" if parameters else "",
        "required": required,
        "fields": fields,
    }


def class_fields(package: Path, dotted: str) -> frozenset[str]:
    """The wire names of a generated model class's fields, as its ``from_dict`` reads them (``d.pop("a-b")``):
    the Python attribute of a name such as ``class`` or ``1abc`` is the generator's own choice."""
    module, _, name = dotted.rpartition(".")
    tree = ast.parse(package.joinpath(*module.split(".")[1:]).with_suffix(".py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return frozenset(
                call.args[0].value
                for item in node.body
                if isinstance(item, ast.FunctionDef) and item.name == "from_dict"
                for call in ast.walk(item)
                if isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "pop"
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "d"
                and call.args
                and isinstance(call.args[0], ast.Constant)
                and isinstance(call.args[0].value, str)
            )
    raise PipelineError(module, f"no class {name}")


def match_classes(package: Path, classes: list[str], shapes: list[set[str]]) -> list[str]:
    """Each shape's class, matched by field names (the generator may order a union's members its own way)."""
    fields = {dotted: class_fields(package, dotted) for dotted in classes}
    matched = []
    for properties in shapes:
        wanted = frozenset(properties)
        candidates = [dotted for dotted in classes if fields[dotted] == wanted and dotted not in matched]
        if not candidates:
            raise PipelineError(package, f"no generated class has the fields {sorted(properties)}")
        matched.append(candidates[0])
    return matched


def field_summary(schema: dict[str, Any]) -> dict[str, Any]:
    """A field's rules and description, nested objects and items included."""
    field = {key: schema[key] for key in _FIELD_KEYS if key in schema}
    if "type" not in field and "properties" in schema:
        field["type"] = "object"
    if isinstance(schema.get("items"), dict):
        field["items"] = field_summary(schema["items"])
    if "properties" in schema:
        field["properties"] = {name: field_summary(value) for name, value in schema["properties"].items()}
        field["required"] = list(schema.get("required", []))
    for combinator in ("oneOf", "anyOf"):
        if combinator in schema:
            field[combinator] = [field_summary(part) for part in schema[combinator]]
    if schema.get("description"):
        field["description"] = schema["description"]
    return field


def image_paths(schema: dict[str, Any], path: str = "") -> dict[str, dict[str, Any]]:
    """Dotted paths (``[]`` for list items) of every image field, with its limits."""
    found = {}
    if IMAGE_EXTENSION in schema:
        found[path] = schema[IMAGE_EXTENSION]
    for name, value in schema.get("properties", {}).items():
        found.update(image_paths(value, f"{path}.{name}" if path else name))
    if isinstance(schema.get("items"), dict):
        found.update(image_paths(schema["items"], f"{path}[]"))
    return found


def validation_schema(schema: Any) -> Any:
    """What fastjsonschema checks: the structure only (draft 4, as OpenAPI 3.0), every object closed, and
    image fields without a format (the facade checks URLs and local images itself)."""
    if isinstance(schema, list):
        return [validation_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {
        key: validation_schema(value)
        for key, value in schema.items()
        if key not in _STRUCTURE_DROPS and not key.startswith("x-")
    }
    if "properties" in schema:
        result["properties"] = {name: validation_schema(value) for name, value in schema["properties"].items()}
        result.setdefault("additionalProperties", False)
    if result.get("format") not in _KEPT_FORMATS or IMAGE_EXTENSION in schema:
        result.pop("format", None)
    return result


def validator_code(schema: dict[str, Any]) -> str:
    definition = {"$schema": "http://json-schema.org/draft-04/schema#", **validation_schema(schema)}
    try:
        code: str = fastjsonschema.compile_to_code(
            definition, formats={"uri": _HTTP_URL}, use_default=False, detailed_exceptions=False
        )
    except fastjsonschema.JsonSchemaDefinitionException as exc:
        raise PipelineError("request schema", f"cannot compile a validator: {exc}") from None
    return '"""Generated by scripts/spec/catalog.py with fastjsonschema; do not edit."""\n\n' + code


def build_catalog(document: dict[str, Any], package: Path) -> dict[str, Any]:
    """Per model slug: routes, generated modules and classes, request shapes, fields; writes the validators."""
    modules = endpoint_modules(package)
    operations = {
        operation["operationId"]: {
            "module": modules.get((method.upper(), path), ""),
            "method": method.upper(),
            "path": path,
        }
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }
    schemas = document["components"]["schemas"]
    validators = package / "validators"
    validators.mkdir(exist_ok=True)
    (validators / "__init__.py").write_text('"""Request validators, one module per model and shape."""\n')
    models: dict[str, Any] = {}
    for slug, model in document["x-freepik-models"].items():
        attribute = snake(slug)
        create = operations[model["create"]]
        if not create["module"]:
            raise PipelineError(f"generated/{PACKAGE}", f"no module was generated for POST {create['path']}")
        classes = body_classes(package, create["module"])
        if len(classes) != len(model["shapes"]):
            raise PipelineError(
                create["module"], f"{slug}: {len(model['shapes'])} request shapes but {len(classes)} body classes"
            )
        resolved_shapes = [inline_refs(schemas[shape["component"]], schemas) for shape in model["shapes"]]
        classes = match_classes(package, classes, [set(shape["properties"]) for shape in resolved_shapes])
        shapes = []
        for shape, request_class, resolved in zip(model["shapes"], classes, resolved_shapes, strict=True):
            validator = f"{attribute}__{snake(shape['name'])}"
            (validators / f"{validator}.py").write_text(validator_code(resolved), encoding="utf-8")
            shapes.append(
                {
                    "name": shape["name"],
                    "request_class": request_class,
                    "validator": f"{PACKAGE}.validators.{validator}",
                    "required": sorted(resolved.get("required", [])),
                    "fields": {name: field_summary(value) for name, value in resolved["properties"].items()},
                    "images": image_paths(resolved),
                }
            )
        fields: dict[str, Any] = {}
        for shape in shapes:
            for name, value in shape["fields"].items():
                fields.setdefault(name, value)
        required = sorted(set.intersection(*(set(shape["required"]) for shape in shapes)))
        images = {path: mark for shape in shapes for path, mark in shape["images"].items()}
        models[slug] = {
            "title": model["title"],
            "summary": model["summary"],
            "attribute": attribute,
            "source": model["source"],
            "source_file": model["source_file"],
            "superseded_page": model["superseded_page"],
            "create": create,
            "status": operations[model["status"]],
            "list": operations[model["list"]],
            "details": f"{PACKAGE}.catalog.{attribute}",
            "description": document["paths"][create["path"]]["post"].get("description", ""),
            "shapes": shapes,
            "fields": fields,
            "required": required,
            "image_fields": sorted({path.split("[")[0] for path in images if "." not in path}),
            "list_parameters": list_parameters(
                document, package, model["list"], operations[model["list"]]["module"], f"{attribute}__list_query"
            ),
        }
    return models


_INDEX_KEYS = ("title", "summary", "attribute", "source", "source_file", "create", "status", "list", "details")


def write_catalog(document: dict[str, Any], models: dict[str, Any], package: Path) -> None:
    """``catalog/__init__.py``: the index (routes, names; small, loaded with the client) and, per model,
    ``catalog/<model>.py`` with its request shapes and fields, loaded when that model is first used."""
    directory = package / "catalog"
    directory.mkdir(exist_ok=True)
    default = document["servers"][0]["url"]
    index = {slug: {key: model[key] for key in _INDEX_KEYS} for slug, model in models.items()}
    (directory / "__init__.py").write_text(
        '"""The models this client knows: names, sources and routes, from the OpenAPI document.\n\n'
        "Generated by scripts/spec/catalog.py; do not edit. Each model's request shapes and fields are in its own\n"
        'module (``details``), loaded when the model is first used.\n"""\n\n'
        "from typing import Any\n\n"
        f"BASE_URL = {default!r}\n"
        f"API_KEY_HEADER = {document['x-freepik-key-headers'][default.rstrip('/')]!r}\n"
        f"API_KEY_HEADERS: dict[str, str] = {document['x-freepik-key-headers']!r}\n"
        '"""The key header each documented server reads; any other host gets API_KEY_HEADER."""\n\n'
        f"MODELS: dict[str, dict[str, Any]] = {pprint.pformat(index, sort_dicts=False, width=110)}\n",
        encoding="utf-8",
    )
    for model in models.values():
        details = {key: value for key, value in model.items() if key not in _INDEX_KEYS}
        (directory / f"{model['attribute']}.py").write_text(
            docstring(
                f"{model['title']}: request shapes and fields. Generated by scripts/spec/catalog.py; do not edit."
            )
            + "\n\nfrom typing import Any\n\n"
            f"DETAILS: dict[str, Any] = {pprint.pformat(details, sort_dicts=False, width=110)}\n",
            encoding="utf-8",
        )


def golden_record(document: dict[str, Any], models: dict[str, Any]) -> str:
    """What the client ships, as the tests' one record of the catalog's content (``tests/fixtures/catalog.json``):
    per model its source, routes, required fields, each field's type and values, and its list route's parameters;
    the servers and the key header each reads; the operations left out. ``make generate`` and ``make update-spec``
    rewrite it."""

    def rules(field: dict[str, Any]) -> dict[str, Any]:
        kept: dict[str, Any] = {k: field[k] for k in ("type", "enum", "default", "minimum", "maximum") if k in field}
        if isinstance(field.get("items"), dict):
            kept["items"] = rules(field["items"])
        return kept

    record = {
        "servers": [server["url"] for server in document["servers"]],
        "key_headers": document["x-freepik-key-headers"],
        "unsupported": sorted(document.get("x-freepik-unsupported") or {}),
        "models": {
            slug: {
                "source": model["source"],
                "routes": {kind: model[kind]["path"] for kind in ("create", "status", "list")},
                "required": model["required"],
                "fields": {name: rules(field) for name, field in model["fields"].items()},
                "list_parameters": {name: rules(field) for name, field in model["list_parameters"]["fields"].items()},
            }
            for slug, model in models.items()
        },
    }
    return json.dumps(record, indent=1, ensure_ascii=False) + "\n"


# -- docs/models.md ----------------------------------------------------------------------------------------


def _rules(field: dict[str, Any]) -> str:
    rules = []
    if "enum" in field:
        rules.append("one of " + ", ".join(f"`{json.dumps(value)}`" for value in field["enum"]))
    for key, word in (("minimum", ">="), ("maximum", "<="), ("minLength", "length >="), ("maxLength", "length <=")):
        if key in field:
            rules.append(f"{word} {field[key]}")
    for key, word in (("minItems", "items >="), ("maxItems", "items <=")):
        if key in field:
            rules.append(f"{word} {field[key]}")
    if "default" in field:
        rules.append(f"default `{json.dumps(field['default'])}`")
    if IMAGE_EXTENSION in field or IMAGE_EXTENSION in field.get("items", {}):
        mark = field.get(IMAGE_EXTENSION) or field["items"][IMAGE_EXTENSION]
        rules.append("image: URL" + (" or local file" if mark["base64"] else " only"))
    if "items" in field and "enum" in field["items"]:
        rules.append("items: " + _rules(field["items"]))
    return "; ".join(rules)


def _type(field: dict[str, Any]) -> str:
    kind = field.get("type", "any")
    if kind == "array":
        return f"list of {_type(field.get('items', {}))}"
    return str(kind)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def models_markdown(document: dict[str, Any], models: dict[str, Any]) -> str:
    lines = [
        "# Models",
        "",
        "Written by `make generate` from `openapi/freepik-kling.yaml`; do not edit by hand. Each model is "
        "`client.models[slug]` (or the attribute shown) and `freepik-kling animate --model SLUG`. Source "
        "`official` is Freepik's official OpenAPI document (`openapi/official/`); `page` is a documentation "
        "page in `openapi/pages/`; where both describe a model, the official document wins.",
        "",
        "| slug | title | source | create | status | list |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for slug, model in models.items():
        lines.append(
            f"| [`{slug}`](#{slug}) | {_cell(model['title'])} | {model['source']} | `POST {model['create']['path']}` "
            f"| `GET {model['status']['path']}` | `GET {model['list']['path']}` |"
        )
    unsupported = document.get("x-freepik-unsupported") or {}
    if unsupported:
        lines += ["", "## Not supported", ""]
        lines += [f"- `POST {path}`: {reason}." for path, reason in unsupported.items()]
    for slug, model in models.items():
        lines += ["", f"## {slug}", "", f"{_cell(model['title'])}: {_cell(model['description'])}", ""]
        lines.append(f"`client.{model['attribute']}`; from `{model['source_file']}` ({model['source']}).")
        if model["superseded_page"]:
            page = f"openapi/pages/{model['superseded_page']}"
            lines[-1] += f" The older page `{page}` describes it too; the official document wins."
        for shape in model["shapes"]:
            label = f" shape `{shape['name']}`" if len(model["shapes"]) > 1 else ""
            lines += ["", f"Request{label}:", "", *fields_table(shape, description_cut=300)]
        if model["list_parameters"]["fields"]:
            query = fields_table(model["list_parameters"], description_cut=300, noun="parameter")
            lines += ["", f"Query parameters of `list()` (`GET {model['list']['path']}`):", "", *query]
    return "\n".join(lines) + "\n"


def fields_table(shape: dict[str, Any], description_cut: int | None = None, noun: str = "field") -> list[str]:
    """A request shape's fields (or a list route's parameters) as the lines of a Markdown table: type, required,
    rules, description."""
    lines = [f"| {noun} | type | required | rules | description |", "| --- | --- | --- | --- | --- |"]
    for name, field in shape["fields"].items():
        required = "yes" if name in shape["required"] else ""
        description = _cell(field.get("description", ""))[:description_cut]
        lines.append(f"| `{name}` | {_type(field)} | {required} | {_cell(_rules(field))} | {description} |")
    return lines


def _options(field: dict[str, Any] | None) -> str:
    if not field:
        return ""
    if "enum" in field:
        values = [str(value) for value in field["enum"]]
        numbers = [int(value) for value in values if value.isdigit()]
        if len(numbers) == len(values) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"{numbers[0]} to {numbers[-1]}"
        return ", ".join(values)
    if "minimum" in field or "maximum" in field:
        return f"{field.get('minimum', '')} to {field.get('maximum', '')}"
    return str(field.get("type", ""))


def readme_table(models: dict[str, Any]) -> str:
    """The README's catalog: one row per model (slug, what it does, duration and aspect options)."""
    lines = ["| model | what it does | duration (s) | aspect ratio |", "| --- | --- | --- | --- |"]
    for slug, model in models.items():
        fields = model["fields"]
        lines.append(
            f"| `{slug}` | {_cell(': '.join(filter(None, (model['title'], model['summary']))))} "
            f"| {_options(fields.get('duration'))} "
            f"| {_options(fields.get('aspect_ratio'))} |"
        )
    return "\n".join(lines) + "\n"


def read_value(file: Path, name: str) -> Any:
    """The literal assigned to ``name`` in a module this stage wrote, read as data: the module never runs.

    A staged module was written from a downloaded document; importing it would run whatever it says.
    """
    try:
        tree = ast.parse(file.read_bytes(), str(file))
        for node in tree.body:
            if isinstance(node, ast.AnnAssign | ast.Assign):
                targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
                if any(isinstance(target, ast.Name) and target.id == name for target in targets) and node.value:
                    return ast.literal_eval(node.value)
    except FileNotFoundError:
        raise PipelineError(file, "missing") from None
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError) as exc:
        raise PipelineError(file, f"cannot read {name}: {type(exc).__name__}: {exc}") from None
    raise PipelineError(file, f"no {name} = <literal>")
