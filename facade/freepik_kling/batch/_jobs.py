"""Jobs: read from a JSON Lines file or a list, every one checked before anything is sent.

A problem is reported as ``source: field: rule`` (``jobs.jsonl:4: duration: must be one of 5, 10``), and
all of them are found in one pass: the user fixes the file once, not line by line after paying for the rest.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from freepik_kling._catalog import DEFAULT_MODEL, ModelSpec, models
from freepik_kling._inputs import build_request
from freepik_kling.errors import InvalidInputError

MAX_ID_LENGTH = 100
# A job's id names its video file: it must stay one plain file name inside --out on every platform.
_SAFE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")
_RESERVED_ON_WINDOWS = {"CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10))}
ID_RULE = (
    f"must be a file name of 1-{MAX_ID_LENGTH} letters, digits, '.', '_' or '-', starting with a letter, "
    "a digit or '_' and not ending with '.' (it names the video in --out)"
)


@dataclass(frozen=True)
class Problem:
    """One reason a job cannot be sent, as ``source: field: rule``."""

    source: str
    field: str
    rule: str
    line: int = 0  # for ordering only

    def __str__(self) -> str:
        return f"{self.source}: {self.field}: {self.rule}"


@dataclass(frozen=True)
class Job:
    """One job: ``params`` as written; ``base_dir`` is where its relative image paths resolve from."""

    id: str
    model: str
    params: dict[str, Any]
    source: str
    line: int
    base_dir: Path
    named: bool = True  # False when the id is derived from the content

    @property
    def digest(self) -> str:
        """What the job asks for: a changed line has a different digest."""
        canonical = json.dumps({"model": self.model, "params": self.params}, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    @property
    def spec(self) -> ModelSpec:
        return models()[self.model]

    def resolved_params(self) -> dict[str, Any]:
        """``params`` with every relative local image path made absolute from ``base_dir``."""
        resolved = dict(self.params)
        for name in self.spec.image_fields:
            value = resolved.get(name)
            if isinstance(value, list):
                resolved[name] = [self._resolve(item) for item in value]
            elif value is not None:
                resolved[name] = self._resolve(value)
        return resolved

    def _resolve(self, value: Any) -> Any:
        if not isinstance(value, str) or not value or urlsplit(value).scheme in ("http", "https"):
            return value
        return str(self.base_dir / value)  # an absolute value stays as it is


class InvalidJobsError(InvalidInputError):
    """Some jobs break a rule; nothing was sent. ``problems`` names each one."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(first.source, f"{first.field}: {first.rule}")
        self.problems = problems
        self.args = ("\n".join(str(problem) for problem in problems),)

    def __str__(self) -> str:
        return str(self.args[0])


def read_jobs_file(path: Path) -> tuple[list[Job], list[Problem]]:
    """The jobs of a JSON Lines file and the problems of its bad lines; relative paths resolve from its folder.

    Raises InvalidInputError when the file itself cannot be read.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInputError("jobs", f"no such file: {path}") from None
    except IsADirectoryError:
        raise InvalidInputError("jobs", f"{path} is a folder, not a JSON Lines file") from None
    except OSError as error:
        raise InvalidInputError("jobs", f"cannot read {path}: {error.strerror or error}") from None
    entries: list[tuple[str, int, object]] = []
    problems: list[Problem] = []
    for number, raw in enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        source = f"{path}:{number}"
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(source, "line", f"not UTF-8 text (byte {error.start + 1})", number))
            continue
        if not text.strip():
            continue
        try:
            entries.append((source, number, json.loads(text)))
        except (ValueError, RecursionError) as error:
            problems.append(Problem(source, "line", f"not a JSON object ({error})", number))
    jobs, more = parse_jobs(entries, path.parent.absolute())
    return jobs, problems + more


def jobs_from_list(entries: Iterable[Mapping[str, Any]]) -> tuple[list[Job], list[Problem]]:
    """Jobs given as Python mappings (``jobs[3]`` in messages); relative paths resolve from the current folder."""
    numbered = [(f"jobs[{index}]", index + 1, entry) for index, entry in enumerate(entries)]
    return parse_jobs(numbered, Path.cwd())


def parse_jobs(entries: Iterable[tuple[str, int, object]], base_dir: Path) -> tuple[list[Job], list[Problem]]:
    jobs: list[Job] = []
    problems: list[Problem] = []
    seen: dict[str, Job] = {}
    for source, line, entry in entries:
        job = _job(source, line, entry, base_dir, problems)
        if job is None:
            continue
        other = seen.get(job.id.lower())
        if other is not None:
            rule = f"{job.id!r} is also the id of {other.source}" + (
                "" if other.id == job.id else " (the same file name where case does not count)"
            )
            if not job.named:
                rule = f'the same job as {other.source}; give each line an "id" to make both videos'
            problems.append(Problem(source, "id", rule, line))
            continue
        seen[job.id.lower()] = job
        jobs.append(job)
    return jobs, problems


def _job(source: str, line: int, entry: object, base_dir: Path, problems: list[Problem]) -> Job | None:
    if not isinstance(entry, Mapping):
        problems.append(Problem(source, "line", f"must be a JSON object, got {type(entry).__name__}", line))
        return None
    model = entry.get("model", DEFAULT_MODEL)
    if not isinstance(model, str) or model not in models():
        problems.append(Problem(source, "model", f"unknown model {model!r}; models: {', '.join(models())}", line))
        return None
    params = {key: value for key, value in entry.items() if key not in ("id", "model")}
    job_id = entry["id"] if "id" in entry else _derived_id(entry)
    if isinstance(job_id, int) and not isinstance(job_id, bool):
        job_id = str(job_id)
    if not isinstance(job_id, str) or not is_safe_id(job_id):
        problems.append(Problem(source, "id", f"{ID_RULE}; got {job_id!r}"[:300], line))
        return None
    return Job(job_id, model, params, source, line, base_dir, named="id" in entry)


def is_safe_id(job_id: str) -> bool:
    return (
        len(job_id) <= MAX_ID_LENGTH
        and _SAFE_ID.fullmatch(job_id) is not None
        and not job_id.endswith(".")
        and job_id.split(".")[0].upper() not in _RESERVED_ON_WINDOWS
    )


def _derived_id(entry: Mapping[str, Any]) -> str:
    # The same formula as earlier versions, so their journals resume with the same ids.
    canonical = json.dumps({k: v for k, v in entry.items() if k != "id"}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def check_fields(job: Job) -> Problem | None:
    """Check a job's fields against its model's schema, reading and checking local images; the built
    payload is dropped at once (a local image is up to 13 MB of base64) and built again when sending."""
    for name, value in job.params.items():
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            return Problem(job.source, name, "not valid Unicode text (it holds a lone surrogate)", job.line)
    try:
        build_request(job.spec, job.resolved_params())
    except InvalidInputError as error:
        return Problem(job.source, error.field, error.rule, job.line)
    return None
