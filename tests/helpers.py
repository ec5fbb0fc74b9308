"""Shared helpers for tests: repository paths and small documentation pages built in code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED_PAGES = ROOT / "openapi" / "pages"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def golden() -> dict[str, Any]:
    """The catalog's golden record, which make generate and make update-spec rewrite with the document."""
    record: dict[str, Any] = json.loads((FIXTURES / "catalog.json").read_text(encoding="utf-8"))
    return record


def golden_family(slug: str, route: str = "status") -> str:
    """The models sharing ``slug``'s ``route`` in the golden record, as a task on that route names them."""
    models = golden()["models"]
    path = models[slug]["routes"][route]
    return "|".join(sorted(other for other, model in models.items() if model["routes"][route] == path))


def seed_document(name: str = "kling-v2.md", directory: Path = SEED_PAGES) -> dict[str, Any]:
    """The YAML block of a page in the older rendering, as it is written (not converted)."""
    import re

    from scripts.spec.sources import load_yaml

    text = (directory / name).read_text(encoding="utf-8")
    fence = re.search(r"^````yaml [^\n]*\n(.*?)^````", text, re.MULTILINE | re.DOTALL)
    assert fence is not None
    document: dict[str, Any] = load_yaml(fence[1], name)
    return document


def write_page(directory: Path, name: str, document: dict[str, Any], fence: str | None = None) -> Path:
    """Write ``document`` as a documentation page (Markdown with a four-backtick YAML fence)."""
    operation = document["paths"]
    header = fence if fence is not None else f"yaml {operation['method']} {operation['path']}"
    text = (
        f"# {name}\n\n> A page written by a test\n\n## OpenAPI\n\n````{header}\n"
        + yaml.safe_dump(document, sort_keys=False)
        + "````\n"
    )
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def copy_openapi(target: Path) -> Path:
    """A copy of the repository's openapi/ directory (pages, fragments, names, routes, generator config)."""
    shutil.copytree(ROOT / "openapi", target / "openapi")
    return target / "openapi"


def image_bytes(width: int, height: int, kind: str = "PNG") -> bytes:
    """A real image of the given size and format (noise compresses poorly, like a photo)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, format=kind)
    return buffer.getvalue()


def mp4_boxes(data: bytes) -> list[str]:
    """Top-level MP4 box types; fails unless the box sizes tile the file exactly (a structurally valid MP4)."""
    import struct

    boxes, offset = [], 0
    while offset < len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        assert size >= 8, f"bad box size {size} at {offset}"
        boxes.append(kind.decode("ascii"))
        offset += size
    assert offset == len(data)
    return boxes


def schema_value(name: str, field: Any) -> Any:
    """A valid value for a field summary of the catalog, as small as its rules allow."""
    if "enum" in field:
        return field["enum"][0]
    kind = field.get("type")
    if kind == "array":
        count = max(1, field.get("minItems", 1))
        return [schema_value(name, field.get("items", {})) for _ in range(count)]
    if kind == "object" or "properties" in field:
        required = field.get("required", [])
        return {key: schema_value(key, value) for key, value in field.get("properties", {}).items() if key in required}
    if kind == "integer":
        low = field.get("minimum", 1)
        return int(low) + (1 if field.get("exclusiveMinimum") else 0)
    if kind == "number":
        low, high = field.get("minimum", 0.0), field.get("maximum", 1.0)
        return (low + high) / 2
    if kind == "boolean":
        return False
    if "x-freepik-image" in field:
        return "https://example.com/image.png" if field["x-freepik-image"]["url"] else image_bytes(400, 300)
    if field.get("format") == "uri" or name.endswith("url"):
        return "https://example.com/" + ("video.mp4" if "video" in name else "file")
    return "x" * max(1, field.get("minLength", 0)) if field.get("minLength") else "a cat walking"


def valid_arguments(spec: Any) -> dict[str, Any]:
    """create() arguments that a model accepts: its spec's own example where the facade takes it, else built
    from the schema of its first request shape (every required field, nothing more)."""
    from freepik_kling._inputs import build_request
    from freepik_kling.errors import InvalidInputError
    from freepik_kling.testing import load_contract

    operation = load_contract().document["paths"][spec.create.path]["post"]
    content = operation["requestBody"]["content"]["application/json"]
    for example in content.get("examples", {}).values():
        try:
            build_request(spec, example["value"])
        except InvalidInputError:
            continue
        return dict(example["value"])
    shape = spec.shapes[0]
    return {name: schema_value(name, shape.fields[name]) for name in shape.required}


class RecordingServer:
    """A real HTTP server on 127.0.0.1 that records every request and answers with ``reply``.

    ``reply(method, path)`` returns (status, headers, body); by default every request gets a 200 with an
    empty JSON object. Use it as a context manager: it serves from a thread until the block ends.
    """

    def __init__(self) -> None:
        import http.server
        import threading

        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.reply: Any = lambda method, path: (200, {"content-type": "application/json"}, b"{}")
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                self.rfile.read(length)
                server.requests.append((self.command, self.path, {k.lower(): v for k, v in self.headers.items()}))
                status, headers, body = server.reply(self.command, self.path)
                self.send_response(status)
                for name, value in {**headers, "content-length": str(len(body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer  # the names http.server calls

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> RecordingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
