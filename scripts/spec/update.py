"""`make update-spec`: download Freepik's official OpenAPI document, regenerate, review what changed.

Usage: ``python -m scripts.spec.update [--root DIR] [--url URL]``. The URL is ``--url``, else ``SPEC_URL``
from the environment, else ``official.url`` in ``openapi/sources.yaml``.

The download is checked (YAML, an OpenAPI document with ``paths`` and at least one create operation that
``official.include`` selects), then regenerated in a temporary copy of ``openapi/``. Only when that
succeeded are the vendored document, the merged spec, docs/models.md and generated/freepik_api swapped
into the repository, with a rollback if the swap itself fails. The review compares the generated catalog
before and after: models added and removed, per model the request fields added, removed or changed, and
the routes; every change that can break a caller's code is marked BREAKING.

Exit codes: 0 updated with no breaking change (or nothing changed at all); 3 updated, with breaking changes
to review before committing; 1 failed, the repository is as it was; 2 bad arguments.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import fcntl
import io
import json
import os
import shutil
import ssl
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpcore
import httpx

from scripts.spec import generate
from scripts.spec.build import IMAGE_EXTENSION
from scripts.spec.errors import PipelineError
from scripts.spec.sources import load_yaml, read_yaml_file

EXIT_OK, EXIT_FAILED, EXIT_BREAKING, EXIT_INTERRUPTED = 0, 1, 3, 130
MAX_BYTES = 64 * 1024 * 1024
"""The official document is about 2 MB: anything this large is not it."""
TIMEOUT = httpx.Timeout(60.0, connect=10.0)
DOWNLOAD_DEADLINE = 300.0
"""Seconds for the whole download: the timeouts above bound each read, not a server that drips bytes."""
PACKAGE_DIR = Path("generated") / generate.PACKAGE
ROUTES = ("create", "status", "list")
RULES = (
    "type", "format", "enum", "pattern", "nullable", "default", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
)  # fmt: skip
MISSING: Any = object()


class UpdateError(Exception):
    """Why the update stopped; one line, and the repository is as it was."""


# -- the catalog, read from the generated files ---------------------------------------------------------------

Rules = dict[str, Any]


@dataclass(frozen=True)
class Model:
    """What a caller depends on: the routes and, per request shape, every field's rules by dotted path."""

    title: str
    routes: dict[str, str]
    shapes: dict[str, dict[str, Rules]]


def _read_value(file: Path, name: str) -> Any:
    """The literal assigned to ``name`` in a generated module, read as data: the module never runs.

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
        raise UpdateError(f"{file}: missing") from None
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError) as exc:
        raise UpdateError(f"{file}: cannot read {name}: {type(exc).__name__}: {exc}") from None
    raise UpdateError(f"{file}: no {name} = <literal>")


def read_catalog(package: Path) -> dict[str, Model]:
    """The models in a generated package (none if it has no catalog yet), without importing it."""
    index = package / "catalog" / "__init__.py"
    if not index.is_file():
        return {}
    models = {}
    for slug, entry in _read_value(index, "MODELS").items():
        try:
            details = _read_value(package.joinpath(*entry["details"].split(".")[1:]).with_suffix(".py"), "DETAILS")
            models[slug] = Model(
                title=entry["title"],
                routes={kind: f"{entry[kind]['method']} {entry[kind]['path']}" for kind in ROUTES},
                shapes={shape["name"]: flatten(shape["fields"], shape["required"]) for shape in details["shapes"]},
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise UpdateError(f"{index}: {slug}: not the catalog shape this script reads ({exc!r})") from None
    return models


def flatten(fields: dict[str, Any], required: Iterable[str], prefix: str = "") -> dict[str, Rules]:
    """Field summaries -> {path: rules}, nested ones as ``masks[].mask``; ``required`` is one more rule."""
    found: dict[str, Rules] = {}
    wanted = set(required)
    for name, summary in fields.items():
        found.update(_flatten_field(f"{prefix}{name}", summary, name in wanted))
    return found


def _flatten_field(path: str, summary: dict[str, Any], required: bool) -> dict[str, Rules]:
    rules = {key: summary[key] for key in RULES if key in summary}
    rules.update({f"image {key}": value for key, value in (summary.get(IMAGE_EXTENSION) or {}).items()})
    rules["required"] = required
    found = {path: rules}
    if isinstance(summary.get("items"), dict):
        found.update(_flatten_field(f"{path}[]", summary["items"], False))
    found.update(flatten(summary.get("properties") or {}, summary.get("required") or [], f"{path}."))
    for combinator in ("oneOf", "anyOf"):
        for number, part in enumerate(summary.get(combinator) or [], start=1):
            found.update(_flatten_field(f"{path}<{combinator} {number}>", part, False))
    return found


# -- the review ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    sign: str  # "+" added, "-" removed, "~" changed
    subject: str
    detail: str
    breaking: bool


@dataclass
class Review:
    added: dict[str, Model] = field(default_factory=dict)
    removed: dict[str, Model] = field(default_factory=dict)
    changed: dict[str, list[Change]] = field(default_factory=dict)

    @property
    def breaking(self) -> int:
        changes = sum(change.breaking for changes in self.changed.values() for change in changes)
        return len(self.removed) + changes

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def compare(before: dict[str, Model], after: dict[str, Model]) -> Review:
    review = Review(
        added={slug: model for slug, model in after.items() if slug not in before},
        removed={slug: model for slug, model in before.items() if slug not in after},
    )
    for slug in before.keys() & after.keys():
        changes = model_changes(before[slug], after[slug])
        if changes:
            review.changed[slug] = changes
    review.changed = dict(sorted(review.changed.items()))
    return review


def model_changes(old: Model, new: Model) -> list[Change]:
    changes = []
    if len(old.shapes) == len(new.shapes) == 1:  # one request shape: its name is incidental
        pairs = [(next(iter(old.shapes.values())), next(iter(new.shapes.values())), "")]
    else:
        pairs = [(old.shapes[name], new.shapes[name], f"{name}: ") for name in old.shapes if name in new.shapes]
        changes += [Change("-", f"shape {name}", "removed", True) for name in old.shapes if name not in new.shapes]
        changes += [Change("+", f"shape {name}", "added", False) for name in new.shapes if name not in old.shapes]
    for old_fields, new_fields, label in pairs:
        changes += field_changes(old_fields, new_fields, label)
    for kind in ROUTES:
        if old.routes[kind] != new.routes[kind]:
            changes.append(Change("~", f"{kind} route", f"{old.routes[kind]} -> {new.routes[kind]}", True))
    return changes


def field_changes(old: dict[str, Rules], new: dict[str, Rules], label: str = "") -> list[Change]:
    changes = []
    for path in _outermost(new.keys() - old.keys()):
        required = new[path]["required"]
        changes.append(Change("+", label + path, "added, required" if required else "added", required))
    changes += [Change("-", label + path, "removed", True) for path in _outermost(old.keys() - new.keys())]
    for path in sorted(old.keys() & new.keys()):
        changes += [
            Change("~", label + path, detail, breaking) for detail, breaking in rule_changes(old[path], new[path])
        ]
    return changes


def _outermost(paths: Iterable[str]) -> list[str]:
    """The paths not inside another of them: a removed object is one change, not one per nested field."""
    kept: list[str] = []
    for path in sorted(paths):
        if not any(path.startswith((f"{outer}.", f"{outer}[", f"{outer}<")) for outer in kept):
            kept.append(path)
    return kept


def rule_changes(old: Rules, new: Rules) -> Iterator[tuple[str, bool]]:
    """(what changed, whether a caller's code that worked may now be refused)."""
    for key in [*old, *(key for key in new if key not in old)]:
        before, after = old.get(key, MISSING), new.get(key, MISSING)
        if before == after:
            continue
        if key == "required":
            yield ("now required", True) if after else ("no longer required", False)
        elif key == "enum":
            yield from _enum_changes(before, after)
        else:
            yield _describe(key, before, after), _tightens(key, before, after)


def _enum_changes(before: Any, after: Any) -> Iterator[tuple[str, bool]]:
    if after is MISSING:
        yield f"enum dropped (was {_values(before)})", False
    elif before is MISSING:
        yield f"enum set: {_values(after)}", True
    else:
        dropped = [value for value in before if value not in after]
        added = [value for value in after if value not in before]
        if dropped:
            yield f"enum drops {_values(dropped)}", True
        if added:
            yield f"enum adds {_values(added)}", False


def _tightens(key: str, before: Any, after: Any) -> bool:
    """Whether the new rule refuses something the old one took (unknown rules count as tightening)."""
    word = key.rsplit(" ", 1)[-1]  # "image max_bytes" is an upper bound like "maxLength"
    if word == "default":
        return False
    if word in ("nullable", "base64"):  # a permission: losing it tightens
        return _set(before) and not _set(after)
    if word.startswith("exclusive"):  # a restriction (a flag in OpenAPI 3.0): gaining it tightens
        return _set(after)
    if word.startswith("min"):
        return after is not MISSING and (before is MISSING or after > before)
    if word.startswith("max"):
        return after is not MISSING and (before is MISSING or after < before)
    return after is not MISSING  # type, format, pattern: added or different; gone is looser


def _set(flag: Any) -> bool:
    return flag is not MISSING and bool(flag)


def _describe(key: str, before: Any, after: Any) -> str:
    if before is MISSING:
        return f"{key} {_show(after)} (new)"
    if after is MISSING:
        return f"{key} removed (was {_show(before)})"
    return f"{key} {_show(before)} -> {_show(after)}"


def _show(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _values(values: Iterable[Any]) -> str:
    return ", ".join(json.dumps(value) for value in values)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def render(review: Review) -> str:
    """The review: one heading per group, one aligned line per change, then a line with the counts."""
    if not review:
        return "no changes\n"
    groups: list[tuple[str, list[tuple[bool, str, str]]]] = []  # heading, [(breaking, subject, detail)]
    if review.added:
        rows = [(False, f"+ {slug}", f"{m.title}  {m.routes['create']}") for slug, m in review.added.items()]
        groups.append((f"models added ({len(review.added)})", rows))
    if review.removed:
        rows = [(True, f"- {slug}", f"{m.title}  {m.routes['create']}") for slug, m in review.removed.items()]
        groups.append((f"models removed ({len(review.removed)})", rows))
    for slug, changes in review.changed.items():
        groups.append((slug, [(c.breaking, f"{c.sign} {c.subject}", c.detail) for c in changes]))
    width = max(len(subject) for _, rows in groups for _, subject, _ in rows)
    lines = []
    for heading, rows in groups:
        lines.append(heading)
        lines += [
            f"  {'BREAKING' if breaking else '':8}  {subject:{width}}  {detail}".rstrip()
            for breaking, subject, detail in rows
        ]
    count = sum(len(changes) for changes in review.changed.values())
    lines.append(
        f"{_count(len(review.added), 'model')} added, {len(review.removed)} removed, {len(review.changed)} changed"
        f" ({_count(count, 'field or route change')}); {review.breaking} breaking"
    )
    return "\n".join(lines) + "\n"


# -- download, check, regenerate aside, swap in -----------------------------------------------------------


@dataclass(frozen=True)
class Official:
    file: Path  # the vendored document, relative to the repository root
    url: str
    include: list[str]


def read_official(root: Path) -> Official:
    """``official`` in openapi/sources.yaml: where the document lives, where it comes from, what ships."""
    config_file = root / "openapi" / "sources.yaml"
    try:
        config = read_yaml_file(config_file)
    except PipelineError as exc:
        raise UpdateError(str(exc)) from None
    official = config.get("official") if isinstance(config, dict) else None
    if not isinstance(official, dict) or not isinstance(official.get("file"), str) or not official["file"]:
        raise UpdateError(f"{config_file}: no official.file (the vendored document, relative to openapi/)")
    file = Path("openapi") / official["file"]
    if not (root / file).resolve().is_relative_to((root / "openapi").resolve()):
        raise UpdateError(f"{config_file}: official.file must stay under openapi/, not {official['file']!r}")
    url = official.get("url")
    include = official.get("include") or []
    if not isinstance(include, list):
        raise UpdateError(f"{config_file}: official.include must be a list of words, not {include!r}")
    return Official(file, url if isinstance(url, str) else "", [str(word) for word in include])


def shown(url: str | httpx.URL) -> str:
    """A URL without credentials or query (a signed download URL carries its signature there)."""
    parsed = httpx.URL(url)
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.scheme}://{parsed.host}{port}{parsed.path}"


def _remaining(deadline: float, timeout: float | None) -> float:
    """What is left of ``deadline`` for one socket operation, at most its own ``timeout``."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the download's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits at most until the download's deadline.

    httpx's timeouts bound each read, and restart with every byte: a server dripping its headers one byte a
    second would hold them forever. Here each socket operation gets what is left of one deadline.
    """

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream, self._deadline = stream, deadline

    def _left(self, timeout: float | None) -> float:
        return _remaining(self._deadline, timeout)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._left(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self._stream.start_tls(ssl_context, server_hostname, self._left(timeout)), self._deadline
        )

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own sockets, each a :class:`_DeadlineStream` (connecting included)."""

    def __init__(self, backend: httpcore.NetworkBackend, deadline: float) -> None:
        self._backend, self._deadline = backend, deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        left = _remaining(self._deadline, timeout)
        stream = self._backend.connect_tcp(host, port, left, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        left = _remaining(self._deadline, timeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, left, socket_options), self._deadline)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _transport(deadline: float) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport()
    # httpx has no public hook for httpcore's network backend; the pinned versions keep it here, and
    # test_a_dripping_server_fails_within_the_deadline fails if a release moves it.
    pool = transport._pool
    pool._network_backend = _DeadlineBackend(pool._network_backend, deadline)
    return transport


def download(url: str) -> bytes:
    """The body of a 2xx answer to ``GET url`` (redirects followed); anything else is an UpdateError.

    One deadline covers the whole of it: connecting, the headers and the body, across redirects.
    """
    try:
        scheme = httpx.URL(url).scheme
    except httpx.InvalidURL as exc:
        raise UpdateError(f"{url!r} is not a URL: {exc}") from None
    if scheme not in ("http", "https"):
        raise UpdateError(f"{url!r}: the URL must start with http:// or https://")
    deadline = time.monotonic() + DOWNLOAD_DEADLINE
    late = UpdateError(f"GET {shown(url)}: not finished after {DOWNLOAD_DEADLINE:g} s")
    body = bytearray()
    try:
        with (
            httpx.Client(timeout=TIMEOUT, follow_redirects=True, transport=_transport(deadline)) as client,
            client.stream("GET", url) as response,
        ):
            if not response.is_success:
                raise UpdateError(
                    f"GET {shown(response.url)}: HTTP {response.status_code} {response.reason_phrase} (expected 2xx)"
                )
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_BYTES:
                    raise UpdateError(f"GET {shown(url)}: more than {MAX_BYTES // 2**20} MiB; not the document")
                if time.monotonic() > deadline:
                    raise late
    except httpx.TimeoutException as exc:
        if time.monotonic() >= deadline:
            raise late from None
        raise UpdateError(f"GET {shown(url)}: {type(exc).__name__}: {exc}") from None
    except httpx.HTTPError as exc:
        raise UpdateError(f"GET {shown(url)}: {type(exc).__name__}: {exc}") from None
    return bytes(body)


def check_document(data: bytes, source: str, include: list[str]) -> None:
    """A YAML OpenAPI document with ``paths`` and a create operation ``include`` selects: else not ours."""
    try:
        document = load_yaml(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        raise UpdateError(f"{source}: not UTF-8 text, so not a YAML OpenAPI document") from None
    except PipelineError as exc:
        raise UpdateError(str(exc)) from None
    if not isinstance(document, dict) or "openapi" not in document:
        raise UpdateError(f"{source}: not an OpenAPI document (no 'openapi' key at the top)")
    external = next(_external_refs(document), None)
    if external is not None:
        raise UpdateError(f"{source}: external $ref {external!r} refused: only references inside the document")
    paths = document.get("paths")
    if not isinstance(paths, dict) or not paths:
        raise UpdateError(f"{source}: the OpenAPI document has no 'paths'")
    if not any(
        isinstance(item, dict) and "post" in item and any(word in path for word in include)
        for path, item in paths.items()
    ):
        words = " or ".join(repr(word) for word in include) or "(official.include is empty)"
        raise UpdateError(f"{source}: no create (POST) operation whose path contains {words}; the wrong document?")


def _external_refs(node: Any) -> Iterator[str]:
    """Every ``$ref`` that points outside the document (a URL or a file): none is ever fetched."""
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                yield ref
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


def regenerate(root: Path, official: Official, data: bytes, staging: Path) -> None:
    """``scripts.spec.generate`` over a copy of openapi/ holding the new document; the repository is not touched."""
    shutil.copytree(root / "openapi", staging / "openapi", ignore=shutil.ignore_patterns("__pycache__"))
    if (root / generate.README).is_file():  # its table of models is regenerated too
        shutil.copy2(root / generate.README, staging / generate.README)
    (staging / official.file).write_bytes(data)
    captured = io.StringIO()
    try:
        with contextlib.redirect_stderr(captured):
            status = generate.main(["--root", str(staging)])
    except Exception as exc:  # the pipeline's own bug on an unexpected document: still one line
        raise UpdateError(f"regeneration failed: {type(exc).__name__}: {exc}") from None
    messages = captured.getvalue().replace(f"{staging}{os.sep}", "")
    if status != 0:
        problem = messages[messages.find("error: ") :].removeprefix("error: ") if "error: " in messages else messages
        raise UpdateError(f"regeneration failed: {_one_line(problem) or f'exit {status}'}")
    sys.stderr.write(messages)  # the pipeline's warnings about the new document


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` in one step (a reader sees the old or the new file, never a part), keeping its mode."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def install(root: Path, staging: Path, files: list[Path]) -> None:
    """Swap the staged files and generated package into the repository; on any failure, put all back."""
    target = root / PACKAGE_DIR
    incoming = target.with_name(f".{target.name}.incoming-{os.getpid()}")
    outgoing = target.with_name(f".{target.name}.outgoing-{os.getpid()}")
    previous: dict[Path, bytes | None] = {}
    try:
        shutil.copytree(staging / PACKAGE_DIR, incoming, ignore=shutil.ignore_patterns("__pycache__"))
        for relative in files:
            path = root / relative
            previous[path] = path.read_bytes() if path.exists() else None
            write_atomic(path, (staging / relative).read_bytes())
        if target.exists():
            target.rename(outgoing)
        incoming.rename(target)
    except BaseException:
        if outgoing.exists():
            outgoing.rename(target)
        for path, data in previous.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                write_atomic(path, data)
        raise
    finally:
        shutil.rmtree(incoming, ignore_errors=True)
        shutil.rmtree(outgoing, ignore_errors=True)


@contextlib.contextmanager
def exclusive(root: Path) -> Iterator[None]:
    """One update at a time per repository: a second one would review against a tree the first replaces.

    The lock is on openapi/sources.yaml (it exists and is never replaced), so no lock file is left behind.
    """
    config_file = root / "openapi" / "sources.yaml"
    try:
        handle = config_file.open("rb")
    except OSError as exc:
        raise UpdateError(f"{config_file}: cannot open: {exc.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UpdateError(f"another update-spec is running in {root}") from None
        yield


def update(root: Path, url: str | None) -> tuple[str, Review]:
    """Download, check, regenerate aside, review, swap in: (a line saying what was stored, the review)."""
    with exclusive(root):
        return _update(root, url)


def _update(root: Path, url: str | None) -> tuple[str, Review]:
    official = read_official(root)
    url = url or official.url
    if not url:
        raise UpdateError("no URL: give --url or SPEC_URL, or official.url in openapi/sources.yaml")
    before = read_catalog(root / PACKAGE_DIR)
    data = download(url)
    check_document(data, shown(url), official.include)
    unchanged = (root / official.file).is_file() and (root / official.file).read_bytes() == data
    with tempfile.TemporaryDirectory(prefix="freepik-update-spec-") as tmp:
        staging = Path(tmp)
        regenerate(root, official, data, staging)
        review = compare(before, read_catalog(staging / PACKAGE_DIR))
        written = [official.file, generate.SPEC, generate.MODELS_DOC]
        install(root, staging, written + ([generate.README] if (root / generate.README).is_file() else []))
    stored = f"{shown(url)}: {len(data):,} bytes -> {official.file.as_posix()}"
    return stored + (" (the same document)" if unchanged else "") + "; regenerated", review


def _one_line(text: str, limit: int = 400) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.spec.update",
        description="Download Freepik's official OpenAPI document, regenerate, and review what changed.",
        epilog="Exit codes: 0 updated, nothing breaking; 3 updated, breaking changes; 1 failed, nothing changed.",
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    parser.add_argument(
        "--url", default=None, help="where to download from (default: $SPEC_URL, else official.url in sources.yaml)"
    )
    args = parser.parse_args(argv)
    try:
        stored, review = update(args.root.resolve(), args.url or os.environ.get("SPEC_URL") or None)
    except UpdateError as exc:
        print(f"error: {_one_line(str(exc))}; nothing changed", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("error: interrupted; nothing changed", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug here must still leave one line, never a traceback
        print(f"error: {type(exc).__name__}: {_one_line(str(exc))}; nothing changed", file=sys.stderr)
        return EXIT_FAILED
    print(stored)
    sys.stdout.write(render(review))
    return EXIT_BREAKING if review.breaking else EXIT_OK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
