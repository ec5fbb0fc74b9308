"""`make update-spec`: an edited official document served over loopback HTTP, the review, and the rollback."""

from __future__ import annotations

import copy
import fcntl
import hashlib
import os
import re
import runpy
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.spec import update as update_spec
from scripts.spec.sources import read_yaml_file
from scripts.spec.update import Model, compare, field_changes, flatten, render
from tests.helpers import ROOT

OFFICIAL = ROOT / "openapi" / "official" / "magnific-api-v1-openapi.yaml"
NEW_MODEL = "/v1/ai/image-to-video/kling-v2-5-turbo"
RUN_TIMEOUT = 120
REVIEW_ROW = re.compile(r"  (?:BREAKING|        )  [-+~] (?P<subject>\S+(?: \S+)*) {2,}(?P<detail>\S.*)")
"""A review line: the mark, the sign, the subject, and the detail after a gap of at least two spaces."""


# -- a loopback server and a copy of the repository --------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes: dict[str, tuple[int, dict[str, str], bytes]] = self.server.routes  # type: ignore[attr-defined]
        status, headers, body = routes.get(self.path, (404, {}, b"no such document"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._http.routes = self.routes  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)


def edited_document() -> bytes:
    """The official document with a new Kling model, a field removed, one made required, an enum value swapped."""
    document = read_yaml_file(OFFICIAL)
    paths, schemas = document["paths"], document["components"]["schemas"]
    old = "/v1/ai/image-to-video/kling-v2-5-pro"
    paths[NEW_MODEL] = copy.deepcopy(paths[old])
    paths[NEW_MODEL]["post"]["operationId"] = "create_video_kling_2_5_turbo"
    paths[f"{NEW_MODEL}/{{task-id}}"] = copy.deepcopy(paths[f"{old}/{{task-id}}"])
    del schemas["kling-4k-i2v-request"]["properties"]["cfg_scale"]
    schemas["itvkv2-1-pro-request-content"].setdefault("required", []).append("prompt")
    ratio = schemas["kling-4k-t2v-request"]["properties"]["aspect_ratio"]
    ratio["enum"] = ["16:9", "9:16", "21:9"]  # "1:1" dropped; YAML 1.1 would read these as numbers
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(document, Dumper=dumper, sort_keys=False, allow_unicode=True).encode("utf-8")


def copy_repository(target: Path) -> Path:
    """What update-spec reads and writes: openapi/, generated/, docs/models.md."""
    shutil.copytree(ROOT / "openapi", target / "openapi")
    shutil.copytree(ROOT / "generated", target / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    (target / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "models.md", target / "docs" / "models.md")
    return target


def fingerprint(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def run_update(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts.spec.update", "--root", str(root), *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    served = Server()
    edited = edited_document()
    served.routes["/spec/edited.yaml"] = (200, {"Content-Type": "application/yaml"}, edited)
    served.routes["/spec/latest"] = (302, {"Location": "/spec/edited.yaml"}, b"")
    yield served
    served.close()


@pytest.fixture(scope="module")
def updated(server: Server, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A repository copy after `update-spec` from a URL that redirects to the edited document."""
    root = copy_repository(tmp_path_factory.mktemp("updated"))
    return root, run_update(root, "--url", server.url("/spec/latest"))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_repository(tmp_path_factory.mktemp("pristine"))


# -- the edited document, end to end ------------------------------------------------------------------------


def test_review_names_each_change_and_marks_the_breaking_ones(
    updated: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, result = updated
    assert result.returncode == update_spec.EXIT_BREAKING, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("-> openapi/official/magnific-api-v1-openapi.yaml; regenerated")
    row = {_subject(line): line for line in lines if line.startswith("  ")}
    assert "POST /v1/ai/image-to-video/kling-v2-5-turbo" in row["kling-v2-5-turbo"]
    assert not row["kling-v2-5-turbo"].lstrip().startswith("BREAKING")  # a new model breaks nobody
    assert re.fullmatch(r"  BREAKING  - cfg_scale +removed", row["cfg_scale"])
    assert re.fullmatch(r"  BREAKING  ~ prompt +now required", row["prompt"])
    enum_rows = [line for line in lines if "aspect_ratio" in line]
    assert [line.split("  ")[-1] for line in enum_rows] == ['enum drops "1:1"', 'enum adds "21:9"']
    assert enum_rows[0].startswith("  BREAKING")
    assert not enum_rows[1].startswith("  BREAKING")
    headings = [line for line in lines if not line.startswith(" ")]
    assert headings[1:-1] == ["models added (1)", "kling-4k-i2v", "kling-4k-t2v", "kling-v2-1-pro"]
    assert lines[-1] == "1 model added, 0 removed, 3 changed (4 field or route changes); 3 breaking"


def catalog_index(package: Path) -> dict[str, Any]:
    models: dict[str, Any] = runpy.run_path(str(package / "catalog" / "__init__.py"))["MODELS"]
    return models


def _subject(line: str) -> str:
    match = REVIEW_ROW.fullmatch(line)
    assert match, line
    return match["subject"]


def test_review_rows_are_aligned(updated: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    rows = [REVIEW_ROW.fullmatch(line) for line in updated[1].stdout.splitlines() if line.startswith("  ")]
    assert all(rows)
    assert len({row.start("detail") for row in rows if row}) == 1, updated[1].stdout


def test_the_regenerated_client_has_the_new_model_and_lost_the_field(
    updated: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, _ = updated
    package = root / "generated" / "freepik_api"
    catalog = update_spec.read_catalog(package)
    assert catalog["kling-v2-5-turbo"].routes == {
        "create": f"POST {NEW_MODEL}",
        "status": f"GET {NEW_MODEL}/{{task-id}}",
        "list": f"GET {NEW_MODEL}",
    }
    create = catalog_index(package)["kling-v2-5-turbo"]["create"]["module"]
    assert package.joinpath(*create.split(".")[1:]).with_suffix(".py").is_file()
    assert "cfg_scale" not in catalog["kling-4k-i2v"].shapes["Request"]
    assert "cfg_scale" in catalog["kling-4k-t2v"].shapes["Request"]  # only the edited model lost it
    assert catalog["kling-v2-1-pro"].shapes["Request"]["prompt"]["required"] is True
    stored = (root / "openapi" / "official" / "magnific-api-v1-openapi.yaml").read_bytes()
    assert NEW_MODEL.encode() in stored
    assert "## kling-v2-5-turbo" in (root / "docs" / "models.md").read_text(encoding="utf-8")
    assert f"{NEW_MODEL}:" in (root / "openapi" / "freepik-kling.yaml").read_text(encoding="utf-8")
    assert sorted(path.name for path in (root / "generated").iterdir()) == ["freepik_api"]  # nothing staged left
    assert not [path for path in root.rglob("*.tmp")]


def test_the_same_document_again_is_no_change(
    updated: tuple[Path, subprocess.CompletedProcess[str]], server: Server
) -> None:
    root, _ = updated
    before = fingerprint(root)
    result = run_update(root, "--url", server.url("/spec/edited.yaml"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith("(the same document); regenerated")
    assert result.stdout.splitlines()[-1] == "no changes"
    assert fingerprint(root) == before  # regeneration is byte for byte reproducible


# -- failures leave the repository byte for byte as it was ----------------------------------------------------


def _dead_url() -> str:
    with socket.socket() as probe:  # a port that was just free: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/spec.yaml"


@pytest.mark.parametrize(
    ("path", "status", "body", "message"),
    [
        ("/missing.yaml", 404, b"", r"GET http://127\.0\.0\.1:\d+/missing\.yaml: HTTP 404 Not Found \(expected 2xx\)"),
        ("/broken.yaml", 500, b"oops", r"HTTP 500 Internal Server Error"),
        ("/page.html", 200, b"<!doctype html><html><body>Moved</body></html>", r"not an OpenAPI document"),
        ("/bad.yaml", 200, b"openapi: 3.0.0\npaths: {a: [\n", r"malformed YAML"),
        ("/binary", 200, bytes(range(256)), r"not UTF-8 text"),
        ("/nopaths.yaml", 200, b"openapi: 3.0.0\ninfo: {title: x}\n", r"has no 'paths'"),
        (
            "/other-api.yaml",
            200,
            b"openapi: 3.0.0\npaths:\n  /v1/ai/text-to-image/flux:\n    post: {}\n",
            r"no create \(POST\) operation whose path contains 'kling'; the wrong document\?",
        ),
    ],
)
def test_a_bad_download_changes_nothing(
    pristine: Path, server: Server, path: str, status: int, body: bytes, message: str
) -> None:
    server.routes[path] = (status, {"Content-Type": "text/plain"}, body)
    before = fingerprint(pristine)
    result = run_update(pristine, env={"SPEC_URL": server.url(path)})  # the environment, as `make` passes it
    assert result.returncode == update_spec.EXIT_FAILED
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert re.search(message, result.stderr), result.stderr
    assert result.stderr.rstrip().endswith("; nothing changed")
    assert fingerprint(pristine) == before


def test_an_unreachable_url_changes_nothing(pristine: Path) -> None:
    before = fingerprint(pristine)
    result = run_update(pristine, "--url", _dead_url())
    assert result.returncode == update_spec.EXIT_FAILED
    assert re.fullmatch(
        r"error: GET http://127\.0\.0\.1:\d+/spec\.yaml: ConnectError: .+; nothing changed\n", result.stderr
    )
    assert fingerprint(pristine) == before


def test_a_document_the_pipeline_rejects_changes_nothing(pristine: Path, server: Server) -> None:
    document = server.routes["/spec/edited.yaml"][2].replace(
        b"#/components/schemas/itvkv2-5-pro-request-content", b"#/components/schemas/nowhere"
    )
    server.routes["/dangling.yaml"] = (200, {}, document)
    before = fingerprint(pristine)
    result = run_update(pristine, "--url", server.url("/dangling.yaml"))
    assert result.returncode == update_spec.EXIT_FAILED
    assert result.stderr == (
        "error: regeneration failed: official document: $ref '#/components/schemas/nowhere' points at nothing;"
        " nothing changed\n"
    )
    assert fingerprint(pristine) == before


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/spec.yaml", "file:///etc/passwd", "not a url"])
def test_only_http_urls_are_fetched(pristine: Path, url: str) -> None:
    result = run_update(pristine, "--url", url)
    assert result.returncode == update_spec.EXIT_FAILED
    assert len(result.stderr.splitlines()) == 1
    assert "must start with http:// or https://" in result.stderr


def test_make_target_passes_spec_url_through(server: Server) -> None:
    official = OFFICIAL.read_bytes()
    url = server.url("/not-there.yaml")
    result = subprocess.run(
        [
            "make",
            "-s",
            "-o",
            ".venv/.installed-stamp",
            "update-spec",
            f"BIN={Path(sys.executable).parent}",
            f"SPEC_URL={url}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    assert result.returncode != 0
    assert f"error: GET {url}: HTTP 404" in result.stderr  # the URL given to make, not the default
    assert OFFICIAL.read_bytes() == official


# -- the swap into the repository rolls back ---------------------------------------------------------------


def _staged_tree(root: Path, label: str) -> None:
    for relative in ("openapi/official/doc.yaml", "openapi/freepik-kling.yaml", "docs/models.md"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(f"{label} {relative}\n", encoding="utf-8")
    package = root / "generated" / "freepik_api"
    package.mkdir(parents=True)
    (package / "client.py").write_text(f"# {label}\n", encoding="utf-8")
    (package / label).write_text("only here\n", encoding="utf-8")


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
@pytest.mark.parametrize("failing_call", [1, 3])
def test_a_failed_swap_puts_everything_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException, failing_call: int
) -> None:
    root, staging = tmp_path / "repo", tmp_path / "staging"
    _staged_tree(root, "old")
    _staged_tree(staging, "new")
    before = fingerprint(root)
    write, calls = update_spec.write_atomic, []

    def failing_write(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == failing_call:
            raise failure
        write(path, data)

    monkeypatch.setattr(update_spec, "write_atomic", failing_write)
    files = [Path("openapi/official/doc.yaml"), Path("openapi/freepik-kling.yaml"), Path("docs/models.md")]
    with pytest.raises(type(failure)):
        update_spec.install(root, staging, files)
    assert fingerprint(root) == before
    assert sorted(path.name for path in (root / "generated").iterdir()) == ["freepik_api"]


def test_a_failed_rename_puts_everything_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, staging = tmp_path / "repo", tmp_path / "staging"
    _staged_tree(root, "old")
    _staged_tree(staging, "new")
    before = fingerprint(root)
    rename = Path.rename

    def failing_rename(self: Path, target: Any) -> Path:
        if ".incoming-" in self.name:
            raise OSError(5, "Input/output error")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", failing_rename)
    with pytest.raises(OSError, match="Input/output"):
        update_spec.install(root, staging, [Path("openapi/official/doc.yaml"), Path("docs/models.md")])
    assert fingerprint(root) == before
    assert sorted(path.name for path in (root / "generated").iterdir()) == ["freepik_api"]


def test_a_successful_swap_keeps_file_modes(tmp_path: Path) -> None:
    root, staging = tmp_path / "repo", tmp_path / "staging"
    _staged_tree(root, "old")
    _staged_tree(staging, "new")
    (root / "docs" / "models.md").chmod(0o664)
    update_spec.install(root, staging, [Path("docs/models.md")])
    assert (root / "docs" / "models.md").read_text(encoding="utf-8") == "new docs/models.md\n"
    assert (root / "docs" / "models.md").stat().st_mode & 0o777 == 0o664
    assert (root / "generated" / "freepik_api" / "new").is_file()
    assert not (root / "generated" / "freepik_api" / "old").exists()
    assert sorted(path.name for path in (root / "generated").iterdir()) == ["freepik_api"]


# -- download limits --------------------------------------------------------------------------------------


def test_an_oversized_download_is_refused(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(update_spec, "MAX_BYTES", 1024)
    server.routes["/huge.yaml"] = (200, {}, b"#" * 4096)
    with pytest.raises(update_spec.UpdateError, match="more than"):
        update_spec.download(server.url("/huge.yaml"))


def test_shown_urls_carry_no_credentials_or_signature() -> None:
    shown = update_spec.shown("https://user:secret@storage.example.com/spec.yaml?X-Goog-Signature=abc123")
    assert shown == "https://storage.example.com/spec.yaml"


# -- the comparison, on catalogs built in code --------------------------------------------------------------


def model(fields: dict[str, Any], required: list[str] | None = None, **routes: str) -> Model:
    return Model(
        title="Kling Test",
        routes={"create": "POST /v1/m", "status": "GET /v1/m/{task-id}", "list": "GET /v1/m", **routes},
        shapes={"Request": flatten(fields, required or [])},
    )


def changes(
    old: dict[str, Any], new: dict[str, Any], old_required: Iterable[str] = (), new_required: Iterable[str] = ()
) -> dict[str, bool]:
    """{"subject detail": breaking} for one shape's fields."""
    found = field_changes(flatten(old, old_required), flatten(new, new_required))
    return {f"{change.subject} {change.detail}": change.breaking for change in found}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            {"type": "string", "maxLength": 2500},
            {"type": "string", "maxLength": 2000},
            {"f maxLength 2500 -> 2000": True},
        ),
        (
            {"type": "string", "maxLength": 2000},
            {"type": "string", "maxLength": 2500},
            {"f maxLength 2000 -> 2500": False},
        ),
        ({"type": "string"}, {"type": "string", "minLength": 1}, {"f minLength 1 (new)": True}),
        ({"type": "number", "minimum": 0}, {"type": "number"}, {"f minimum removed (was 0)": False}),
        ({"type": "number", "minimum": 0}, {"type": "number", "minimum": -1}, {"f minimum 0 -> -1": False}),
        ({"type": "number", "maximum": 1}, {"type": "number", "maximum": 0.5}, {"f maximum 1 -> 0.5": True}),
        ({"type": "array", "maxItems": 4}, {"type": "array", "maxItems": 2}, {"f maxItems 4 -> 2": True}),
        ({"type": "array", "minItems": 2}, {"type": "array", "minItems": 1}, {"f minItems 2 -> 1": False}),
        ({"type": "string"}, {"type": "integer"}, {"f type string -> integer": True}),
        ({"type": "string", "default": "a"}, {"type": "string", "default": "b"}, {"f default a -> b": False}),
        ({"type": "string"}, {"type": "string", "format": "uri"}, {"f format uri (new)": True}),
        ({"type": "string", "format": "uri"}, {"type": "string"}, {"f format removed (was uri)": False}),
        (
            {"type": "string", "enum": ["5", "10"]},
            {"type": "string", "enum": ["5", "15"]},
            {'f enum drops "10"': True, 'f enum adds "15"': False},
        ),
        ({"type": "string"}, {"type": "string", "enum": ["a"]}, {'f enum set: "a"': True}),
        ({"type": "string", "enum": ["a"]}, {"type": "string"}, {'f enum dropped (was "a")': False}),
        (
            {"type": "string", "x-freepik-image": {"base64": True, "max_bytes": 10}},
            {"type": "string", "x-freepik-image": {"base64": False, "max_bytes": 20}},
            {"f image base64 true -> false": True, "f image max_bytes 10 -> 20": False},
        ),
        ({"type": "string", "description": "old words"}, {"type": "string", "description": "new words"}, {}),
        ({"type": "string", "nullable": True}, {"type": "string"}, {"f nullable removed (was true)": True}),
        ({"type": "string"}, {"type": "string", "nullable": True}, {"f nullable true (new)": False}),
        (
            {"type": "number", "exclusiveMinimum": True},
            {"type": "number"},
            {"f exclusiveMinimum removed (was true)": False},
        ),
        ({"type": "number"}, {"type": "number", "exclusiveMaximum": True}, {"f exclusiveMaximum true (new)": True}),
        ({"type": "string"}, {"type": "string", "pattern": "^a"}, {"f pattern ^a (new)": True}),
    ],
)
def test_each_rule_change_and_whether_it_breaks(
    old: dict[str, Any], new: dict[str, Any], expected: dict[str, bool]
) -> None:
    assert changes({"f": old}, {"f": new}) == expected


def test_required_fields_added_and_removed() -> None:
    text = {"type": "string"}
    assert changes({"a": text}, {"a": text}, [], ["a"]) == {"a now required": True}
    assert changes({"a": text}, {"a": text}, ["a"], []) == {"a no longer required": False}
    assert changes({}, {"a": text}, [], ["a"]) == {"a added, required": True}
    assert changes({}, {"a": text}) == {"a added": False}
    assert changes({"a": text}, {}) == {"a removed": True}


def test_nested_fields_are_named_by_path_and_a_removed_parent_is_one_change() -> None:
    point: dict[str, Any] = {
        "type": "object",
        "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}},
        "required": ["x"],
    }
    masks: dict[str, Any] = {"type": "array", "items": {"type": "object", "properties": {"point": point}}}
    loose = copy.deepcopy(masks)
    del loose["items"]["properties"]["point"]["properties"]["y"]
    loose["items"]["properties"]["point"]["required"] = ["x", "z"]
    loose["items"]["properties"]["point"]["properties"]["z"] = {"type": "integer"}
    assert changes({"masks": masks}, {"masks": loose}) == {
        "masks[].point.z added, required": True,
        "masks[].point.y removed": True,
    }
    assert changes({"masks": masks}, {}) == {"masks removed": True}


def test_models_and_routes() -> None:
    same = model({"prompt": {"type": "string"}})
    moved = model({"prompt": {"type": "string"}}, status="GET /v1/shared/{task-id}")
    review = compare({"kept": same, "gone": same, "moved": same}, {"kept": same, "moved": moved, "new": same})
    assert list(review.added) == ["new"]
    assert list(review.removed) == ["gone"]
    assert [(c.subject, c.detail, c.breaking) for c in review.changed["moved"]] == [
        ("status route", "GET /v1/m/{task-id} -> GET /v1/shared/{task-id}", True)
    ]
    assert review.breaking == 2  # the removed model and the moved route
    text = render(review)
    assert "  BREAKING  - gone" in text
    assert text.splitlines()[-1] == "1 model added, 1 removed, 1 changed (1 field or route change); 2 breaking"


def test_shapes_of_a_multi_shape_model_are_compared_by_name() -> None:
    text = {"type": "string"}
    old = Model("M", model({}).routes, {"TextToVideo": flatten({"prompt": text}, []), "ImageToVideo": flatten({}, [])})
    new = Model("M", model({}).routes, {"TextToVideo": flatten({"prompt": text}, ["prompt"])})
    review = compare({"m": old}, {"m": new})
    assert {(c.subject, c.detail, c.breaking) for c in review.changed["m"]} == {
        ("shape ImageToVideo", "removed", True),
        ("TextToVideo: prompt", "now required", True),
    }


def test_the_committed_catalog_reads_and_equals_itself() -> None:
    catalog = update_spec.read_catalog(ROOT / "generated" / "freepik_api")
    assert "kling-v2" in catalog
    assert catalog["kling-v2"].routes["create"] == "POST /v1/ai/image-to-video/kling-v2"
    assert render(compare(catalog, catalog)) == "no changes\n"
    assert not compare({}, {})


def test_a_second_update_in_the_same_repository_is_refused(pristine: Path, server: Server) -> None:
    before = fingerprint(pristine)
    with (pristine / "openapi" / "sources.yaml").open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running update holds it
        result = run_update(pristine, "--url", server.url("/spec/edited.yaml"))
    assert result.returncode == update_spec.EXIT_FAILED
    assert result.stderr == f"error: another update-spec is running in {pristine}; nothing changed\n"
    assert fingerprint(pristine) == before
