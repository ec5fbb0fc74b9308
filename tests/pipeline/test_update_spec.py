"""`make update-spec`: an edited official document served over loopback HTTP, the review, and the rollback."""

from __future__ import annotations

import copy
import fcntl
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from scripts.spec import update as update_spec
from scripts.spec.catalog import read_value
from scripts.spec.sources import read_page
from scripts.spec.update import Model, compare, field_changes, flatten, render
from tests.helpers import ROOT
from tests.pipeline import documents

OFFICIAL = documents.OFFICIAL
RUN_TIMEOUT = 120
REVIEW_ROW = re.compile(
    r"(?P<mark>BREAKING|compatible|info) +(?P<model>\S+(?: models\))?) +(?P<sign>[-+~]) "
    r"(?P<subject>\S+(?: \S+)*) {2,}(?P<detail>\S.*)"
)
"""A review line: the mark, the model, the sign, the subject, and the detail after a gap of at least two spaces."""


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


@dataclass
class Edits:
    """What edited_document changed, chosen from whatever document is vendored."""

    added: str = ""  # the new model's slug
    field_removed: tuple[str, str] = ("", "")  # (model, field)
    made_required: tuple[str, str] = ("", "")
    enum_widened: tuple[str, str, str] = ("", "", "")  # (model, field, the new value)
    list_parameter: tuple[str, str] = ("", "")  # (model, a query parameter its list route now documents)
    fallback: str = ""  # a model dropped from the official document that a page in openapi/pages still describes
    host: str = ""  # the official host whose key header changed
    header: str = ""
    slips: list[str] = field(default_factory=list)  # JSON pointers of publisher slips the build must drop


EDITS = Edits()


def _slug(path: str) -> str:
    return path.rsplit("/", 1)[1]


def _pick_field(schema: dict[str, Any], wanted: Any) -> str:
    return next(name for name, value in schema["properties"].items() if wanted(name, value))


def edited_document() -> bytes:
    """The vendored document with a new Kling model, a field removed, one made required, an enum widened, a
    list route given a query parameter, a model that only a page still describes, and the official host's key
    header renamed."""
    document = documents.official()
    shipped = documents.shipped_creates(document)
    like = documents.plain_model(document)
    EDITS.added = _slug(documents.add_model(document, like, "kling-v9-test"))
    pages = {read_page(page).create_path for page in (ROOT / "openapi" / "pages").glob("*.md")}
    plain = [path for path in documents.plain_models(document) if path not in pages]
    first, second, third = plain[:3]
    schema = documents.unshared(document, first)
    name = _pick_field(schema, lambda name, value: name not in schema.get("required", []))
    del schema["properties"][name]
    EDITS.field_removed = (_slug(first), name)
    schema = documents.unshared(document, second)
    name = _pick_field(schema, lambda name, value: name not in schema.get("required", []) and "enum" not in value)
    schema.setdefault("required", []).append(name)
    EDITS.made_required = (_slug(second), name)
    schema = documents.unshared(document, third)
    name = _pick_field(schema, lambda name, value: "enum" in value)
    schema["properties"][name]["enum"] = [*schema["properties"][name]["enum"], "21:9"]  # YAML 1.1 would read a number
    EDITS.enum_widened = (_slug(third), name, "21:9")
    EDITS.slips = publisher_slips(document, third)
    paged, route = documents.own_list_route(document, exclude={*pages, first, second, third})
    page = {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}}
    document["paths"][route]["get"]["parameters"] = [page]
    EDITS.list_parameter = (_slug(paged), "page")
    fallback = sorted(pages & set(shipped))[0]
    documents.remove_model(document, fallback)
    EDITS.fallback = _slug(fallback)
    (scheme,) = [s for s in document["components"]["securitySchemes"].values() if s.get("in") == "header"]
    EDITS.host, EDITS.header = document["servers"][0]["url"].rstrip("/"), f"{scheme['name']}-v2"
    scheme["name"] = EDITS.header
    return documents.dump(document)


def publisher_slips(document: dict[str, Any], path: str) -> list[str]:
    """Bad examples and defaults in every place a schema can hold one; the JSON pointers the build names.
    ``path``'s request schema is its own (documents.unshared), so it sits in the operation itself."""
    slips = {"type": "string", "enum": ["blue"], "example": "red"}
    document["components"]["schemas"]["slip-palette"] = {"type": "object", "properties": {"color": slips}}
    properties = documents.request_schema(document, path)["properties"]
    properties["palette"] = {"$ref": "#/components/schemas/slip-palette"}
    properties["tags"] = {"type": "array", "items": {"type": "string", "maxLength": 3, "example": "too long"}}
    properties["mode"] = {"allOf": [{"type": "string", "enum": ["a"], "default": "b"}]}
    properties["seed"] = {"anyOf": [{"type": "integer", "example": "x"}, {"type": "string", "enum": ["auto"]}]}
    operation = document["paths"][path]["post"]
    code, answer = next(
        (code, response["content"]["application/json"])
        for code, response in operation["responses"].items()
        if code != "200" and "$ref" in (response.get("content") or {}).get("application/json", {}).get("schema", {})
    )
    answer["schema"] = {**answer["schema"], "example": 12345}  # an error answer is an object
    status = documents.documented_routes(document, path)["status"]
    (parameter,) = [p for p in document["paths"][status]["get"]["parameters"] if p.get("in") == "path"]
    parameter["example"] = 12345
    body = f"#/paths/{path.replace('/', '~1')}/post/requestBody/content/application~1json/schema"
    return [
        "#/components/schemas/slip-palette/properties/color/example",
        f"{body}/properties/tags/items/example",
        f"{body}/properties/mode/allOf/0/default",
        f"{body}/properties/seed/anyOf/0/example",
        f"#/paths/{path.replace('/', '~1')}/post/responses/{code}/content/application~1json/schema/example",
        f"#/paths/{status.replace('/', '~1')}/get/parameters/",
    ]


def copy_repository(target: Path) -> Path:
    return documents.repository(target)


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


def review_rows(stdout: str) -> dict[tuple[str, str], list[str]]:
    """(model, subject) -> the marks and details of its review lines."""
    rows: dict[tuple[str, str], list[str]] = {}
    for line in stdout.splitlines()[1:-1]:
        match = REVIEW_ROW.fullmatch(line)
        assert match, line
        rows.setdefault((match["model"], match["subject"]), []).append(f"{match['mark']} {match['detail']}")
    return rows


def test_review_names_each_change_and_marks_the_breaking_ones(
    updated: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, result = updated
    assert result.returncode == update_spec.EXIT_BREAKING, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("-> openapi/official/magnific-api-v1-openapi.yaml; regenerated")
    rows = review_rows(result.stdout)
    (added,) = rows[(EDITS.added, "model")]
    assert added.startswith("compatible ")
    assert f"/{EDITS.added}" in added
    assert rows[EDITS.field_removed] == ["BREAKING removed"]
    assert rows[EDITS.made_required] == ["BREAKING now required"]
    model, name, value = EDITS.enum_widened
    assert rows[(model, name)] == [f'compatible enum adds "{value}"']
    model, name = EDITS.list_parameter
    assert rows[(model, f"list parameter {name}")] == ["compatible added"]
    (fallback,) = rows[(EDITS.fallback, "source")]
    assert fallback.startswith("BREAKING no longer in the official document: stands only on the old page")
    assert fallback.endswith("its routes are guessed from the slug")
    assert rows[(update_spec.EVERY_MODEL, f"key header of {EDITS.host}")][0].startswith("BREAKING ")
    assert rows[(update_spec.EVERY_MODEL, f"key header of {EDITS.host}")][0].endswith(f"-> {EDITS.header}")
    assert re.fullmatch(
        r"1 model added, 0 removed, \d+ changed \(\d+ field or route changes\); \d+ breaking", lines[-1]
    )


def test_review_rows_are_aligned(updated: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    rows = [REVIEW_ROW.fullmatch(line) for line in updated[1].stdout.splitlines()[1:-1]]
    assert all(rows)
    assert len({(row.start("model"), row.start("sign"), row.start("detail")) for row in rows if row}) == 1


def test_the_review_is_an_unreleased_changelog_entry(updated: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root, _ = updated
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    assert "[Keep a Changelog](https://keepachangelog.com/" in text
    unreleased = text.split("## [Unreleased]\n", 1)[1]
    assert f"### Added\n\n- `{EDITS.added}` " in unreleased
    model, name = EDITS.field_removed
    assert f"- **BREAKING** `{model}`: `{name}` removed\n" in unreleased


def test_publisher_slips_are_dropped_with_one_warning_each(
    updated: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, result = updated
    dropped = [line for line in result.stderr.splitlines() if " dropped: " in line]
    for pointer in EDITS.slips:
        assert [line for line in dropped if pointer in line], (pointer, dropped)
    assert len(dropped) == len(EDITS.slips), dropped
    assert all(line.startswith("warning: ") for line in dropped)
    merged = (root / "openapi" / "freepik-kling.yaml").read_text(encoding="utf-8")
    assert "too long" not in merged
    assert "palette" in merged  # the fields stay; only the slips went


def test_the_regenerated_client_has_the_new_model_and_lost_the_field(
    updated: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, _ = updated
    package = root / "generated" / "freepik_api"
    catalog = update_spec.read_catalog(package)
    added = catalog[EDITS.added]
    assert added.routes["create"].endswith(f"/{EDITS.added}")
    model, name = EDITS.field_removed
    assert name not in catalog[model].shapes["Request"]
    model, name = EDITS.made_required
    assert catalog[model].shapes["Request"][name]["required"] is True
    assert catalog[EDITS.fallback].source == "page"
    model, name = EDITS.list_parameter
    assert catalog[model].list_parameters == {name: {"type": "integer", "default": 1, "minimum": 1, "required": False}}
    module = read_value(package / "catalog" / "__init__.py", "MODELS")[model]["list"]["module"]
    listing = package.joinpath(*module.split(".")[1:]).with_suffix(".py").read_text(encoding="utf-8")
    assert f"    {name}: int | Unset = 1," in listing  # the generated module takes it
    stored = (root / "openapi" / "official" / "magnific-api-v1-openapi.yaml").read_bytes()
    assert f"/{EDITS.added}:".encode() in stored
    assert f"## {EDITS.added}" in (root / "docs" / "models.md").read_text(encoding="utf-8")
    assert sorted(path.name for path in (root / "generated").iterdir()) == ["freepik_api"]  # nothing staged left
    assert not [path for path in root.rglob("*.tmp")]


def test_json_gives_every_change_for_ci(server: Server, tmp_path: Path) -> None:
    root = copy_repository(tmp_path)
    result = run_update(root, "--json", "--url", server.url("/spec/edited.yaml"))
    assert result.returncode == update_spec.EXIT_BREAKING, result.stderr
    review = json.loads(result.stdout)
    assert review["exit_code"] == update_spec.EXIT_BREAKING
    assert review["breaking"] == sum(change["mark"] == "BREAKING" for change in review["changes"])
    assert {"mark": "BREAKING", "model": EDITS.field_removed[0], "sign": "-", "subject": EDITS.field_removed[1]} | {
        "detail": "removed"
    } in review["changes"]
    failed = run_update(root, "--json", "--url", server.url("/nothing-here.yaml"))
    assert failed.returncode == update_spec.EXIT_FAILED
    assert json.loads(failed.stdout)["exit_code"] == update_spec.EXIT_FAILED


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
    document = documents.official()
    media = document["paths"][documents.plain_model(document)]["post"]["requestBody"]["content"]["application/json"]
    media["schema"] = {"$ref": "#/components/schemas/nowhere"}
    server.routes["/dangling.yaml"] = (200, {}, documents.dump(document))
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
        ({"type": "string", "default": "a"}, {"type": "string", "default": "b"}, {'f default "a" -> "b"': False}),
        (
            {"type": "number", "default": 0.5},
            {"type": "string", "default": "0.5"},
            {"f type number -> string": True, 'f default 0.5 -> "0.5"': False},
        ),
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
    other = model({"seed": {"type": "integer"}})
    review = compare({"kept": same, "gone": same, "moved": same}, {"kept": same, "moved": moved, "new": other})
    assert list(review.added) == ["new"]
    assert list(review.removed) == ["gone"]
    assert [(c.subject, c.detail, c.breaking) for c in review.changed["moved"]] == [
        ("status route", "GET /v1/m/{task-id} -> GET /v1/shared/{task-id}", True)
    ]
    assert review.breaking == 2  # the removed model and the moved route
    text = render(review)
    assert re.search(r"^BREAKING +gone +- model +Kling Test  POST /v1/m$", text, re.MULTILINE)
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
