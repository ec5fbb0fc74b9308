"""`make update-spec`: download Freepik's official OpenAPI document, regenerate, review what changed.

Usage: ``python -m scripts.spec.update [--root DIR] [--url URL] [--json]``. The URL is ``--url``, else
``SPEC_URL`` from the environment, else ``official.url`` in ``openapi/sources.yaml``.

The download (one deadline for all of it) is checked (YAML within its limits, an OpenAPI document with
``paths``, no external ``$ref``, and at least one create operation that ``official.include`` selects), then
regenerated in a temporary copy of ``openapi/``. Only when that succeeded are the vendored document, the
merged spec, docs/models.md, the golden record, CHANGELOG.md and generated/freepik_api swapped into the
repository, with a rollback if the swap itself fails. The review compares the old and new catalogs and merged
documents, read as data (nothing staged runs): one line per change with its mark (BREAKING, compatible, info),
its model and its field; docs/pipeline.md lists what each mark covers.

Exit codes: 0 updated with no breaking change (or nothing changed at all); 3 updated, with breaking changes
to review before committing; 1 failed, the repository is as it was; 2 bad arguments.
"""

from __future__ import annotations

import argparse
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

from scripts.spec import generate, model_pages
from scripts.spec.build import IMAGE_EXTENSION
from scripts.spec.catalog import read_value
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
    """What a caller depends on: the routes, per request shape every field's rules by dotted path, and the list
    route's query parameters' rules."""

    title: str
    routes: dict[str, str]
    shapes: dict[str, dict[str, Rules]]
    source: str = "official"  # or "page"
    source_file: str = ""
    list_parameters: dict[str, Rules] = field(default_factory=dict)


def read_catalog(package: Path) -> dict[str, Model]:
    """The models in a generated package (none if it has no catalog yet), without importing it."""
    index = package / "catalog" / "__init__.py"
    if not index.is_file():
        return {}
    models = {}
    try:
        index_models = read_value(index, "MODELS")
    except PipelineError as exc:
        raise UpdateError(str(exc)) from None
    for slug, entry in index_models.items():
        try:
            details = read_value(package.joinpath(*entry["details"].split(".")[1:]).with_suffix(".py"), "DETAILS")
            query = details.get("list_parameters") or {}  # a catalog written before list() took any: none
            models[slug] = Model(
                title=entry["title"],
                routes={kind: f"{entry[kind]['method']} {entry[kind]['path']}" for kind in ROUTES},
                shapes={shape["name"]: flatten(shape["fields"], shape["required"]) for shape in details["shapes"]},
                source=entry["source"],
                source_file=entry["source_file"],
                list_parameters=flatten(query.get("fields") or {}, query.get("required") or []),
            )
        except PipelineError as exc:
            raise UpdateError(str(exc)) from None
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

BREAKING, COMPATIBLE, INFO = "BREAKING", "compatible", "info"
EVERY_MODEL = "(all models)"
"""The model a change to servers, security schemes, key headers or shared answers is shown under."""


def _mark(breaking: bool) -> str:
    return BREAKING if breaking else COMPATIBLE


@dataclass(frozen=True)
class Change:
    sign: str  # "+" added, "-" removed, "~" changed
    subject: str
    detail: str
    mark: str  # BREAKING (a caller's working code may now fail), compatible, or info (nothing a caller sends)

    @property
    def breaking(self) -> bool:
        return self.mark == BREAKING


@dataclass
class Review:
    added: dict[str, Model] = field(default_factory=dict)
    removed: dict[str, Model] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)  # old slug -> new slug, same request shapes
    changed: dict[str, list[Change]] = field(default_factory=dict)

    @property
    def breaking(self) -> int:
        changes = sum(change.breaking for changes in self.changed.values() for change in changes)
        return len(self.removed) + len(self.renamed) + changes

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.renamed or self.changed)

    def rows(self) -> list[tuple[str, str, str, str, str]]:
        """(mark, model, sign, subject, detail), one per change: what is printed, and what --json gives."""
        rows = [(COMPATIBLE, slug, "+", "model", f"{m.title}  {m.routes['create']}") for slug, m in self.added.items()]
        rows += [(BREAKING, slug, "-", "model", f"{m.title}  {m.routes['create']}") for slug, m in self.removed.items()]
        rows += [
            (BREAKING, old, "~", "model", f"renamed to {new} (same request fields)")
            for old, new in self.renamed.items()
        ]
        for slug, changes in self.changed.items():
            rows += [(c.mark, slug, c.sign, c.subject, c.detail) for c in changes]
        return rows


def compare(
    before: dict[str, Model],
    after: dict[str, Model],
    old_document: dict[str, Any] | None = None,
    new_document: dict[str, Any] | None = None,
) -> Review:
    """The catalogs compared model by model, and (given) the merged documents for what the catalog does not
    hold: routes the build guessed, answers, servers, security schemes and which host takes which key header."""
    review = Review(
        added={slug: model for slug, model in after.items() if slug not in before},
        removed={slug: model for slug, model in before.items() if slug not in after},
    )
    for old_slug, old_model in list(review.removed.items()):  # one model gone, one with its very fields new
        twins = [slug for slug, m in review.added.items() if m.shapes == old_model.shapes and m.shapes]
        same = [slug for slug, m in review.removed.items() if m.shapes == old_model.shapes]
        if len(twins) == 1 and len(same) == 1:
            twin = twins[0]
            review.renamed[old_slug] = twin
            del review.removed[old_slug], review.added[twin]
    old_doc, new_doc = old_document or {}, new_document or {}
    for slug in before.keys() & after.keys():
        changes = model_changes(before[slug], after[slug])
        changes += source_changes(before[slug], after[slug], _guessed(new_doc, slug))
        changes += answer_changes(old_doc, new_doc, slug)
        if changes:
            review.changed[slug] = changes
    for slug in review.added:
        if _guessed(new_doc, slug):
            page = after[slug].source_file
            review.changed[slug] = [Change("+", "routes", f"guessed from the slug (page {page} documents none)", INFO)]
    document = document_changes(old_doc, new_doc) if old_document is not None and new_document is not None else []
    review.changed = dict(sorted(review.changed.items()))
    if document:
        review.changed[EVERY_MODEL] = document
    return review


def _guessed(document: dict[str, Any], slug: str) -> bool:
    return bool(((document.get("x-freepik-models") or {}).get(slug) or {}).get("routes_guessed"))


def source_changes(old: Model, new: Model, guessed: bool) -> list[Change]:
    """A model the official document dropped, kept alive by an old page: never a silent "no changes"."""
    if old.source == "official" and new.source == "page":
        routes = "; its routes are guessed from the slug" if guessed else ""
        detail = f"no longer in the official document: stands only on the old page {new.source_file}{routes}"
        return [Change("~", "source", detail, BREAKING)]
    if old.source != new.source:
        return [Change("~", "source", f"{old.source} {old.source_file} -> {new.source} {new.source_file}", INFO)]
    return []


def _operation(document: dict[str, Any], slug: str, kind: str) -> dict[str, Any]:
    model = (document.get("x-freepik-models") or {}).get(slug) or {}
    for item in (document.get("paths") or {}).values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == model.get(kind):
                return operation
    return {}


def answer_changes(old_doc: dict[str, Any], new_doc: dict[str, Any], slug: str) -> list[Change]:
    """The statuses each route documents, and what the create answers with."""
    changes = []
    for kind in ROUTES:
        old, new = _operation(old_doc, slug, kind), _operation(new_doc, slug, kind)
        if not old or not new:
            continue
        old_codes, new_codes = set(old.get("responses") or {}), set(new.get("responses") or {})
        for code in sorted(old_codes - new_codes):
            changes.append(Change("-", f"{kind} answer {code}", "no longer documented", _mark(code.startswith("2"))))
        for code in sorted(new_codes - old_codes):
            changes.append(Change("+", f"{kind} answer {code}", "now documented", INFO))
        before, after = _answer_schema(old), _answer_schema(new)
        if before != after:
            changes.append(
                Change("~", f"{kind} answer 200", f"schema {before or '(none)'} -> {after or '(none)'}", BREAKING)
            )
    return changes


def _answer_schema(operation: dict[str, Any]) -> str:
    schema = (
        (((operation.get("responses") or {}).get("200") or {}).get("content") or {}).get("application/json") or {}
    ).get("schema") or {}
    return str(schema.get("$ref", "")).rsplit("/", 1)[-1]


def document_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Servers, security schemes, each host's key header, and the values answers carry (shared by all models)."""
    changes = []
    old_servers = [str(s.get("url", "")) for s in old.get("servers") or []]
    new_servers = [str(s.get("url", "")) for s in new.get("servers") or []]
    if old_servers[:1] != new_servers[:1]:
        changes.append(Change("~", "default server", f"{_first(old_servers)} -> {_first(new_servers)}", BREAKING))
    changes += [Change("-", "server", url, BREAKING) for url in old_servers if url not in new_servers]
    changes += [Change("+", "server", url, COMPATIBLE) for url in new_servers if url not in old_servers]
    old_schemes = (old.get("components") or {}).get("securitySchemes") or {}
    new_schemes = (new.get("components") or {}).get("securitySchemes") or {}
    for name in sorted(old_schemes.keys() | new_schemes.keys()):
        before, after = _scheme(old_schemes.get(name)), _scheme(new_schemes.get(name))
        if before == after:
            continue
        if not after:
            changes.append(Change("-", f"security scheme {name}", f"removed (was {before})", BREAKING))
        elif not before:
            changes.append(Change("+", f"security scheme {name}", after, COMPATIBLE))
        else:
            changes.append(Change("~", f"security scheme {name}", f"{before} -> {after}", BREAKING))
    old_keys, new_keys = old.get("x-freepik-key-headers") or {}, new.get("x-freepik-key-headers") or {}
    for host in sorted(old_keys.keys() | new_keys.keys()):
        old_header, new_header = old_keys.get(host), new_keys.get(host)
        if old_header == new_header:
            continue
        if new_header is None:
            changes.append(Change("-", f"key header of {host}", f"no longer documented (was {old_header})", BREAKING))
        elif old_header is None:
            changes.append(Change("+", f"key header of {host}", str(new_header), COMPATIBLE))
        else:
            changes.append(Change("~", f"key header of {host}", f"{old_header} -> {new_header}", BREAKING))
    old_answers, new_answers = _answer_components(old), _answer_components(new)
    for name in sorted(old_answers.keys() & new_answers.keys()):
        old_enum, new_enum = old_answers[name].get("enum"), new_answers[name].get("enum")
        if isinstance(old_enum, list) and isinstance(new_enum, list):
            added = [value for value in new_enum if value not in old_enum]
            dropped = [value for value in old_enum if value not in new_enum]
            if added:  # an answer with a value old callers never saw (oasdiff: breaking)
                changes.append(Change("~", f"answer {name}", f"enum adds {_values(added)}", BREAKING))
            if dropped:
                changes.append(Change("~", f"answer {name}", f"enum drops {_values(dropped)}", INFO))
    return changes


def _first(urls: list[str]) -> str:
    return urls[0] if urls else "(none)"


def _scheme(scheme: Any) -> str:
    if not isinstance(scheme, dict):
        return ""
    return f"{scheme.get('type')} in {scheme.get('in')} {scheme.get('name')}"


def _answer_components(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The component schemas the documented answers reach."""
    schemas = (document.get("components") or {}).get("schemas") or {}
    found: dict[str, dict[str, Any]] = {}
    pending: list[Any] = [
        operation.get("responses")
        for item in (document.get("paths") or {}).values()
        for operation in item.values()
        if isinstance(operation, dict)
    ]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            name = ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None
            if name and name not in found and isinstance(schemas.get(name), dict):
                found[name] = schemas[name]
                pending.append(schemas[name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return found


def model_changes(old: Model, new: Model) -> list[Change]:
    changes = []
    if len(old.shapes) == len(new.shapes) == 1:  # one request shape: its name is incidental
        pairs = [(next(iter(old.shapes.values())), next(iter(new.shapes.values())), "")]
    else:
        pairs = [(old.shapes[name], new.shapes[name], f"{name}: ") for name in old.shapes if name in new.shapes]
        changes += [Change("-", f"shape {name}", "removed", BREAKING) for name in old.shapes if name not in new.shapes]
        changes += [Change("+", f"shape {name}", "added", COMPATIBLE) for name in new.shapes if name not in old.shapes]
    for old_fields, new_fields, label in pairs:
        changes += field_changes(old_fields, new_fields, label)
    changes += field_changes(old.list_parameters, new.list_parameters, "list parameter ")  # the rules of request fields
    for kind in ROUTES:
        if old.routes[kind] != new.routes[kind]:
            changes.append(Change("~", f"{kind} route", f"{old.routes[kind]} -> {new.routes[kind]}", BREAKING))
    return changes


def field_changes(old: dict[str, Rules], new: dict[str, Rules], label: str = "") -> list[Change]:
    changes = []
    added, removed = _outermost(new.keys() - old.keys()), _outermost(old.keys() - new.keys())
    for path in list(removed):  # the same rules under a new name: one rename, not a removal and an addition
        twin = next((other for other in added if _same_place(path, other) and new[other] == old[path]), None)
        if twin is not None and not any(key.startswith((f"{path}.", f"{path}[")) for key in old):
            changes.append(Change("~", label + path, f"renamed to {twin.rsplit('.', 1)[-1]}", BREAKING))
            added.remove(twin)
            removed.remove(path)
    for path in added:
        required = new[path]["required"]
        changes.append(Change("+", label + path, "added, required" if required else "added", _mark(required)))
    changes += [Change("-", label + path, "removed", BREAKING) for path in removed]
    for path in sorted(old.keys() & new.keys()):
        changes += [Change("~", label + path, detail, mark) for detail, mark in rule_changes(old[path], new[path])]
    return changes


def _same_place(one: str, other: str) -> bool:
    return one.rpartition(".")[0] == other.rpartition(".")[0]


def _outermost(paths: Iterable[str]) -> list[str]:
    """The paths not inside another of them: a removed object is one change, not one per nested field."""
    kept: list[str] = []
    for path in sorted(paths):
        if not any(path.startswith((f"{outer}.", f"{outer}[", f"{outer}<")) for outer in kept):
            kept.append(path)
    return kept


def rule_changes(old: Rules, new: Rules) -> Iterator[tuple[str, str]]:
    """(what changed, its mark): BREAKING where a caller's code that worked may now be refused."""
    for key in [*old, *(key for key in new if key not in old)]:
        before, after = old.get(key, MISSING), new.get(key, MISSING)
        if before == after:
            continue
        if key == "required":
            yield ("now required", BREAKING) if after else ("no longer required", COMPATIBLE)
        elif key == "enum":
            yield from _enum_changes(before, after)
        elif key == "default":  # oasdiff: information; the API applies it, a caller sends nothing new
            yield _describe(key, before, after), INFO
        else:
            yield _describe(key, before, after), _mark(_tightens(key, before, after))


def _enum_changes(before: Any, after: Any) -> Iterator[tuple[str, str]]:
    if after is MISSING:
        yield f"enum dropped (was {_values(before)})", COMPATIBLE
    elif before is MISSING:
        yield f"enum set: {_values(after)}", BREAKING
    else:
        dropped = [value for value in before if value not in after]
        added = [value for value in after if value not in before]
        if dropped:
            yield f"enum drops {_values(dropped)}", BREAKING
        if added:
            yield f"enum adds {_values(added)}", COMPATIBLE


def _tightens(key: str, before: Any, after: Any) -> bool:
    """Whether the new rule refuses something the old one took (unknown rules count as tightening)."""
    word = key.rsplit(" ", 1)[-1]  # "image max_bytes" is an upper bound like "maxLength"
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
    show = _word if key in ("type", "format", "pattern") else json.dumps  # a default "0.5" is not 0.5
    if before is MISSING:
        return f"{key} {show(after)} (new)"
    if after is MISSING:
        return f"{key} removed (was {show(before)})"
    return f"{key} {show(before)} -> {show(after)}"


def _word(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _values(values: Iterable[Any]) -> str:
    return ", ".join(json.dumps(value) for value in values)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summary(review: Review) -> str:
    count = sum(len(changes) for changes in review.changed.values())
    changed = len([slug for slug in review.changed if slug != EVERY_MODEL])
    renamed = f", {len(review.renamed)} renamed" if review.renamed else ""
    return (
        f"{_count(len(review.added), 'model')} added, {len(review.removed)} removed{renamed}, {changed} changed"
        f" ({_count(count, 'field or route change')}); {review.breaking} breaking"
    )


def render(review: Review) -> str:
    """The review: one aligned line per change (its mark, model, sign, subject, detail), then the counts."""
    if not review:
        return "no changes\n"
    rows = review.rows()
    model_width = max(len(row[1]) for row in rows)
    subject_width = max(len(row[3]) for row in rows) + 2
    lines = [
        f"{mark:10}  {model:{model_width}}  {sign} {subject:{subject_width}}  {detail}".rstrip()
        for mark, model, sign, subject, detail in rows
    ]
    return "\n".join([*lines, summary(review)]) + "\n"


def as_json(stored: str, review: Review) -> dict[str, Any]:
    keys = ("mark", "model", "sign", "subject", "detail")
    return {
        "stored": stored,
        "changes": [dict(zip(keys, row, strict=True)) for row in review.rows()],
        "breaking": review.breaking,
        "summary": summary(review) if review else "no changes",
    }


# -- CHANGELOG.md -------------------------------------------------------------------------------------------

CHANGELOG = Path("CHANGELOG.md")
_CHANGELOG_HEAD = (
    "# Changelog\n\nAll notable changes to this project are documented in this file. The format is based on\n"
    "[Keep a Changelog](https://keepachangelog.com/en/1.1.0/), and this project adheres to\n"
    "[Semantic Versioning](https://semver.org/spec/v2.0.0.html).\n"
)
UNRELEASED = "## [Unreleased]"


def changelog_entries(stored: str, review: Review) -> dict[str, list[str]]:
    """Keep a Changelog sections (Added, Changed, Removed) -> their bullet lines, from the review."""
    sections: dict[str, list[str]] = {"Added": [], "Changed": [], "Removed": []}
    sections["Changed"].append(f"- The official OpenAPI document was updated ({summary(review)}); {stored}.")
    for mark, model, sign, subject, detail in review.rows():
        text = f"`{model}`" + ("" if subject == "model" else f": `{subject}`") + f" {detail}"
        prefix = "**BREAKING** " if mark == BREAKING else ""
        section = (
            "Added"
            if (sign, subject) == ("+", "model")
            else "Removed"
            if (sign, subject) == ("-", "model")
            else "Changed"
        )
        sections[section].append(f"- {prefix}{text}")
    return {name: lines for name, lines in sections.items() if lines}


def with_changelog(text: str | None, entries: dict[str, list[str]]) -> str:
    """``text`` (a Keep a Changelog file, or None) with ``entries`` added to its Unreleased section."""
    text = text if text is not None else _CHANGELOG_HEAD
    if UNRELEASED not in text:
        first = text.find("\n## ")
        head, rest = (text, "") if first < 0 else (text[: first + 1], text[first + 1 :])
        text = head.rstrip("\n") + f"\n\n{UNRELEASED}\n\n" + rest
    head, _, rest = text.partition(UNRELEASED)
    end = rest.find("\n## ")
    section, tail = (rest, "") if end < 0 else (rest[: end + 1], rest[end + 1 :])
    for name, lines in entries.items():
        heading = f"\n### {name}\n"
        if heading in section:
            start = section.index(heading) + len(heading)
            after = section.find("\n### ", start)
            cut = len(section.rstrip("\n")) if after < 0 else after
            section = section[:cut].rstrip("\n") + "\n" + "\n".join(lines) + "\n" + section[cut:]
        else:
            section = section.rstrip("\n") + f"\n{heading}\n" + "\n".join(lines) + "\n"
    return head + UNRELEASED + section.rstrip("\n") + "\n" + ("\n" + tail if tail else "")


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
    old_document = _merged(root / generate.SPEC) if before else None
    data = download(url)
    check_document(data, shown(url), official.include)
    unchanged = (root / official.file).is_file() and (root / official.file).read_bytes() == data
    stored = f"{shown(url)}: {len(data):,} bytes -> {official.file.as_posix()}"
    with tempfile.TemporaryDirectory(prefix="freepik-update-spec-") as tmp:
        staging = Path(tmp)
        regenerate(root, official, data, staging)
        new_document = _merged(staging / generate.SPEC)
        review = compare(before, read_catalog(staging / PACKAGE_DIR), old_document, new_document)
        written = [official.file, generate.SPEC, generate.MODELS_DOC, generate.GOLDEN]
        written += sorted(page.relative_to(staging) for page in (staging / model_pages.PAGES).glob("*.md"))
        written += [generate.README] if (root / generate.README).is_file() else []
        if review:  # the entry is swapped in with the rest, or not at all
            current = (root / CHANGELOG).read_text(encoding="utf-8") if (root / CHANGELOG).is_file() else None
            (staging / CHANGELOG).write_text(with_changelog(current, changelog_entries(stored, review)), "utf-8")
            written.append(CHANGELOG)
        install(root, staging, written)
    return stored + (" (the same document)" if unchanged else "") + "; regenerated", review


def _merged(file: Path) -> dict[str, Any]:
    """A merged document, read as data; one that cannot be read fails the review (never "no changes")."""
    try:
        document = read_yaml_file(file)
    except PipelineError as exc:
        raise UpdateError(f"cannot review: {exc}") from None
    if not isinstance(document, dict):
        raise UpdateError(f"cannot review: {file}: not a mapping")
    return document


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
    parser.add_argument("--json", action="store_true", help="print the review as one JSON object (for CI)")
    args = parser.parse_args(argv)
    try:
        stored, review = update(args.root.resolve(), args.url or os.environ.get("SPEC_URL") or None)
    except UpdateError as exc:
        return _failed(f"{_one_line(str(exc))}; nothing changed", EXIT_FAILED, args.json)
    except KeyboardInterrupt:
        return _failed("interrupted; nothing changed", EXIT_INTERRUPTED, args.json)
    except Exception as exc:  # a bug here must still leave one line, never a traceback
        return _failed(f"{type(exc).__name__}: {_one_line(str(exc))}; nothing changed", EXIT_FAILED, args.json)
    code = EXIT_BREAKING if review.breaking else EXIT_OK
    if args.json:
        print(json.dumps({**as_json(stored, review), "exit_code": code}, indent=2))
    else:
        print(stored)
        sys.stdout.write(render(review))
    return code


def _failed(message: str, code: int, as_json: bool) -> int:
    print(f"error: {message}", file=sys.stderr)
    if as_json:
        print(json.dumps({"error": message, "exit_code": code}))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
