"""Check and convert create() arguments against the model's request schema, before anything is sent.

Each request shape's JSON Schema is compiled to Python at ``make generate`` time (fastjsonschema): nested
objects, arrays of objects, enums, bounds, lengths and URL formats are checked in microseconds, and an error
names the JSON path (``dynamic_masks[0].trajectories[1].y``) and the rule. A model with several shapes
(image-to-video and text-to-video) accepts a body that fits any of them; the shape the fields fit best is
the one reported. Image fields were decided when the spec was built: local images are checked against the
limits their page states (else Kling's: at most 10 MB, at least 300x300 px, aspect 1:2.5 to 2.5:1, JPEG or
PNG) and sent as base64, encoded from the file or the bytes while the request body is written.
"""

from __future__ import annotations

import base64
import io
import math
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any
from urllib.parse import urlsplit

from freepik_kling._catalog import ModelSpec, Shape
from freepik_kling.errors import APIConnectionError, InvalidInputError

ImageInput = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]
"""An http(s) URL, a local path, the image's bytes, or a binary file object."""

_KINDS = {"string": "a string", "integer": "a whole number", "number": "a number", "boolean": "true or false"}
_KINDS |= {"array": "a list", "object": "an object (a dict)"}
# A length rule, "must be shorter than or equal to 2500 characters" or "must contain at least 1 items": the
# bound is in the message; group 1 is set when it is an upper bound.
_SIZE = re.compile(r"must (?:be|contain) (?:(shorter|less)|longer|at least)(?: than or equal to)? (\d+ \w+)")
_FORMATS = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}
_SLICE = 3 * 256 * 1024  # a multiple of 3: base64 slices join without padding in between


class LocalImage:
    """A checked local image (a path, or the bytes given), sent as base64 encoded slice by slice while the
    request body is written: neither the file nor its base64 is ever whole in memory. ``len()`` is the
    base64's; each request (a retry too) reads it again."""

    def __init__(self, source: str | os.PathLike[str] | memoryview, size: int) -> None:
        self.source, self.size = source, size

    def __len__(self) -> int:
        return 4 * -(-self.size // 3)

    def __repr__(self) -> str:
        return f"<local image, {self.size} bytes>"

    def chunks(self) -> Iterator[bytes]:
        if isinstance(self.source, memoryview):
            for start in range(0, self.size, _SLICE):
                yield base64.b64encode(self.source[start : start + _SLICE])
            return
        with open(self.source, "rb") as file:
            for start in range(0, self.size, _SLICE):
                chunk = file.read(want := min(_SLICE, self.size - start))
                if len(chunk) < want:
                    shorter = f"{str(self.source)[:120]!r} got shorter after it was checked: the body was cut off"
                    raise APIConnectionError(shorter + " before its end, so nothing was created")
                yield base64.b64encode(chunk)


def build_request(spec: ModelSpec, params: Mapping[str, Any]) -> tuple[Shape, dict[str, Any]]:
    """(the request shape the body fits, the JSON body); InvalidInputError naming the field and the rule.
    Each local image in the body is a checked :class:`LocalImage`, encoded as the body is sent."""
    unknown = sorted(set(params) - set(spec.fields))
    if unknown:
        import difflib  # only for this error: a client's import does not pay for it

        hint = "".join(f"did you mean {name!r}? " for name in difflib.get_close_matches(unknown[0], spec.fields, n=1))
        raise InvalidInputError(unknown[0], f"not a field of {spec.slug}; {hint}fields: {', '.join(spec.fields)}")
    given = {
        key: _json(key, _coerce(key, value, spec.fields[key])) for key, value in params.items() if value is not None
    }
    images: dict[tuple[str, bool], Any] = {}
    problems: list[InvalidInputError] = []
    shapes = sorted(spec.shapes, key=lambda shape: _misfit(shape, given))  # the best fit first
    for shape in shapes:
        try:
            missing = [name for name in shape.required if name not in given]
            empty = [name for name in shape.required if given.get(name) in ("", [])]
            if missing or empty:  # a missing field is named before an empty one
                rule = f"required by {spec.slug}" if missing else f"must not be empty (required by {spec.slug})"
                raise InvalidInputError((missing or empty)[0], rule)
            payload = given
            for path, limits in shape.images.items():  # "dynamic_masks[].mask": dynamic_masks, [], mask
                payload = _with_images(payload, path.replace("[]", ".[]").split("."), "", limits, images)
            _validate(shape, _stand_in(payload) if images else payload)
            return shape, payload
        except InvalidInputError as exc:
            problems.append(exc)
    closest = f" (closest request shape of {spec.slug}: {shapes[0].name})" if len(shapes) > 1 else ""
    raise InvalidInputError(problems[0].field, problems[0].rule + closest)  # the problem of the best fit


def build_query(spec: ModelSpec, params: Mapping[str, Any]) -> dict[str, Any]:
    """list()'s query parameters, each checked against the list route's documented schema; InvalidInputError
    naming the parameter and the rule. One not given is None, which the generated module leaves out."""
    query = spec.list_parameters
    if unknown := sorted(set(params) - set(query.fields)):
        takes = ", ".join(query.fields) or "none"
        raise InvalidInputError(unknown[0], f"not a parameter of {spec.slug}'s list route, which takes {takes}")
    given = {k: _json(k, _coerce(k, v, query.fields[k])) for k, v in params.items() if v is not None}  # None: not given
    if missing := [name for name in query.required if name not in given]:
        raise InvalidInputError(missing[0], f"required by {spec.slug}'s list route")
    if given:
        _validate(query, given)
    return {name: given.get(name) for name in query.fields}


def _misfit(shape: Shape, given: Mapping[str, Any]) -> tuple[int, int]:
    """How badly the given fields fit a shape: fields it lacks, then required fields not given. (Fields it
    shares need no count of their own: given fields are either foreign or shared.)"""
    return sum(name not in shape.fields for name in given), sum(name not in given for name in shape.required)


def _coerce(name: str, value: Any, field: Mapping[str, Any]) -> Any:
    """``duration=5`` where the API wants ``"5"``, and ``"5"`` where it wants 5 (as the command line gives)."""
    digits = field.get("enum") and all(str(item).isdigit() for item in field["enum"])
    if isinstance(value, int) and not isinstance(value, bool) and field.get("type") == "string" and digits:
        if str(value) not in field["enum"]:  # named as given: 7, not the '7' it would have become
            raise InvalidInputError(name, f"must be one of {', '.join(field['enum'])}; got {value!r}")
        return str(value)
    # ASCII digits only ("²" is a digit int() refuses), and short of the digits int() parses at most.
    if (
        isinstance(value, str)
        and value.isascii()
        and value.isdigit()
        and len(value) < 100
        and field.get("type") == "integer"
    ):
        return int(value)
    return value


def _json(where: str, value: Any) -> Any:
    """``value`` as JSON data (tuples become lists); strings must be valid Unicode."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")  # the fast test: 0.1 µs for a 2,500-character prompt, a regex search takes 8
        except UnicodeEncodeError:
            raise InvalidInputError(where, "is not valid text (it holds a lone surrogate code point)") from None
        return value  # strings are most of a body: no more isinstance checks for them
    if isinstance(value, Mapping):
        return {key: _json(f"{where}.{key}", item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json(f"{where}[{index}]", item) for index, item in enumerate(value)]
    if isinstance(value, int) and value.bit_length() > 63:  # past any API's integers, and past what int() prints
        raise InvalidInputError(where, "is too large: a whole number must fit in 64 bits")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInputError(where, f"must be a finite number, got {value!r}")
    return value


def _stand_in(node: Any) -> Any:
    """``node`` with a short base64 string where a local image will be: what the schema sees of it."""
    if isinstance(node, LocalImage):
        return "AAAA"
    if isinstance(node, dict):
        return {key: _stand_in(value) for key, value in node.items()}
    return [_stand_in(item) for item in node] if isinstance(node, list) else node


def _validate(shape: Shape, payload: dict[str, Any]) -> None:
    try:
        shape.validate()(payload)
    except ValueError as exc:  # fastjsonschema's JsonSchemaValueException: "data.a[0].b must be integer"
        where, _, rule = str(exc).removeprefix("data").partition(" ")
        value: Any = payload
        schema: Mapping[str, Any] = {"properties": shape.fields}
        for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", where):  # the path, step by step
            value = value[int(index)] if index else value.get(name) if isinstance(value, dict) else None
            schema = schema.get("items", {}) if index else schema.get("properties", {}).get(name, {})
        raise InvalidInputError(where.lstrip(".") or "(body)", _readable(rule, value, schema)) from None


def _readable(rule: str, value: Any, schema: Mapping[str, Any]) -> str:
    """fastjsonschema's rule in plain words, with the value that broke it."""
    size, kind = _SIZE.fullmatch(rule), _KINDS.get(rule.removeprefix("must be "))
    if size:
        return f"{'at most' if size[1] else 'at least'} {size[2]}, got {len(value)}"
    if kind and not schema.get("enum"):
        return f"must be {kind}, got {value!r}"[:200]
    if kind or rule.startswith("must be one of"):  # duration=5.0 where "5" or "10" is asked: name those
        return f"must be one of {', '.join(map(str, schema.get('enum', [])))}; got {value!r}"
    if rule.startswith(("must be smaller", "must be bigger")):
        low, high = schema.get("minimum"), schema.get("maximum")
        bounds = f"must be between {low:g} and {high:g}" if low is not None and high is not None else rule
        return f"{bounds}, got {value!r}"
    return "must be an http(s) URL without spaces" if rule == "must be uri" else rule


def _with_images(node: Any, steps: Sequence[str], where: str, limits: Mapping[str, Any], done: dict[Any, Any]) -> Any:
    """``node`` with the image at the path ``steps`` (``[]`` = every list item) checked and, if local,
    encoded: once for all shapes, as ``done`` remembers."""
    if not steps:  # the image itself; the key tells a URL-only field from one that takes local data
        if (key := (where, bool(limits.get("base64")))) not in done:
            done[key] = image_value(where, node, limits)
        return done[key]
    step, rest = steps[0], steps[1:]
    if step == "[]" and isinstance(node, list):
        return [_with_images(item, rest, f"{where}[{index}]", limits, done) for index, item in enumerate(node)]
    if step != "[]" and isinstance(node, dict) and step in node:
        return {**node, step: _with_images(node[step], rest, f"{where}.{step}" if where else step, limits, done)}
    return node  # not given, or not a list or an object where one belongs: the validator says which


def check_url(field: str, value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or not value.isprintable() or " " in value:
        raise InvalidInputError(field, f"must be an http(s) URL without spaces, got {value[:80]!r}")


def image_value(field: str, value: Any, limits: Mapping[str, Any]) -> str | LocalImage:
    """A URL as is; local data checked against the image limits, to be sent as base64."""
    if isinstance(value, str) and urlsplit(value).scheme in ("http", "https"):
        if not limits.get("url", True):
            raise InvalidInputError(field, "this model takes the image itself (a path, bytes or a file), not a URL")
        check_url(field, value)
        return value
    if not limits.get("base64"):
        got = f"got {value[:80]!r}" if isinstance(value, str) else f"got {type(value).__name__}"
        rule = "this model takes public image URLs only (http or https), not local data"
        raise InvalidInputError(field, f"{rule}; {got}")
    with _open_image(field, value, int(limits["max_bytes"])) as stream:
        check_image(field, stream, limits)
        size = stream.seek(0, os.SEEK_END)
        return LocalImage(memoryview(stream.getvalue()) if isinstance(stream, io.BytesIO) else value, size)


def _megabytes(count: int) -> str:
    return f"{round(count / (1024 * 1024), 1):g} MB"


def _ratio(value: float) -> str:
    return f"1:{1 / value:g}" if value < 1 else f"{value:g}:1"


def _open_image(field: str, value: Any, max_bytes: int) -> IO[bytes]:
    """A seekable binary stream over the image, its size checked before anything large is read."""
    if isinstance(value, io.TextIOBase):  # its read() would decode the image's bytes as text
        raise InvalidInputError(field, "file object must be opened in binary mode ('rb')")
    if hasattr(value, "read"):
        value = value.read(max_bytes + 1)
        if not isinstance(value, bytes):
            raise InvalidInputError(field, "file object must be opened in binary mode ('rb')")
    if isinstance(value, bytes | bytearray | memoryview):  # given, or read above
        if memoryview(value).nbytes > max_bytes:
            raise InvalidInputError(field, f"image is over {_megabytes(max_bytes)}")
        return io.BytesIO(value)
    if not isinstance(value, str | os.PathLike):
        kind = type(value).__name__
        raise InvalidInputError(field, f"must be a URL, a path, bytes or a binary file object, got {kind}")
    if not os.path.isfile(value):  # False, never an error, for a folder, a FIFO or a name the system refuses
        what = "not a regular file" if os.path.exists(value) else "no such file"
        raise InvalidInputError(field, f"not an http(s) URL and {what}: {str(value)[:120]!r}")
    try:
        size = os.path.getsize(value)
        if size <= max_bytes:
            return open(value, "rb")
    except OSError as exc:
        raise InvalidInputError(field, f"cannot read {str(value)[:120]!r}: {exc.strerror}") from None
    raise InvalidInputError(field, f"image is {_megabytes(size)}; the limit is {_megabytes(max_bytes)}")


def check_image(field: str, stream: IO[bytes], limits: Mapping[str, Any]) -> None:
    """Format, dimensions and aspect ratio, from the header only."""
    head = stream.read(16)
    stream.seek(0)
    kind = next((name for magic, name in _FORMATS.items() if head.startswith(magic)), None)
    if kind is None:
        raise InvalidInputError(field, "image must be JPEG or PNG")
    import imagesize  # only when there is a local image: it pulls in urllib.request

    try:
        width, height = imagesize.get(stream)
    except (ValueError, OSError) as exc:
        raise InvalidInputError(field, f"unreadable {kind.upper()} image: {exc}") from None
    if width <= 0 or height <= 0:
        raise InvalidInputError(field, f"unreadable {kind.upper()} image")
    side = int(limits["min_side"])
    if width < side or height < side:
        raise InvalidInputError(field, f"image is {width}x{height} px; at least {side}x{side} px required")
    low, high = float(limits["min_aspect"]), float(limits["max_aspect"])
    if not low - 1e-9 <= width / height <= high + 1e-9:
        raise InvalidInputError(field, f"aspect ratio {width}:{height} is outside {_ratio(low)} to {_ratio(high)}")
