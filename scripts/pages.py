"""Read one published documentation page: the fenced YAML block that renders an operation.

The pages are Markdown with one fence whose info string is ``yaml <method> <path>`` (four backticks on the
published pages, so an inner three-backtick fence cannot end it early).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.errors import PipelineError

_FENCE = re.compile(
    r"^(?P<ticks>`{3,})yaml[ \t]+(?P<method>\w+)[ \t]+(?P<path>\S+)[ \t]*\n(?P<body>.*?)^(?P=ticks)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


class _PageLoader(yaml.SafeLoader):
    """YAML 1.2-ish reading: no timestamps, and only true/false are booleans.

    PyYAML follows YAML 1.1, where an unquoted ``2025-05-05T10:00:00Z`` becomes a datetime (not JSON) and
    ``y``/``no``/``on`` become booleans; the generator reads the same text as YAML 1.2 and would disagree.
    """


_PageLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:timestamp" and tag != "tag:yaml.org,2002:bool"
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _PageLoader.yaml_implicit_resolvers.setdefault(_first, []).append(
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )


def load_yaml(text: str, source: Path) -> Any:
    """Load YAML with aliases resolved into independent copies (a JSON round trip)."""
    try:
        data = yaml.load(text, Loader=_PageLoader)  # noqa: S506 - _PageLoader is a SafeLoader
    except yaml.YAMLError as exc:
        raise PipelineError(source, f"malformed YAML: {exc}") from exc
    try:
        return json.loads(json.dumps(data))
    except (TypeError, ValueError) as exc:
        raise PipelineError(source, f"YAML holds a value that is not JSON: {exc}") from exc


@dataclass(frozen=True)
class Page:
    """One operation as a documentation page renders it."""

    source: Path
    title: str
    description: str
    method: str
    path: str
    document: dict[str, Any]

    @property
    def slug(self) -> str:
        """The model's slug: the last segment of the POST path (``kling-v2``)."""
        return self.path.rstrip("/").rsplit("/", 1)[-1]


def read_page(source: Path) -> Page:
    text = source.read_text(encoding="utf-8")
    fence = _FENCE.search(text)
    if fence is None:
        raise PipelineError(source, "no fenced block with info string 'yaml <method> <path>' found")
    document = load_yaml(fence["body"], source)
    if not isinstance(document, dict) or not isinstance(document.get("paths"), dict):
        raise PipelineError(source, "the YAML block has no 'paths' mapping")
    operation = document["paths"]
    method, path = fence["method"].lower(), fence["path"]
    if str(operation.get("method", "")).lower() != method or operation.get("path") != path:
        declared = f"{operation.get('method')} {operation.get('path')}"
        raise PipelineError(source, f"fence says '{method} {path}' but paths says '{declared}'")
    if method != "post":
        raise PipelineError(source, f"only POST (create) pages are supported, found '{method}'")
    title = re.search(r"^#[ \t]+(.+)$", text, re.MULTILINE)
    description = re.search(r"^>[ \t]*(.+)$", text, re.MULTILINE)
    return Page(
        source=source,
        title=title[1].strip() if title else path,
        description=description[1].strip() if description else "",
        method=method,
        path=path,
        document=document,
    )
