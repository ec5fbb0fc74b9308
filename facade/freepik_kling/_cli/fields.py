"""Command-line options made from a model's request fields, so a model added by a page needs no CLI code.

Each request field of the chosen model becomes an option (``cfg_scale`` -> ``--cfg-scale``) whose help is
the spec's description plus its rules; the model's main image field is also filled by the positional
``IMAGE`` arguments. Values are converted here and checked by ``_inputs.build_request``, whose errors name
request fields: ``ModelOptions.translate`` words them as the options the user typed.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections.abc import Mapping
from typing import Any

from freepik_kling._catalog import ModelSpec, models
from freepik_kling.errors import InvalidInputError

IMAGE = "IMAGE"
_STRUCTURED = ("object", "array")
_IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")  # snake_case: a field name, never prose
_ITEM = re.compile(r"^(\w+)\[(\d+)\]$")


def flag(field: str) -> str:
    return "--" + field.replace("_", "-")


IMAGE_MARK = "x-freepik-image"
_IMAGE_TEXT = {
    (True, True): "image: a URL or a local JPEG/PNG file",
    (True, False): "image: a local JPEG/PNG file",
    (False, True): "image: a public http(s) URL",
    (False, False): "image",
}


def main_image_field(spec: ModelSpec) -> str | None:
    """The field IMAGE fills: a required image field, else ``image``/``images``, else the first one; None
    for a model that takes no image (text to video)."""
    fields = list(spec.image_fields)
    preferred = [name for name in fields if name in spec.required] + [n for n in fields if n in ("image", "images")]
    return next(iter(preferred or fields), None)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def describe(schema: Mapping[str, Any], *, image: bool = False) -> str:
    """A field's allowed values and bounds in a few words: ``one of 5, 10``, ``number 0 to 1``."""
    kind = schema.get("type")
    items = schema.get("items", {})
    if image:
        mark = schema.get(IMAGE_MARK) or items.get(IMAGE_MARK) or {}
        what = _IMAGE_TEXT[bool(mark.get("base64")), bool(mark.get("url", True))]
        text = what if kind != "array" else f"{_count(schema)} images, each {what.removeprefix('image: ')}"
    elif kind == "array" and items.get("type") in _STRUCTURED:
        text = f"JSON array of {_count(schema)} {items.get('type')}s"
    elif kind == "array":
        text = f"{_count(schema)} items, each {describe(items)}"
    elif "enum" in schema:
        text = "one of " + ", ".join(_number(value) for value in schema["enum"])
    elif kind in ("number", "integer"):
        low, high = schema.get("minimum"), schema.get("maximum")
        text = "whole number" if kind == "integer" else "number"
        if low is not None and high is not None:
            text += f" {_number(low)} to {_number(high)}"
        elif low is not None or high is not None:
            text += f" at least {_number(low)}" if low is not None else f" at most {_number(high)}"
    elif kind == "boolean":
        text = "true or false"
    elif kind == "object":
        text = "JSON object"
    elif schema.get("format") == "uri":
        text = "http(s) URL"
    else:
        text = "text" + (f", at most {schema['maxLength']} characters" if "maxLength" in schema else "")
    if "default" in schema:
        text += f"; API default {json.dumps(schema['default'])}"
    return text


def _count(schema: Mapping[str, Any]) -> str:
    return f"1 to {schema['maxItems']}" if "maxItems" in schema else "one or more"


def _metavar(schema: Mapping[str, Any], image: bool) -> str:
    kind = schema.get("type")
    if image:
        return IMAGE
    if "enum" in schema:
        return "{" + ",".join(_number(value) for value in schema["enum"]) + "}"
    if kind in ("number", "integer"):
        return "N"
    if kind in _STRUCTURED:
        return "JSON"
    return "URL" if schema.get("format") == "uri" else "TEXT"


_MARKDOWN = re.compile(r"\*\*|`")  # the spec's bold and code marks: a terminal shows them as they are


def _help(text: str) -> str:
    return _MARKDOWN.sub("", " ".join(text.split())).replace("%", "%%")  # argparse %-formats help strings


class ModelOptions:
    """One model's request fields as options of a parser, and the way back from option values to fields.

    ``cli_defaults`` are values the command line sends when the user gives none (kling-v2 requires a
    duration, the CLI makes it 5 seconds).
    """

    def __init__(self, spec: ModelSpec, cli_defaults: dict[str, Any] | None = None) -> None:
        self.spec = spec
        self.image_field = main_image_field(spec)
        self.cli_defaults = cli_defaults or {}
        self.flags: dict[str, str] = {}  # field -> its option
        self._given_as: dict[str, str] = {}  # field -> IMAGE or the option it was given with
        self._image_help = f"{spec.slug} takes no image: give a prompt"

    def add_to(self, parser: argparse.ArgumentParser) -> None:
        group = parser.add_argument_group(
            f"{self.spec.slug} options",
            "From the API's documentation of the model. Leave an option out and the API applies its default.",
        )
        for field, schema in self.spec.fields.items():
            arguments = self._argument(field, schema)
            try:
                group.add_argument(flag(field), dest="field:" + field, default=None, **arguments)
                self.flags[field] = flag(field)
            except argparse.ArgumentError:  # the field's name is one of the command's own options
                group.add_argument("--field" + flag(field)[1:], dest="field:" + field, default=None, **arguments)
                self.flags[field] = "--field" + flag(field)[1:]

    def _argument(self, field: str, schema: Mapping[str, Any]) -> dict[str, Any]:
        image = field in self.spec.image_fields
        notes = [describe(schema, image=image)]
        if field in self.spec.required:
            notes.append("required")
        if field in self.cli_defaults:
            notes.append(f"default here: {self.cli_defaults[field]}")
        text = _help(f"{schema.get('description', '').strip()} [{'; '.join(notes)}]".strip())
        if field == self.image_field:  # given as IMAGE, which shows this help; the option still works, unlisted
            self._image_help, text = text, argparse.SUPPRESS
        kind = schema.get("type")
        if kind == "boolean":
            return {"action": argparse.BooleanOptionalAction, "help": text}
        items = schema.get("items", {})
        if kind == "array" and items.get("type") not in _STRUCTURED:
            repeat = " (repeat for each)" if text != argparse.SUPPRESS else ""
            return {"action": "append", "metavar": _metavar(items, image), "help": text + repeat}
        return {"metavar": _metavar(schema, image), "help": text}

    def image_help(self) -> str:
        """The help of the positional IMAGE arguments: the main image field's, once :meth:`add_to` ran."""
        return self._image_help

    def params(self, args: argparse.Namespace, images: list[str]) -> dict[str, Any]:
        """The create() arguments from the parsed options and the positional images; conversion errors
        name the option."""
        values = vars(args)
        params: dict[str, Any] = {}
        for field, option in self.flags.items():
            raw = values.get("field:" + field)
            if raw is not None:
                params[field] = _convert(option, self.spec.fields[field], raw)
                self._given_as[field] = option
        if images:
            self._fill_images(images, params)
        for field, value in self.cli_defaults.items():
            params.setdefault(field, value)
        return params

    def _fill_images(self, images: list[str], params: dict[str, Any]) -> None:
        field = self.image_field
        if field is None:
            prompt = f": it makes a video from {self.flags['prompt']} alone" if "prompt" in self.flags else ""
            raise InvalidInputError(IMAGE, f"{self.spec.slug} takes no image{prompt}")
        if field in params:
            raise InvalidInputError(IMAGE, f"give the image as IMAGE or as {self.flags[field]}, not both")
        self._given_as[field] = IMAGE
        if self.spec.fields[field].get("type") == "array":
            params[field] = list(images)
        elif len(images) > 1:
            raise InvalidInputError(IMAGE, f"{self.spec.slug} takes one image, got {len(images)}")
        else:
            params[field] = images[0]

    def label(self, field: str) -> str:
        """How the user gives ``field`` (or an item ``images[1]``): ``IMAGE``, ``IMAGE #2``, ``--cfg-scale``."""
        item = _ITEM.match(field)
        if item:
            return f"{self.label(item[1])} #{int(item[2]) + 1}"
        if field == self.image_field and self._given_as.get(field, IMAGE) == IMAGE:
            return IMAGE
        return self.flags.get(field, field)

    def translate(self, error: InvalidInputError) -> InvalidInputError:
        """The library's error, with request field names replaced by the options that set them."""
        rule = _IDENTIFIER.sub(lambda match: self.label(match[0]) if match[0] in self.flags else match[0], error.rule)
        return InvalidInputError(self.label(error.field), rule)

    def unknown_option(self, token: str) -> InvalidInputError | None:
        """For an option argparse did not know: if it is another model's field, say which models take it."""
        name = token.split("=", 1)[0]
        field = name.removeprefix("--").replace("-", "_")
        if not name.startswith("--") or field in self.flags:
            return None
        takers = [slug for slug, spec in models().items() if field in spec.fields]
        if not takers:
            return None
        return InvalidInputError(
            name,
            f"not an option of {self.spec.slug} (its options: {', '.join(self.flags.values())}); "
            f"models that take it: {', '.join(takers)}",
        )


def _convert(option: str, schema: Mapping[str, Any], raw: Any) -> Any:
    kind = schema.get("type")
    if kind == "boolean":
        return raw  # BooleanOptionalAction gave a bool
    items = schema.get("items", {})
    if kind == "array" and items.get("type") not in _STRUCTURED:
        return [_scalar(f"{option} #{number}", items, value) for number, value in enumerate(raw, start=1)]
    if kind in _STRUCTURED:
        return _json(option, str(kind), raw)
    return _scalar(option, schema, raw)


def _scalar(label: str, schema: Mapping[str, Any], raw: str) -> Any:
    kind = schema.get("type")
    if kind in ("number", "integer"):
        noun = "a whole number" if kind == "integer" else "a number"
        try:
            value: float = int(raw) if kind == "integer" else float(raw)
        except ValueError:
            raise InvalidInputError(label, f"must be {noun}, got {raw!r}") from None
        if not math.isfinite(value):
            raise InvalidInputError(label, f"must be a finite number, got {raw!r}")
        return value
    if kind == "boolean":
        if raw.lower() not in ("true", "false"):
            raise InvalidInputError(label, f"must be true or false, got {raw!r}")
        return raw.lower() == "true"
    return raw


def _json(option: str, kind: str, raw: str) -> Any:
    try:
        value = json.loads(raw)
    except ValueError as error:
        raise InvalidInputError(option, f"must be a JSON {kind}: {error}") from None
    if not isinstance(value, list if kind == "array" else dict):
        raise InvalidInputError(option, f"must be a JSON {kind}, got {type(value).__name__}")
    return value
