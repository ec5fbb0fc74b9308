"""Check and convert create() arguments against the model's request schema, before anything is sent.

The rules come from the generated catalog (types, enums, bounds, lengths, item counts, URL formats), so
they follow the spec. Image inputs add the limits the pages state for every Kling model: at most 10 MB,
at least 300x300 px, aspect ratio 1:2.5 to 2.5:1, JPEG or PNG.
"""

from __future__ import annotations

import binascii
import io
import os
import re
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from freepik_kling._catalog import ModelSpec
from freepik_kling.errors import InvalidInputError

ImageInput = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]
"""An http(s) URL, a local path, the image's bytes, or a binary file object."""

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MIN_IMAGE_SIDE = 300
MAX_ASPECT = 2.5
_IMAGE_FIELD = re.compile(r"image|mask|frame")
_FORMATS = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}
_SLICE = 3 * 256 * 1024  # a multiple of 3: base64 slices join without padding in between


def is_image_field(name: str) -> bool:
    return bool(_IMAGE_FIELD.search(name))


def accepts_base64(schema: dict[str, Any]) -> bool:
    """The pages say so in the description: "Supports Base64 encoding or URL"."""
    texts = [schema.get("description", ""), schema.get("items", {}).get("description", "")]
    return any("base64" in text.lower() for text in texts)


def build_payload(spec: ModelSpec, params: dict[str, Any]) -> dict[str, Any]:
    """The JSON body for a create call: checked, converted, and without the fields the caller left out."""
    unknown = sorted(set(params) - set(spec.fields))
    if unknown:
        raise InvalidInputError(unknown[0], f"not a field of {spec.slug}; fields: {', '.join(spec.fields)}")
    given = {name: value for name, value in params.items() if value is not None}
    for name in spec.required:
        if name not in given:
            raise InvalidInputError(name, f"required by {spec.slug}")
    return {name: _check(name, value, spec.fields[name], image=is_image_field(name)) for name, value in given.items()}


def _check(field: str, value: Any, schema: dict[str, Any], *, image: bool) -> Any:
    kind = schema.get("type")
    if kind == "array":
        return _check_array(field, value, schema, image=image)
    if image:
        return image_value(field, value, base64_ok=accepts_base64(schema))
    if kind == "string":
        return _check_string(field, value, schema)
    if kind in ("number", "integer"):
        return _check_number(field, value, schema)
    if kind == "boolean" and not isinstance(value, bool):
        raise InvalidInputError(field, f"must be true or false, got {value!r}")
    return value


def _check_array(field: str, value: Any, schema: dict[str, Any], *, image: bool) -> list[Any]:
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise InvalidInputError(field, f"must be a list, got {type(value).__name__}")
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        raise InvalidInputError(field, f"at most {schema['maxItems']} items, got {len(value)}")
    if not value:
        raise InvalidInputError(field, "must not be empty")
    names = [f"{field}[{index}]" for index in range(len(value))]
    if image:
        base64_ok = accepts_base64(schema)
        return [image_value(name, item, base64_ok=base64_ok) for name, item in zip(names, value, strict=True)]
    items = schema.get("items", {})
    return [_check(name, item, items, image=False) for name, item in zip(names, value, strict=True)]


def _check_string(field: str, value: Any, schema: dict[str, Any]) -> str:
    enum = schema.get("enum")
    if enum and isinstance(value, int) and not isinstance(value, bool) and all(str(e).isdigit() for e in enum):
        value = str(value)  # duration=5 means "5"
    if not isinstance(value, str):
        raise InvalidInputError(field, f"must be a string, got {type(value).__name__}")
    if enum and value not in enum:
        raise InvalidInputError(field, f"must be one of {', '.join(map(str, enum))}; got {value!r}")
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        raise InvalidInputError(field, f"at most {schema['maxLength']} characters, got {len(value)}")
    if schema.get("format") == "uri":
        check_url(field, value)
    return value


def _check_number(field: str, value: Any, schema: dict[str, Any]) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(field, f"must be a number, got {value!r}")
    if schema.get("type") == "integer" and not isinstance(value, int):
        raise InvalidInputError(field, f"must be a whole number, got {value!r}")
    low, high = schema.get("minimum"), schema.get("maximum")
    if (low is not None and value < low) or (high is not None and value > high) or value != value:
        raise InvalidInputError(field, f"must be between {low} and {high}, got {value!r}")
    return value


def check_url(field: str, value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidInputError(field, f"must be an http(s) URL, got {value[:80]!r}")


def image_value(field: str, value: Any, *, base64_ok: bool) -> str:
    """A URL as is; local data checked against the image limits and encoded as base64."""
    if isinstance(value, str) and urlsplit(value).scheme in ("http", "https"):
        check_url(field, value)
        return value
    if not base64_ok:
        raise InvalidInputError(field, "this model takes public image URLs only (http or https), not local data")
    with _open_image(field, value) as stream:
        check_image(field, stream)
        return _base64(stream)


def _open_image(field: str, value: Any) -> IO[bytes]:
    """A seekable binary stream over the image, its size checked before anything large is read."""
    if isinstance(value, bytes | bytearray | memoryview):
        stream: IO[bytes] = io.BytesIO(value)
    elif isinstance(value, str | os.PathLike):
        path = Path(value)
        if not path.is_file():
            raise InvalidInputError(field, f"not an http(s) URL and no such file: {str(value)[:120]!r}")
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise InvalidInputError(field, f"image is {size / 1e6:.1f} MB; the limit is 10 MB")
        return path.open("rb")
    elif hasattr(value, "read"):
        data = value.read(MAX_IMAGE_BYTES + 1)
        if not isinstance(data, bytes):
            raise InvalidInputError(field, "file object must be opened in binary mode ('rb')")
        stream = io.BytesIO(data)
    else:
        raise InvalidInputError(
            field, f"must be a URL, a path, bytes or a binary file object, got {type(value).__name__}"
        )
    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    if size > MAX_IMAGE_BYTES:
        raise InvalidInputError(field, f"image is over 10 MB ({size / 1e6:.1f} MB or more)")
    return stream


def _base64(stream: IO[bytes]) -> str:
    """Encoded slice by slice: the file's bytes and a whole base64 bytes object never exist at once, so a
    10 MB image costs the base64 text and one join (about 2.7 times its size), not five copies."""
    stream.seek(0)
    pieces = []
    while chunk := stream.read(_SLICE):  # buffered files and BytesIO return full slices until the end
        pieces.append(binascii.b2a_base64(chunk, newline=False).decode("ascii"))
    return "".join(pieces)


def check_image(field: str, stream: IO[bytes]) -> None:
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
    if width < MIN_IMAGE_SIDE or height < MIN_IMAGE_SIDE:
        raise InvalidInputError(field, f"image is {width}x{height} px; at least 300x300 px required")
    if not 1 / MAX_ASPECT <= width / height <= MAX_ASPECT:
        raise InvalidInputError(field, f"aspect ratio {width}:{height} is outside 1:2.5 to 2.5:1")
