"""The documentation site's model pages, from the catalog: ``docs/models/<slug>.md`` and an index.

Each page gives the model's fields (type, bounds, defaults, allowed values, required or not), its routes,
and a Python call and a command line that work as written: the command line runs in sandbox mode, the
Python call wherever FREEPIK_API_KEY (and FREEPIK_BASE_URL, for the simulator) point; the docs tests run
both against the simulator. A spec update regenerates them with everything else; ``--check`` compares.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

from scripts.spec.catalog import _cell, fields_table, read_value

PAGES = Path("docs/models")
IMAGE_URL = "https://example.com/sun.jpg"
VIDEO_URL = "https://example.com/dance.mp4"
TEXT = {  # sample values for the text fields a call needs; any other text field gets its own name
    "prompt": "The sun rises slowly over the hills",
    "element_name": "sun",
    "element_description": "A bright sun over the hills",
}
# The animate command's own options: a field named like one is given as --field-NAME (see _cli/fields.py).
ANIMATE_OPTIONS = {"json", "sandbox", "base_url", "debug", "timeout", "poll_interval", "overwrite", "model", "output"}


def _sample(name: str, field: dict[str, Any], image: bool) -> Any:
    if "enum" in field:
        return "5" if name == "duration" and "5" in field["enum"] else field["enum"][0]
    kind = field.get("type")
    if kind == "array":
        return [_sample(name, field.get("items", {}), image)]
    if image:
        return IMAGE_URL
    if field.get("format") == "uri":
        return VIDEO_URL
    if kind in ("integer", "number"):
        return field.get("default", field.get("minimum", 1))
    if kind == "boolean":
        return False
    return TEXT.get(name, name)[: field.get("maxLength", 200)]


def sample_call(model: dict[str, Any]) -> dict[str, Any]:
    """The arguments of a call that works: the required fields, the prompt, and an image where the model
    needs one and has not got one yet."""
    fields, images = model["fields"], model["image_fields"]
    names = list(model["required"])
    if "prompt" in fields and "prompt" not in names:
        names.append("prompt")
    if images and not set(images) & set(names) and "prompt" not in fields:
        names.append(next((name for name in images if name in ("image", "images")), images[0]))
    return {name: _sample(name, fields[name], name in images) for name in sorted(names)}


def _python(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_python(item) for item in value) + "]"
    return json.dumps(value) if isinstance(value, str) else repr(value)


def python_call(slug: str, model: dict[str, Any]) -> str:
    arguments = "".join(f"        {name}={_python(value)},\n" for name, value in sample_call(model).items())
    return (
        "from freepik_kling import Freepik\n\n"
        "with Freepik() as client:  # FREEPIK_API_KEY, and FREEPIK_BASE_URL for the simulator\n"
        f"    task = client.{model['attribute']}.run(\n{arguments}    )\n"
        f'    client.download(task, "{slug}.mp4", overwrite=True)\n'
    )


def cli_call(slug: str, model: dict[str, Any]) -> str:
    words = ["freepik-kling", "animate", "--sandbox", "--model", slug]
    for name, value in sample_call(model).items():
        option = ("--field-" if name in ANIMATE_OPTIONS else "--") + name.replace("_", "-")
        for item in value if isinstance(value, list) else [value]:
            words += [option, json.dumps(item) if isinstance(item, bool | dict) else str(item)]
    return shlex.join([*words, "-o", f"{slug}.mp4", "--overwrite"])


def model_page(slug: str, model: dict[str, Any]) -> str:
    title = _cell(": ".join(filter(None, (model["title"], model["summary"]))))
    lines = [f"# {slug}", "", f"**{title}**", ""]
    if model["description"].strip():
        lines += [" ".join(model["description"].split()), ""]
    lines += [
        f"`client.{model['attribute']}` in Python, `--model {slug}` on the command line. From "
        f"`{model['source_file']}` ({model['source']}). Written by `make generate` from the catalog.",
        "",
        "## Try it",
        "",
        "```python",
        python_call(slug, model).rstrip("\n"),
        "```",
        "",
        "```sh",
        cli_call(slug, model),
        "```",
        "",
        "The command line runs against a simulator in sandbox mode (no key, no cost); drop `--sandbox` to run "
        "it for real. The image and video URLs stand for your own public ones.",
        "",
        "## Required",
        "",
        ", ".join(f"`{name}`" for name in model["required"]) or "No field is required by every request shape.",
    ]
    for shape in model["shapes"]:
        label = f" (request shape `{shape['name']}`)" if len(model["shapes"]) > 1 else ""
        lines += ["", f"## Fields{label}", "", *fields_table(shape)]
    lines += ["", "## Routes", "", "| what | route |", "| --- | --- |"]
    for kind, what in (("create", "create a task"), ("status", "a task's status"), ("list", "the key's tasks")):
        lines.append(f"| {what} | `{model[kind]['method']} {model[kind]['path']}` |")
    query = model["list_parameters"]
    if query["fields"]:
        example = ", ".join(f"{name}={_python(_sample(name, field, False))}" for name, field in query["fields"].items())
        lines += ["", "## Listing tasks", "", f"`client.{model['attribute']}.list({example})` takes the list route's"]
        lines[-1] += " query parameters, each checked against its rules before the request is sent:"
        lines += ["", *fields_table(query, noun="parameter")]
        if all(query["fields"].get(name, {}).get("type") == "integer" for name in ("page", "page_size")):  # the walk
            lines += ["", "Given neither `page` nor `page_size`, `list()` reads every page and returns each task once."]
    return "\n".join(lines) + "\n"


def index_page(models: dict[str, Any]) -> str:
    lines = [
        "# Models",
        "",
        "One page per model, written by `make generate` from the catalog: its fields and their rules, its "
        "routes, and a call that works. [All models on one page](../models.md).",
        "",
        "| model | what it does |",
        "| --- | --- |",
    ]
    for slug, model in models.items():
        lines.append(
            f"| [`{slug}`]({slug}.md) | {_cell(': '.join(filter(None, (model['title'], model['summary']))))} |"
        )
    return "\n".join(lines) + "\n"


def pages(models: dict[str, Any]) -> dict[str, str]:
    """File name under docs/models/ -> its text."""
    return {"index.md": index_page(models), **{f"{slug}.md": model_page(slug, model) for slug, model in models.items()}}


def read_catalog(package: Path) -> dict[str, Any]:
    """Every model of a generated package's catalog, its index entry and its details, without importing it."""
    index: dict[str, Any] = read_value(package / "catalog" / "__init__.py", "MODELS")
    return {
        slug: {
            **entry,
            **read_value(package.joinpath(*entry["details"].split(".")[1:]).with_suffix(".py"), "DETAILS"),
        }
        for slug, entry in index.items()
    }


def update(root: Path, package: Path, *, check: bool) -> list[str]:
    """Write the pages of the models in ``package`` (removing those of models that are gone), or with
    ``check`` list what differs."""
    folder = root / PAGES
    fresh = pages(read_catalog(package))
    present = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.md")} if folder.is_dir() else {}
    if check:
        problems = [f"{PAGES / name}: missing" for name in sorted(fresh.keys() - present.keys())]
        problems += [f"{PAGES / name}: not generated" for name in sorted(present.keys() - fresh.keys())]
        problems += [
            f"{PAGES / name} differs" for name in sorted(fresh.keys() & present.keys()) if fresh[name] != present[name]
        ]
        return [f"{problem} from what scripts/ makes" for problem in problems]
    folder.mkdir(parents=True, exist_ok=True)
    for name in present.keys() - fresh.keys():
        (folder / name).unlink()
    for name, text in fresh.items():
        if present.get(name) != text:
            (folder / name).write_text(text, encoding="utf-8")
    return []
