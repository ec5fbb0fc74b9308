"""Crafted documents against `make update-spec` and `make generate`: nothing they say runs, nothing they name
leaves the tree, and every refusal leaves openapi/, generated/ and docs/ byte for byte as they were."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.spec import update as update_spec
from tests.helpers import FIXTURES, ROOT, seed_document
from tests.pipeline import documents
from tests.pipeline.test_update_spec import Server, fingerprint, run_update


@pytest.fixture(scope="module")
def marker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The file every payload would create; each test checks it is still absent."""
    return tmp_path_factory.mktemp("marker") / "pwned"


def payload(marker: Path) -> str:
    return f"__import__('pathlib').Path({str(marker)!r}).touch()"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    served = Server()
    yield served
    served.close()


def hostile_document(marker: Path) -> tuple[bytes, str]:
    """The vendored document with code in a model's summary, description, enum values, defaults and property
    names, and an operationId that climbs out of the tree; (the document, the model's create path)."""
    code = payload(marker)
    document = documents.official()
    path = documents.plain_model(document)
    operation = document["paths"][path]["post"]
    operation["summary"] = f'Kling"""; {code}; """ - Create video from image'
    operation["description"] = f'"""; {code}; """ \\'
    operation["operationId"] = "../../../evil"
    other = next(other for other in documents.shipped_creates(document) if other != path)
    document["paths"][other]["post"]["operationId"] = str(marker.parent / "x")  # an absolute path
    schema = documents.unshared(document, path)
    schema["properties"].update(
        {
            "class": {"type": "string", "enum": [f'"; {code}; "', 'x"""y'], "description": f'"""{code}"""'},
            "from": {"type": "string", "default": f'""" + {code} + """'},
            "1abc": {"type": "integer", "description": "\\"},
            "a-b": {"type": "boolean", "description": '"'},
            "__init__": {"type": "string"},
        }
    )
    return documents.dump(document), path


def hostile_page(openapi: Path, marker: Path) -> None:
    """A page whose heading carries code (a page's heading names its model)."""
    document = seed_document("kling-v2-5-pro.md", FIXTURES / "pages")
    path = "/v1/ai/image-to-video/kling-evil-page"
    document["paths"]["path"] = path
    heading = f'# Kling"""; {payload(marker)}; """ - evil page'
    body = yaml.safe_dump(document, sort_keys=False)
    (openapi / "pages" / "kling-evil-page.md").write_text(
        f"{heading}\n\n## OpenAPI\n\n````yaml post {path}\n{body}````\n", encoding="utf-8"
    )


@pytest.fixture(scope="module")
def hostile_update(
    tmp_path_factory: pytest.TempPathFactory, server: Server, marker: Path
) -> tuple[Path, str, subprocess.CompletedProcess[str]]:
    root = documents.repository(tmp_path_factory.mktemp("hostile") / "repo")
    hostile_page(root / "openapi", marker)
    data, path = hostile_document(marker)
    server.routes["/hostile.yaml"] = (200, {}, data)
    return root, path, run_update(root, "--url", server.url("/hostile.yaml"))


def test_no_document_string_runs_during_the_update(
    hostile_update: tuple[Path, str, subprocess.CompletedProcess[str]], marker: Path
) -> None:
    root, path, result = hostile_update
    assert result.returncode in (update_spec.EXIT_OK, update_spec.EXIT_BREAKING), result.stderr
    assert "Traceback" not in result.stderr
    assert not marker.exists()
    slug = path.rsplit("/", 1)[1]
    assert slug in result.stdout  # the review still names the model
    # The operationId climbed nowhere: every file the update wrote is inside the copy, none is named evil.
    assert not list(root.parent.rglob("*evil.py"))
    assert not list(root.parent.rglob("evil*"))
    assert not list(marker.parent.iterdir())


def test_no_document_string_runs_when_the_client_reads_its_models(
    hostile_update: tuple[Path, str, subprocess.CompletedProcess[str]], marker: Path
) -> None:
    root, path, _ = hostile_update
    slug = path.rsplit("/", 1)[1]
    script = (
        "import importlib, json, pkgutil, sys\n"
        "import freepik_api, freepik_api.typed, freepik_api.attributes\n"
        "from freepik_api.catalog import MODELS\n"
        "from freepik_kling._catalog import models\n"
        "for name in MODELS:\n"
        "    importlib.import_module(MODELS[name]['details'])\n"
        "for info in pkgutil.walk_packages(freepik_api.__path__, 'freepik_api.'):\n"
        "    importlib.import_module(info.name)\n"
        f"spec = models()[{slug!r}]\n"
        f"evil = models()['kling-evil-page']\n"
        "print(json.dumps({'title': spec.title, 'page': evil.title, 'fields': sorted(spec.fields)}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root / "generated")}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert not marker.exists()
    seen = json.loads(result.stdout)
    assert seen["title"].startswith('Kling"""; __import__')  # kept as the publisher wrote it, as data
    assert seen["page"].startswith('Kling"""; __import__')
    assert {"class", "from", "1abc", "a-b", "__init__"} <= set(seen["fields"])  # wire names kept
    typed = (root / "generated" / "freepik_api" / "typed.py").read_text(encoding="utf-8")
    assert '"class": ' in typed
    assert '"a-b": ' in typed


def test_models_command_and_validation_read_the_hostile_model_safely(
    hostile_update: tuple[Path, str, subprocess.CompletedProcess[str]], marker: Path
) -> None:
    root, path, _ = hostile_update
    slug = path.rsplit("/", 1)[1]
    env = {**os.environ, "PYTHONPATH": str(root / "generated")}
    result = subprocess.run(
        [sys.executable, "-m", "freepik_kling", "models", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert not marker.exists()
    listed = {model["slug"]: model for model in json.loads(result.stdout)["models"]}
    assert "class" in listed[slug]["fields"]


# -- refused documents: one line naming the rule, nothing changed, no marker ----------------------------------


def billion_laughs() -> bytes:
    lines = ["openapi: 3.0.0", "paths: {/v1/ai/kling: {post: {}}}", 'l0: &l0 ["lol","lol","lol","lol","lol"]']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


def deep_nesting() -> bytes:
    return b"openapi: 3.0.0\npaths: {/v1/ai/kling: {post: {}}}\nx: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"


def python_tag(marker: Path) -> bytes:
    tag = f"!!python/object/apply:os.system ['touch {marker}']"
    return f"openapi: 3.0.0\npaths: {{/v1/ai/kling: {{post: {{}}}}}}\nx: {tag}\n".encode()


def external_ref() -> bytes:
    document = documents.official()
    schema = documents.unshared(document, documents.plain_model(document))
    schema["properties"]["remote"] = {"$ref": "https://evil.example/schemas.yaml#/Remote"}
    return documents.dump(document)


def climbing_model(path: str) -> bytes:
    document = documents.official()
    documents.add_model(document, documents.plain_model(document), "kling-x")
    document["paths"][path] = document["paths"].pop(f"{documents.plain_model(document).rsplit('/', 1)[0]}/kling-x")
    return documents.dump(document)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return documents.repository(tmp_path_factory.mktemp("pristine") / "repo")


@pytest.mark.parametrize(
    ("name", "make", "rule"),
    [
        ("billion-laughs", lambda marker: billion_laughs(), r"YAML expands past 2,000,000 values"),
        ("nesting", lambda marker: deep_nesting(), r"YAML nests deeper than 64 levels"),
        ("python-tag", python_tag, r"malformed YAML: could not determine a constructor for the tag"),
        ("external-ref", lambda marker: external_ref(), r"external \$ref 'https://evil\.example/schemas\.yaml#/"),
        ("climbing-slug", lambda marker: climbing_model("/v1/ai/image-to-video/../../kling-evil"), r"route .*refused"),
        ("slug-with-code", lambda marker: climbing_model('/v1/ai/video/kling")+print(1)#'), r"route .*refused"),
    ],
)
def test_a_hostile_document_is_refused_with_one_line_and_changes_nothing(
    pristine: Path, server: Server, marker: Path, name: str, make: Any, rule: str
) -> None:
    server.routes[f"/{name}.yaml"] = (200, {}, make(marker))
    before = fingerprint(pristine)
    started = time.monotonic()
    result = run_update(pristine, "--url", server.url(f"/{name}.yaml"))
    assert time.monotonic() - started < 60  # fails fast, not after expanding gigabytes
    assert result.returncode == update_spec.EXIT_FAILED, result.stdout
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ")
    assert line.endswith("; nothing changed")
    assert re.search(rule, line), line
    assert "Traceback" not in result.stderr
    assert fingerprint(pristine) == before
    assert not marker.exists()


def test_an_external_ref_names_the_url_not_the_vendored_file(pristine: Path, server: Server) -> None:
    server.routes["/external.yaml"] = (200, {}, external_ref())
    result = run_update(pristine, "--url", server.url("/external.yaml"))
    assert server.url("/external.yaml") in result.stderr
    assert "openapi/official" not in result.stderr


def test_a_redirect_to_a_file_url_is_not_followed(pristine: Path, server: Server) -> None:
    server.routes["/to-file"] = (302, {"Location": "file:///etc/passwd"}, b"")
    before = fingerprint(pristine)
    result = run_update(pristine, "--url", server.url("/to-file"))
    assert result.returncode == update_spec.EXIT_FAILED
    (line,) = result.stderr.splitlines()
    assert "root:" not in line
    assert fingerprint(pristine) == before


# -- one deadline for the whole download ------------------------------------------------------------------------


class Dripper:
    """A server that sends its answer one byte at a time, ``pause`` seconds apart (headers, or the body)."""

    def __init__(self, answer: bytes, pause: float) -> None:
        self.answer, self.pause = answer, pause
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._socket.getsockname()[1]}/spec.yaml"

    def _serve(self) -> None:
        try:
            connection, _ = self._socket.accept()
        except OSError:
            return
        with connection:
            connection.recv(65536)
            for byte in self.answer:
                if self._stop.wait(self.pause):
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return

    def close(self) -> None:
        self._stop.set()
        self._socket.close()
        self._thread.join(timeout=5)


@pytest.mark.parametrize(
    "answer",
    [
        b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * 10_000 + b"\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n" + b"#" * 10_000,
    ],
    ids=["headers", "body"],
)
def test_a_dripping_server_fails_within_the_deadline(monkeypatch: pytest.MonkeyPatch, answer: bytes) -> None:
    monkeypatch.setattr(update_spec, "DOWNLOAD_DEADLINE", 1.0)
    dripper = Dripper(answer, pause=0.05)  # each byte well inside every per-read timeout
    try:
        started = time.monotonic()
        with pytest.raises(update_spec.UpdateError, match=r"not finished after 1 s"):
            update_spec.download(dripper.url)
        assert time.monotonic() - started < 2.0
    finally:
        dripper.close()


def test_a_page_whose_route_climbs_out_is_refused(tmp_path: Path) -> None:
    openapi = documents.repository(tmp_path / "repo") / "openapi"
    documents.set_include(openapi, [])
    document = seed_document("kling-v2-5-pro.md", FIXTURES / "pages")
    document["paths"]["path"] = path = "/v1/ai/../../../kling-evil"
    body = yaml.safe_dump(document, sort_keys=False)
    (openapi / "pages" / "evil.md").write_text(f"# Kling evil\n\n````yaml post {path}\n{body}````\n", encoding="utf-8")
    before = fingerprint(tmp_path / "repo")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.spec.generate", "--root", str(tmp_path / "repo")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert re.fullmatch(r"error: .*evil\.md: route '/v1/ai/\.\./\.\./\.\./kling-evil' refused: .*", line)
    assert fingerprint(tmp_path / "repo") == before
