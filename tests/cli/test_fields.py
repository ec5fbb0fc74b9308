"""Options made from a model's fields, on hand-made specs of the shapes the catalog will hold: text to
video, several image fields, lists, objects, booleans, whole numbers, names that clash with the CLI's."""

from __future__ import annotations

import argparse
import io
from contextlib import redirect_stdout
from typing import Any

import pytest

from freepik_kling._catalog import ModelSpec, Operation
from freepik_kling._cli.fields import IMAGE, ModelOptions, describe, main_image_field
from freepik_kling.errors import InvalidInputError

URL = {"type": "string", "format": "uri", "description": "Callback URL."}


def spec(fields: dict[str, dict[str, Any]], required: tuple[str, ...] = (), images: tuple[str, ...] = ()) -> ModelSpec:
    operation = Operation(module="m", method="POST", path="/v1/ai/x")
    shape = {"name": "Request", "request_class": "m.Request", "validator": "m.validate", "required": required}
    return ModelSpec(
        slug="kling-test",
        title="Kling Test",
        attribute="kling_test",
        source="page",
        source_file="kling-test.md",
        create=operation,
        status=operation,
        list=operation,
        details_module="",
        details={
            "description": "A test model",
            "shapes": [{**shape, "fields": fields, "images": {}}],
            "fields": fields,
            "required": list(required),
            "image_fields": list(images),
        },
    )


TEXT_TO_VIDEO = spec(
    {
        "prompt": {"type": "string", "maxLength": 2500, "description": "What happens, 100% of it."},
        "generate_audio": {"type": "boolean", "description": "Add sound."},
        "seed": {"type": "integer", "minimum": 0, "maximum": 99, "description": "Seed."},
        "tags": {"type": "array", "maxItems": 3, "items": {"type": "string"}, "description": "Tags."},
        "camera": {"type": "object", "description": "Camera moves."},
        "dynamic_masks": {"type": "array", "items": {"type": "object"}, "description": "Masks."},
        "webhook_url": URL,
    },
    required=("prompt",),
)
TWO_IMAGES = spec(
    {
        "image_tail": {"type": "string", "description": "Last frame. Supports Base64 encoding or URL."},
        "image": {"type": "string", "description": "First frame. Supports Base64 encoding or URL."},
        "cfg_scale": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5, "description": "Flexibility."},
    },
    images=("image_tail", "image"),
)


def parsed(model: ModelSpec, *argv: str) -> tuple[ModelOptions, argparse.Namespace]:
    parser = argparse.ArgumentParser(exit_on_error=False)
    parser.add_argument("--output")
    parser.add_argument("--model")
    options = ModelOptions(model)
    options.add_to(parser)
    return options, parser.parse_args(argv)


def test_every_shape_becomes_an_option_and_converts() -> None:
    options, args = parsed(
        TEXT_TO_VIDEO,
        *("--prompt", "waves", "--generate-audio", "--seed", "7", "--tags", "a", "--tags", "b"),
        *("--camera", '{"zoom": 1}', "--dynamic-masks", '[{"mask": "m"}]', "--webhook-url", "https://h.example"),
    )
    assert options.params(args, []) == {
        "prompt": "waves",
        "generate_audio": True,
        "seed": 7,
        "tags": ["a", "b"],
        "camera": {"zoom": 1},
        "dynamic_masks": [{"mask": "m"}],
        "webhook_url": "https://h.example",
    }
    options, args = parsed(TEXT_TO_VIDEO, "--no-generate-audio")
    assert options.params(args, []) == {"generate_audio": False}  # left-out fields are not sent


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--seed", "1.5"], "--seed: must be a whole number, got '1.5'"),
        (["--camera", "{zoom"], "--camera: must be a JSON object: "),
        (["--camera", "[1]"], "--camera: must be a JSON object, got list"),
        (["--dynamic-masks", "{}"], "--dynamic-masks: must be a JSON array, got dict"),
    ],
)
def test_conversion_errors_name_the_option(argv: list[str], message: str) -> None:
    options, args = parsed(TEXT_TO_VIDEO, *argv)
    with pytest.raises(InvalidInputError) as caught:
        options.params(args, [])
    assert str(caught.value).startswith(message)


def test_a_model_without_an_image_field_refuses_images() -> None:
    options, args = parsed(TEXT_TO_VIDEO, "--prompt", "x")
    assert main_image_field(TEXT_TO_VIDEO) is None
    with pytest.raises(InvalidInputError, match="IMAGE: kling-test takes no image: it makes a video from --prompt"):
        options.params(args, ["cat.jpg"])


def test_the_image_field_is_chosen_by_name_then_by_need() -> None:
    assert main_image_field(TWO_IMAGES) == "image"
    required_tail = spec(TWO_IMAGES.fields, required=("image_tail",), images=TWO_IMAGES.image_fields)
    assert main_image_field(required_tail) == "image_tail"
    options, args = parsed(TWO_IMAGES, "--image-tail", "https://e.com/last.png")
    assert options.params(args, ["https://e.com/first.png"]) == {
        "image": "https://e.com/first.png",
        "image_tail": "https://e.com/last.png",
    }


def test_library_errors_are_worded_as_options() -> None:
    options, args = parsed(TWO_IMAGES, "--cfg-scale", "0.2")
    options.params(args, ["a.png"])
    translated = options.translate(InvalidInputError("image", "image_tail needs an image; cfg_scale is set"))
    # snake_case words are field names; a plain word ("image") may be prose and stays as it is
    assert str(translated) == "IMAGE: --image-tail needs an image; --cfg-scale is set"
    assert str(options.translate(InvalidInputError("cfg_scale", "too high"))) == "--cfg-scale: too high"
    options, args = parsed(TWO_IMAGES, "--image", "a.png")
    options.params(args, [])
    assert str(options.translate(InvalidInputError("image", "no such file"))) == "--image: no such file"
    assert options.label("images[2]") == "images #3"


def test_fields_named_like_the_commands_own_options_get_a_prefix() -> None:
    clashing = spec({"output": {"type": "string", "description": "Format."}, "model": {"type": "string"}})
    options, args = parsed(clashing, "--field-output", "mp4", "--model", "kling-v2", "--field-model", "pro")
    assert options.flags == {"output": "--field-output", "model": "--field-model"}
    assert options.params(args, []) == {"output": "mp4", "model": "pro"}
    assert args.model == "kling-v2"


def test_help_comes_from_the_spec_with_rules_and_survives_percent_signs() -> None:
    parser = argparse.ArgumentParser(prog="animate")
    ModelOptions(TEXT_TO_VIDEO).add_to(parser)
    ModelOptions(TWO_IMAGES).add_to(argparse.ArgumentParser())
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit):
        parser.parse_args(["--help"])
    text = " ".join(out.getvalue().split())
    assert "What happens, 100% of it. [text, at most 2500 characters; required]" in text
    assert "--generate-audio, --no-generate-audio Add sound. [true or false]" in text
    assert "--seed N Seed. [whole number 0 to 99]" in text
    assert "--tags TEXT Tags. [1 to 3 items, each text] (repeat for each)" in text
    assert "--dynamic-masks JSON Masks. [JSON array of one or more objects]" in text


@pytest.mark.parametrize(
    ("schema", "image", "words"),
    [
        ({"type": "string", "enum": ["5", "10"]}, False, "one of 5, 10"),
        ({"type": "number", "minimum": 0, "maximum": 1, "default": 0.5}, False, "number 0 to 1; API default 0.5"),
        ({"type": "integer", "minimum": 1}, False, "whole number at least 1"),
        ({"type": "number", "maximum": 2.5}, False, "number at most 2.5"),
        (
            {"type": "string", "description": "Supports Base64 encoding or URL", "x-freepik-image": {"base64": True}},
            True,
            "image: a URL or a local",
        ),
        ({"type": "array", "maxItems": 4, "items": {"type": "string"}}, True, "1 to 4 images, each a public"),
        ({"type": "string", "format": "uri"}, False, "http(s) URL"),
    ],
)
def test_describe_states_values_and_bounds(schema: dict[str, Any], image: bool, words: str) -> None:
    assert describe(schema, image=image).startswith(words)


def test_positional_images_fill_a_list_field() -> None:
    elements = spec({"images": {"type": "array", "maxItems": 4, "items": {"type": "string"}}}, ("images",), ("images",))
    options, args = parsed(elements)
    assert options.params(args, ["a", "b"]) == {"images": ["a", "b"]}
    assert options.label("images[1]") == f"{IMAGE} #2"
